package io.easystore.internal.bytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The allocation-free varint read that records, .rix and ELS share with the cursor. */
class BoundedVarintTest {

  @Test
  void boundedVarintReadAgreesWithTheCursorOnCanonicalInput() throws Exception {
    Random rnd = new Random(7);
    for (int i = 0; i < 5000; i++) {
      long v = rnd.nextLong() >>> (1 + rnd.nextInt(63));
      byte[] b = new byte[12];
      int end = ByteBuilder.putVarLong(b, 1, v);
      assertThat(end - 1).isEqualTo(ByteBuilder.varLongSize(v));
      assertThat(ByteCursor.varLongAt(b, 1, end, 9)).isEqualTo(v);
      assertThat(new ByteCursor("t", 0, b, 1, end).varLong("v")).isEqualTo(v);
    }
  }

  @Test
  void nonCanonicalVarintIsRejectedByBothReads() {
    byte[] padded = {(byte) 0x81, 0x00};
    assertThat(ByteCursor.varLongAt(padded, 0, 2, 9)).isEqualTo(-1);
    assertThatThrownBy(() -> new ByteCursor("t", 0, padded, 0, 2).varLong("v"))
        .isInstanceOf(CorruptContainerException.class).hasMessageContaining("non-canonical");
  }

  @Test
  void boundedVarintEnforcesTheFormatsMaximumLengthAndTheEnd() {
    byte[] six = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
    assertThat(ByteCursor.varLongAt(six, 0, six.length, 5)).isEqualTo(-1);
    assertThat(ByteCursor.varLongAt(six, 0, six.length, 6)).isEqualTo(1L << 35);
    assertThat(ByteCursor.varLongAt(six, 0, 5, 9)).as("runs past the end").isEqualTo(-1);
    byte[] ten = {-1, -1, -1, -1, -1, -1, -1, -1, -1, 0x01};
    assertThat(ByteCursor.varLongAt(ten, 0, ten.length, 9)).isEqualTo(-1);
    assertThat(ByteCursor.varLongAt(new byte[] {0}, 0, 1, 1)).isZero();
    assertThatThrownBy(() -> ByteCursor.varLongAt(ten, 0, ten.length, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
