package io.easystore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.crypto.Encryption;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.io.RangeSource;
import io.easystore.remote.RemoteOptions;
import io.easystore.remote.RemoteSources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An encrypted container streamed to a real S3 API (S3Proxy) through the multipart sink reads back
 * through {@code s3://} URIs with the key, within the plaintext request budget, and is refused
 * without it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3EncryptedReadTest {
  static final KeyProvider KEYS = KeyProviders.of("s3-key", new byte[] {
      9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8});
  static S3ProxyServer s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3ProxyServer();
    s3.createBucket("secret");
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  @Test
  void anEncryptedContainerWrittenToS3ReadsBackWithItsKeyOnly() throws Exception {
    RemoteOptions options = s3.providerOptions();
    String uri = "s3://secret/enc.des";
    try (DesWriter w = DesWriter.create(RemoteSources.createSink(uri, options),
        WriterOptions.defaults().withEncryption(Encryption.of("s3-key", KEYS)))) {
      for (int i = 0; i < 50_000; i++) {
        w.addFile("dir/f" + i, ("body " + i).repeat(1 + i % 7).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    try (RangeSource src = RemoteSources.open(uri, options);
        DesReader r = DesReader.open(src, ReaderOptions.defaults().withKeys(KEYS))) {
      assertThat(RemoteSources.requestStats(src).orElseThrow().requests()).as("open").isEqualTo(1);
      assertThat(new String(r.getFile("dir/f7"), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("body 7");
      assertThat(RemoteSources.requestStats(src).orElseThrow().requests()).as("open and a cold lookup")
          .isLessThanOrEqualTo(1 + r.stats().indexLevels());
      long before = RemoteSources.requestStats(src).orElseThrow().requests();
      r.getFile("dir/f7");
      assertThat(RemoteSources.requestStats(src).orElseThrow().requests() - before).as("warm").isEqualTo(1);
      assertThat(r.encryption().orElseThrow().keyId()).isEqualTo("s3-key");
    }
    try (DesReader r = DesReader.open(uri, ReaderOptions.defaults().withKeys(KEYS), options)) {
      List<String> names = new ArrayList<>();
      for (int i = 100; i < 140; i++) {
        names.add("dir/f" + i);
      }
      assertThat(r.getFiles(names)).hasSize(40);
      assertThat(r.verify().problems()).isEmpty();
    }
    assertThatThrownBy(() -> DesReader.open(uri, ReaderOptions.defaults(), options))
        .isInstanceOfSatisfying(KeyUnavailableException.class, e -> {
          assertThat(e.reason()).isEqualTo(KeyUnavailableException.Reason.MISSING);
          assertThat(e.getMessage()).contains(uri);
        });
  }
}
