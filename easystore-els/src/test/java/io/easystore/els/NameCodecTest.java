package io.easystore.els;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NameCodecTest {

  private static byte[] decode(ElsEncoding e, String s) {
    int n = NameCodec.decodedLength(e, s.length());
    if (n < 0) {
      return null;
    }
    byte[] out = new byte[n];
    return NameCodec.decode(e, s, 0, out, 0) ? out : null;
  }

  @Test
  void base64urlMatchesTheJdkEncoderAndRoundTrips() {
    Random r = new Random(1);
    for (int i = 0; i < 2000; i++) {
      byte[] b = new byte[r.nextInt(200)];
      r.nextBytes(b);
      String s = NameCodec.encode(ElsEncoding.BASE64URL, b, 0, b.length);
      assertThat(s).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
      assertThat(decode(ElsEncoding.BASE64URL, s)).isEqualTo(b);
    }
  }

  @Test
  void base32FollowsRfc4648InLowerCaseAndAcceptsUpperCase() {
    String[][] vectors = {{"", ""}, {"f", "my"}, {"fo", "mzxq"}, {"foo", "mzxw6"}, {"foob", "mzxw6yq"},
        {"fooba", "mzxw6ytb"}, {"foobar", "mzxw6ytboi"}};
    for (String[] v : vectors) {
      byte[] b = v[0].getBytes(StandardCharsets.US_ASCII);
      assertThat(NameCodec.encode(ElsEncoding.BASE32, b, 0, b.length)).isEqualTo(v[1]);
      assertThat(decode(ElsEncoding.BASE32, v[1].toUpperCase())).isEqualTo(b);
    }
    Random r = new Random(2);
    for (int i = 0; i < 2000; i++) {
      byte[] b = new byte[r.nextInt(200)];
      r.nextBytes(b);
      assertThat(decode(ElsEncoding.BASE32, NameCodec.encode(ElsEncoding.BASE32, b, 0, b.length))).isEqualTo(b);
    }
  }

  @Test
  void decodingRefusesEverythingButTheOneCanonicalSpelling() {
    assertThat(decode(ElsEncoding.BASE64URL, "QQ==")).isNull(); // padding
    assertThat(decode(ElsEncoding.BASE64URL, "QR")).isNull(); // non-zero trailing bits
    assertThat(decode(ElsEncoding.BASE64URL, "Q")).isNull(); // impossible length
    assertThat(decode(ElsEncoding.BASE64URL, "Q+")).isNull(); // standard, not url alphabet
    assertThat(decode(ElsEncoding.BASE64URL, "aé")).isNull();
    assertThat(decode(ElsEncoding.BASE32, "mzxw6ytbo1")).isNull(); // '1' is not base32
    assertThat(decode(ElsEncoding.BASE32, "mzx")).isNull();
    assertThat(decode(ElsEncoding.BASE32, "mz")).isNull(); // trailing bits
  }

  @Test
  void chunksUseEveryCharacterTheyCan() {
    for (ElsEncoding e : ElsEncoding.values()) {
      for (int chars = 1; chars < 300; chars++) {
        int n = NameCodec.bytesFitting(e, chars);
        int len = NameCodec.encode(e, new byte[n], 0, n).length();
        int more = NameCodec.encode(e, new byte[n + 1], 0, n + 1).length();
        assertThat(len).isLessThanOrEqualTo(chars);
        assertThat(more).isGreaterThan(chars);
        assertThat(NameCodec.decodedLength(e, len)).isEqualTo(n);
      }
    }
    assertThat(NameCodec.bytesFitting(ElsEncoding.BASE64URL, 247)).isEqualTo(185);
    assertThat(NameCodec.bytesFitting(ElsEncoding.BASE32, 247)).isEqualTo(154);
  }

  @Test
  void namesParseStrictlyAndIgnoreForeignFiles() {
    assertThat(Names.parse(".DS_Store", false)).isNull();
    assertThat(Names.parse("Thumbs.db", false)).isNull();
    assertThat(Names.parse("desktop.ini", false)).isNull();
    assertThat(Names.parse("d.1.0.12.QUJD", false)).isEqualTo(new Names.Chunk("d.1.0.12.QUJD", 1, 0, 12, 9));
    assertThat(Names.parse("c.3.1.2.300.0000abcd", false))
        .isEqualTo(new Names.Marker("c.3.1.2.300.0000abcd", 3, 1, 2, 300, 0xabcd));
    assertThat(Names.parse("ELS.1.B32", false)).isEqualTo(new Names.StoreMarker("ELS.1.B32", 1, "b32"));
    assertThat(Names.parse("D.1.0.0.MZXQ", true)).isInstanceOf(Names.Chunk.class);
    for (String bad : new String[] {"d.1.0.0.", "d.0.0.0.QQ", "d.01.0.0.QQ", "d.1.0.QQ", "c.1.0.1.3.xyz",
        "c.1.0.1.3.1234567", "v.short", "b.ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "d.1.0.99999999999.QQ",
        "d.-1.0.0.QQ", "c.1.0.1.1234567890123456789.00000000"}) {
      assertThatThrownBy(() -> Names.parse(bad, false)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void hashesAreFixedLengthBase32() {
    for (String k : new String[] {"", "a", "x".repeat(5000), "ü/ß", "\uD83D\uDE00"}) {
      assertThat(Names.childDir(true, k)).matches("b\\.[a-z2-7]{32}");
    }
    assertThat(Names.hash("a")).isNotEqualTo(Names.hash("A"));
  }
}
