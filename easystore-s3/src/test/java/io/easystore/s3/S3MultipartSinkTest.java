package io.easystore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.io.ContainerSink;
import io.easystore.testing.RangeSourceContract;
import io.easystore.remote.ObjectChangedException;
import io.easystore.remote.RemoteRangeSource;
import io.easystore.remote.RemoteSources;
import io.easystore.io.RequestStats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Multipart and single-request uploads against S3Proxy: all or nothing becomes visible. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3MultipartSinkTest {
  static final int PART = S3MultipartSink.MIN_PART_SIZE;
  static S3ProxyServer s3;
  static int counter;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3ProxyServer();
    s3.createBucket("writes");
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  static S3Location next() {
    return S3Location.of("writes", "out/c" + counter++ + ".des");
  }

  static S3MultipartSink sink(S3Location loc) {
    return S3MultipartSink.create(s3.admin, loc, PART, S3ProxyServer.OPTIONS.retry());
  }

  static byte[] readBack(S3Location loc) throws IOException {
    try (RemoteRangeSource s = S3RangeSource.open(s3.admin, loc, S3ProxyServer.OPTIONS)) {
      return s.readFully(0, (int) s.size());
    }
  }

  /** Writes in seeded random chunk sizes, as a container writer would. */
  static void writeChunked(ContainerSink sink, byte[] content, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    int pos = 0;
    while (pos < content.length) {
      int n = Math.min(content.length - pos, 1 + r.nextInt(300_000));
      if (r.nextBoolean()) {
        sink.write(ByteBuffer.wrap(content, pos, n));
      } else {
        sink.write(content, pos, n);
      }
      pos += n;
      assertThat(sink.position()).isEqualTo(pos);
    }
  }

  @Test
  void aSmallContainerIsOnePutObject() throws Exception {
    S3Location loc = next();
    byte[] c = RangeSourceContract.content(100_000, 1);
    try (S3MultipartSink sink = sink(loc)) {
      writeChunked(sink, c, 1);
      assertThat(s3.exists(loc)).isFalse();
      sink.publish();
      assertThat(sink.stats()).isEqualTo(new RequestStats.Snapshot(1, 100_000, 0));
      assertThat(sink.partsUploaded()).isZero();
      assertThat(sink.publishedEtag()).isPresent();
    }
    assertThat(readBack(loc)).isEqualTo(c);
  }

  @Test
  void exactlyOnePartIsStillOnePutObject() throws Exception {
    S3Location loc = next();
    byte[] c = RangeSourceContract.content(PART, 2);
    try (S3MultipartSink sink = sink(loc)) {
      sink.write(ByteBuffer.wrap(c));
      sink.publish();
      assertThat(sink.stats().requests()).isEqualTo(1);
    }
    assertThat(readBack(loc)).isEqualTo(c);
  }

  @Test
  void anEmptyContainerCanBePublished() throws Exception {
    S3Location loc = next();
    try (S3MultipartSink sink = sink(loc)) {
      sink.publish();
    }
    assertThat(s3.exists(loc)).isTrue();
  }

  @Test
  void aLargeContainerGoesUpInPartsAndAppearsOnlyOnPublish() throws Exception {
    S3Location loc = next();
    byte[] c = RangeSourceContract.content(2 * PART + 12_345, 3);
    try (S3MultipartSink sink = sink(loc)) {
      writeChunked(sink, c, 3);
      assertThat(sink.partsUploaded()).isEqualTo(2);
      assertThat(s3.exists(loc)).isFalse();
      sink.publish();
      // create + 3 parts + complete
      assertThat(sink.stats()).isEqualTo(new RequestStats.Snapshot(5, c.length, 0));
      assertThat(sink.publishedEtag()).hasValueSatisfying(e -> assertThat(e).contains("-3"));
    }
    assertThat(readBack(loc)).isEqualTo(c);
  }

  @Test
  void closingWithoutPublishAbortsTheUploadAndLeavesNothingBehind() throws Exception {
    S3Location loc = next();
    byte[] c = RangeSourceContract.content(PART + 1000, 4);
    S3MultipartSink sink = sink(loc);
    sink.write(ByteBuffer.wrap(c));
    assertThat(sink.partsUploaded()).isEqualTo(1);
    sink.close();
    sink.close();
    assertThat(s3.exists(loc)).isFalse();
    assertThat(s3.admin.listMultipartUploads(b -> b.bucket("writes")).uploads())
        .noneMatch(u -> u.key().equals(loc.key()));
    assertThatThrownBy(() -> sink.write(ByteBuffer.allocate(1))).isInstanceOf(IOException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void closingASmallUnpublishedSinkSendsNothing() throws Exception {
    S3Location loc = next();
    S3MultipartSink sink = sink(loc);
    sink.write(new byte[10], 0, 10);
    sink.close();
    assertThat(sink.stats().requests()).isZero();
    assertThat(s3.exists(loc)).isFalse();
  }

  @Test
  void aPublishedSinkRefusesMoreWritesAndASecondPublish() throws Exception {
    S3Location loc = next();
    S3MultipartSink sink = sink(loc);
    sink.write(new byte[10], 0, 10);
    sink.publish();
    assertThatThrownBy(() -> sink.write(new byte[1], 0, 1)).isInstanceOf(IOException.class).hasMessageContaining("published");
    assertThatThrownBy(sink::publish).isInstanceOf(IOException.class);
    sink.close();
    assertThat(s3.exists(loc)).isTrue();
  }

  @Test
  void partSizesBelowFiveMebibytesAreRejected() {
    assertThatThrownBy(() -> S3MultipartSink.create(s3.admin, next(), PART - 1, S3ProxyServer.OPTIONS.retry()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S3MultipartSink.create(s3.admin, new S3Location("writes", "k", "v1"), PART,
        S3ProxyServer.OPTIONS.retry())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void overwritingAContainerInvalidatesReadersOfTheOldOne() throws Exception {
    S3Location loc = next();
    byte[] v1 = RangeSourceContract.content(200_000, 5);
    byte[] v2 = RangeSourceContract.content(200_000, 6);
    try (S3MultipartSink sink = sink(loc)) {
      sink.write(ByteBuffer.wrap(v1));
      sink.publish();
    }
    try (RemoteRangeSource reader = S3RangeSource.open(s3.admin, loc, S3ProxyServer.OPTIONS)) {
      try (S3MultipartSink sink = sink(loc)) {
        sink.write(ByteBuffer.wrap(v2));
        sink.publish();
      }
      assertThatThrownBy(() -> reader.readFully(0, 10)).isInstanceOf(ObjectChangedException.class);
    }
    assertThat(readBack(loc)).isEqualTo(v2);
  }

  @Test
  void remoteSourcesCreatesS3SinksThroughTheProvider() throws Exception {
    S3Location loc = next();
    byte[] c = RangeSourceContract.content(PART + 77, 7);
    try (ContainerSink sink = RemoteSources.createSink(loc.toString(),
        s3.providerOptions().withProperty("s3.partSize", Integer.toString(PART)))) {
      assertThat(sink).isInstanceOf(S3MultipartSink.class);
      sink.write(ByteBuffer.wrap(c));
      sink.publish();
    }
    assertThat(readBack(loc)).isEqualTo(c);
  }
}
