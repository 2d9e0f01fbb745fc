package io.easystore.els;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The record header's numbers are read and written with core's shared varint helpers. */
class HeaderVarintTest {

  @Test
  void elsHeaderRoundTripsThroughTheSharedVarintHelpers() throws Exception {
    byte[] value = "v".getBytes(StandardCharsets.UTF_8);
    Header h = new Header(ElsKind.STRING, (1L << 62) + 5, "k\u00e9y");
    byte[] seg = h.encode(value, 1, 2);
    Header.Decoded d = Header.decode(seg, "s", "e");
    assertThat(d.header()).isEqualTo(h);
    assertThat(d.segments()).isEqualTo(2);
    assertThat(d.keyBytes()).isEqualTo(4);
    assertThat(seg.length - d.valueOffset()).isEqualTo(1);
  }

  @Test
  void nonCanonicalElsHeaderNumberIsRejected() {
    // segments = 1 padded with a zero group
    byte[] padded = {1, (byte) ElsKind.BUCKET.code(), (byte) 0x81, 0x00, 0x00, 0x00};
    assertThatThrownBy(() -> Header.decode(padded, "s", "e")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not canonical");
  }

  @Test
  void elsHeaderKeepsItsFourByteLimitForCounts() {
    byte[] five = {1, (byte) ElsKind.BUCKET.code(), (byte) 0x81, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01, 0, 0};
    assertThatThrownBy(() -> Header.decode(five, "s", "e")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than 4 bytes");
  }
}
