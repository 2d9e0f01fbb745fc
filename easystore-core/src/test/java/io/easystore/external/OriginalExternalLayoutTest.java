package io.easystore.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.ExternalBodyException;
import io.easystore.WriterOptions;
import io.easystore.corrupt.V1Bytes;
import io.easystore.internal.io.SiblingKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External big files of the original DES writer: its {@code external_key} is bucket-absolute
 * ({@code <s3_prefix>/_bigFiles/<name>}) with the container under the same prefix (layout A:
 * {@code day/shard.des}, {@code s3_prefix='day'}). des reads that form as well as its own
 * relative keys, never outside the container's directory, and writes v1 externals where the
 * original readers look.
 */
class OriginalExternalLayoutTest {
  @TempDir
  Path root;

  private static byte[] big(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  private Path originalLayoutA(String externalKey, byte[] body) throws IOException {
    Path day = Files.createDirectories(root.resolve("extroot/day"));
    Files.createDirectories(day.resolve("_bigFiles"));
    Files.write(day.resolve("_bigFiles/big1.bin"), body);
    Path c = day.resolve("shard.des");
    Files.write(c, new V1Bytes()
        .add("small.txt", new byte[] {'s'}, null)
        .add("big1.bin", body, "{\"size\": " + body.length + ", \"is_external\": true, \"external_key\": \""
            + externalKey + "\"}", 1)
        .build());
    return c;
  }

  @Test
  void bucketAbsoluteKeyOfTheOriginalWriterIsFound() throws IOException {
    byte[] body = big(5000);
    Path c = originalLayoutA("day/_bigFiles/big1.bin", body);
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.getFile("big1.bin")).isEqualTo(body);
      assertThat(r.openStream("big1.bin").readAllBytes()).isEqualTo(body);
      assertThat(r.getFile("small.txt")).containsExactly('s');
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  @Test
  void keysThatWouldEscapeTheContainersDirectoryAreStillRefused() throws IOException {
    byte[] body = big(100);
    Path c = originalLayoutA("../day/_bigFiles/big1.bin", body);
    try (DesReader r = DesReader.open(c)) {
      assertThatThrownBy(() -> r.getFile("big1.bin")).isInstanceOf(CorruptContainerException.class)
          .hasMessageContaining("big1.bin");
    }
    assertThat(SiblingKeys.bucketAbsoluteAlternative("/a/extroot/day/shard.des", "day/_bigFiles/x"))
        .isEqualTo("_bigFiles/x");
    assertThat(SiblingKeys.bucketAbsoluteAlternative("s3://bucket/2025/01/c.des", "2025/01/_bigFiles/x"))
        .isEqualTo("_bigFiles/x");
    assertThat(SiblingKeys.bucketAbsoluteAlternative("s3://bucket/c.des", "bucket/x")).isNull();
    assertThat(SiblingKeys.bucketAbsoluteAlternative("/a/day/c.des", "day")).isNull();
  }

  @Test
  void missingSiblingInBothFormsIsATypedError() throws IOException {
    byte[] body = big(100);
    Path c = originalLayoutA("day/_bigFiles/other.bin", body);
    try (DesReader r = DesReader.open(c)) {
      assertThatThrownBy(() -> r.getFile("big1.bin")).isInstanceOf(ExternalBodyException.class)
          .hasMessageContaining("day/_bigFiles/other.bin");
    }
  }

  @Test
  void v1ExternalBodiesAreWrittenWhereTheOriginalReadersLook() throws IOException {
    Path dir = Files.createDirectories(root.resolve("w"));
    Path c = dir.resolve("v1ext.des");
    byte[] body = big(3000);
    try (DesWriter w = DesWriter.create(c, WriterOptions.v1().withExternalThreshold(1000))) {
      w.addFile("big.bin", body, null);
      w.addFile("tiny.txt", new byte[] {1}, null);
    }
    assertThat(dir.resolve("_bigFiles/big.bin")).exists();
    assertThat(Arrays.equals(Files.readAllBytes(dir.resolve("_bigFiles/big.bin")), body)).isTrue();
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.getMeta("big.bin").get("external_key").asText()).isEqualTo("_bigFiles/big.bin");
      assertThat(r.getMeta("big.bin").get("is_external").asBoolean()).isTrue();
      assertThat(r.getFile("big.bin")).isEqualTo(body);
    }
  }
}
