package io.easystore.records.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.codec.CodecId;
import io.easystore.crypto.KeyProviders;
import io.easystore.crypto.WrongKeyException;
import io.easystore.records.Entry;
import io.easystore.records.RecordArchives;
import io.easystore.records.RecordReader;
import io.easystore.records.RecordTypes;
import io.easystore.records.ReaderOptions;
import io.easystore.records.RecordWriter;
import io.easystore.records.WriterOptions;
import io.easystore.remote.HttpRangeSource;
import io.easystore.testing.JettyFileServer;
import io.easystore.remote.RemoteOptions;
import io.easystore.remote.RemoteRangeSource;
import io.easystore.remote.RetryPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An encrypted record archive read over HTTP range requests from a real server (Jetty). */
class EncryptedRemoteRecordsTest {
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final RemoteOptions OPTIONS = RemoteOptions.defaults()
      .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)).withRetry(RetryPolicy.none());

  @TempDir static Path root;
  @TempDir Path tmp;
  static JettyFileServer jetty;

  @BeforeAll
  static void start() throws Exception {
    jetty = new JettyFileServer(root);
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.close();
  }

  @Test
  void anEncryptedArchiveReadsOverHttpWithItsKeyAndNotWithAnother() throws Exception {
    Path p = tmp.resolve("remote.rec");
    List<String> recs = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      recs.add("{\"n\":" + i + ",\"msg\":\"record number " + i + "\"}");
    }
    WriterOptions wo = WriterOptions.defaults().withCodec(CodecId.ZSTD).withEncryption("rk", KeyProviders.of("rk", KEY));
    try (RecordWriter w = RecordArchives.create(p, wo)) {
      for (String r : recs) {
        w.append(r.getBytes(StandardCharsets.UTF_8));
      }
    }
    URI uri = jetty.publish(Files.readAllBytes(p));
    try (RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
        RecordReader r = RecordArchives.open(s, ReaderOptions.defaults().withKeys(KeyProviders.of("rk", KEY)))) {
      assertThat(r.stream(RecordTypes.utf8()).map(Entry::value).collect(Collectors.toList()))
          .containsExactlyElementsOf(recs);
      assertThat(s.stats().requests()).isPositive();
    }
    byte[] other = KEY.clone();
    other[0] ^= 1;
    assertThatThrownBy(() -> {
      try (RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
          RecordReader r = RecordArchives.open(s, ReaderOptions.defaults().withKeys(KeyProviders.of("rk", other)))) {
        r.stream(RecordTypes.utf8()).count();
      }
    }).isInstanceOf(WrongKeyException.class).hasMessageContaining(uri.toString());
  }
}
