package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.codec.CodecId;
import io.easystore.crypto.AuthenticationFailedException;
import io.easystore.crypto.BlockMovedException;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Format 2 closes the gap format 1 left for encrypted archives (issue #8): page host and
 * application and the whole volume header are authenticated, so changing them and recomputing
 * every CRC is detected with the key. Format 1 archives (fixtures written by the format 1 code)
 * still read and append. Every case is replayable from its seed.
 */
class AuthenticatedHeadersTest {
  private static final byte[] KEY = RecordsTamperTest.KEY;
  private static final List<String> FIXTURE_RECORDS = TestArchives.records(24, 20240501L);

  @TempDir Path dir;

  static LongStream seeds() {
    return LongStream.range(1, 25);
  }

  private static KeyProvider keys() {
    // Serves the key under a second id too, so a changed key id reaches the header seal.
    return KeyProviders.chain(KeyProviders.of("k1", KEY), KeyProviders.of("k2", KEY));
  }

  private static ReaderOptions keyed() {
    return ReaderOptions.defaults().withKeys(keys());
  }

  private byte[] build(long seed, List<Bookmark> marks) throws IOException {
    CodecId codec = List.of(CodecId.NONE, CodecId.DEFLATE, CodecId.ZSTD).get((int) (seed % 3));
    Path p = dir.resolve("a" + seed + ".rec");
    WriterOptions o = TestArchives.options(codec, 300).withEncryption("k1", keys())
        .withDescription("nightly export").withContentType("json").withProperties(Map.of("team", "ops"));
    marks.addAll(TestArchives.write(p, o, TestArchives.records(20, seed)));
    return Files.readAllBytes(p);
  }

  /** Regression for issue #8: host and application of a sealed page were covered by the CRC only. */
  @ParameterizedTest
  @MethodSource("seeds")
  void pageHostOrApplicationChangedWithChecksumsRecomputedIsDetected(long seed) throws Exception {
    List<Bookmark> marks = new ArrayList<>();
    byte[] t = build(seed, marks);
    Random r = new Random(seed);
    List<Long> pages = marks.stream().map(Bookmark::pageOffset).distinct().toList();
    int p = (int) (long) pages.get(r.nextInt(pages.size()));
    int hostLen = t[p + 7] & 0xFF;
    int appLen = t[p + 40] & 0xFF;
    boolean host = r.nextBoolean();
    int at = p + Format.PAGE_FIXED + (host ? r.nextInt(hostLen) : hostLen + r.nextInt(appLen));
    t[at] = (byte) (t[at] == 'x' ? 'y' : 'x');
    int len = Format.PAGE_FIXED + hostLen + appLen;
    ByteBuilder.putLe32(t, p + len, Format.crc(t, p, len));
    String name = "host-app-" + seed;

    try (RecordReader rd = RecordArchives.open(RangeSources.memory(name, t), keyed())) {
      assertThatThrownBy(() -> rd.get(new Bookmark(p, 0), RecordTypes.utf8()))
          .as("seed %d: %s byte at %d", seed, host ? "host" : "application", at)
          .isInstanceOf(AuthenticationFailedException.class)
          .hasMessageStartingWith(name + " @ offset " + p);
      assertThatThrownBy(() -> TestArchives.readAll(rd)).isInstanceOf(AuthenticationFailedException.class)
          .hasMessageContaining(name);
    }
    List<CorruptPageException> told = new ArrayList<>();
    try (RecordReader rd = RecordArchives.open(RangeSources.memory(name, t),
        keyed().withSkipCorruptPages(true).withOnSkip(told::add))) {
      List<Entry<String>> got = TestArchives.readAll(rd);
      assertThat(got).noneMatch(e -> e.bookmark().pageOffset() == p);
    }
    assertThat(told).as("skip mode reports the page").anyMatch(e -> e.getMessage().contains("offset " + p)
        && e.getCause() instanceof AuthenticationFailedException);
  }

  /** Regression for issue #8: the volume header's metadata was covered by its CRC only. */
  @ParameterizedTest
  @MethodSource("seeds")
  void volumeMetadataChangedWithChecksumRecomputedIsDetected(long seed) throws Exception {
    byte[] t = build(seed, new ArrayList<>());
    int metaLen = ByteCursor.getLe32(t, 12);
    ObjectNode meta = (ObjectNode) RecordTypes.MAPPER.readTree(t, Format.VOLUME_FIXED, metaLen);
    Random r = new Random(seed);
    String[] fields = {"archiveId", "description", "created", "codec", "codecLevel", "keyId", "host",
        "application", "contentType", "properties", "keyCheck"};
    String field = fields[r.nextInt(fields.length)];
    ObjectNode enc = (ObjectNode) meta.get("encryption");
    switch (field) {
      case "archiveId" -> meta.put(field, changeOneChar(meta.get(field).asText(), "0123456789abcdef", r));
      case "created" -> meta.put(field, meta.get(field).asText().replace("2024-", "2023-"));
      case "codec" -> {
        String c = meta.get(field).asText();
        if (c.equals("deflate")) {
          meta.put("codecLevel", meta.get("codecLevel").asInt() == 9 ? 8 : 9); // no other 7-letter codec
        } else {
          meta.put(field, c.equals("none") ? "zstd" : "none");
        }
      }
      case "codecLevel" -> meta.put(field, meta.get(field).asInt() == 9 ? 8 : 9);
      case "keyId" -> enc.put(field, "k2");
      case "keyCheck" -> enc.put(field, changeOneChar(enc.get(field).asText(), "ABCDEFGHIJ", r));
      case "properties" -> ((ObjectNode) meta.get(field)).put("team", changeOneChar("ops", "abcdefgh", r));
      default -> meta.put(field, changeOneChar(meta.get(field).asText(), "abcdefgh", r));
    }
    byte[] json = meta.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(json).as("same-length change of %s", field).hasSize(metaLen);
    System.arraycopy(json, 0, t, Format.VOLUME_FIXED, metaLen);
    int crcAt = Format.VOLUME_FIXED + metaLen + Format.VOLUME_SEAL;
    ByteBuilder.putLe32(t, crcAt, Format.crc(t, 0, crcAt));
    String name = "meta-" + seed + "-" + field;

    RecordArchives.check(RangeSources.memory(name, t)); // checksums all hold: only the key can tell
    if (field.equals("keyCheck")) {
      // A changed key check looks exactly like a wrong key; it is refused as one.
      assertThatThrownBy(() -> RecordArchives.open(RangeSources.memory(name, t), keyed()))
          .isInstanceOf(KeyUnavailableException.class)
          .extracting(e -> ((KeyUnavailableException) e).reason()).isEqualTo(KeyUnavailableException.Reason.WRONG);
    } else {
      assertThatThrownBy(() -> RecordArchives.open(RangeSources.memory(name, t), keyed()))
          .as("seed %d: changed %s", seed, field)
          .isInstanceOf(AuthenticationFailedException.class).hasMessageStartingWith(name + " @ offset ")
          .hasMessageContaining("volume header");
    }
    Path file = dir.resolve(name + ".rec");
    Files.write(file, t);
    assertThatThrownBy(() -> RecordArchives.openForAppend(file, WriterOptions.defaults().withEncryption("k1", keys())))
        .as("appending refuses it too").isInstanceOfAny(AuthenticationFailedException.class,
            KeyUnavailableException.class);
  }

  private static String changeOneChar(String s, String alphabet, Random r) {
    int i;
    do {
      i = r.nextInt(s.length());
    } while (alphabet.indexOf(s.charAt(i)) < 0 && s.chars().anyMatch(c -> alphabet.indexOf(c) >= 0));
    char c;
    do {
      c = alphabet.charAt(r.nextInt(alphabet.length()));
    } while (c == s.charAt(i));
    return s.substring(0, i) + c + s.substring(i + 1);
  }

  /** Rewriting a format 2 header as format 1 (no seal, same length, CRC recomputed) is detected. */
  @ParameterizedTest
  @MethodSource("seeds")
  void volumeHeaderDowngradedToFormat1IsDetected(long seed) throws Exception {
    List<Bookmark> marks = new ArrayList<>();
    byte[] t = build(seed, marks);
    int metaLen = ByteCursor.getLe32(t, 12);
    int grown = metaLen + Format.VOLUME_SEAL;
    for (int i = Format.VOLUME_FIXED + metaLen; i < Format.VOLUME_FIXED + grown; i++) {
      t[i] = ' '; // JSON whitespace where the seal was, so pages stay where they are
    }
    ByteBuilder.putLe16(t, 8, Format.VERSION_1);
    ByteBuilder.putLe32(t, 12, grown);
    ByteBuilder.putLe32(t, Format.VOLUME_FIXED + grown, Format.crc(t, 0, Format.VOLUME_FIXED + grown));
    String name = "downgrade-" + seed;
    try (RecordReader rd = RecordArchives.open(RangeSources.memory(name, t), keyed())) {
      assertThatThrownBy(() -> TestArchives.readAll(rd)).isInstanceOf(BlockMovedException.class)
          .hasMessageContaining(name).hasMessageContaining("format 2 in a format 1 archive");
    }
    assertThatThrownBy(() -> RecordArchives.check(RangeSources.memory(name, t)))
        .isInstanceOf(CorruptPageException.class).hasMessageContaining(name);
  }

  /** A format 2 page relabelled as format 1 (CRC recomputed) must not be read with the weaker rule. */
  @ParameterizedTest
  @MethodSource("seeds")
  void pageDowngradedToFormat1IsDetected(long seed) throws Exception {
    List<Bookmark> marks = new ArrayList<>();
    byte[] t = build(seed, marks);
    List<Long> pages = marks.stream().map(Bookmark::pageOffset).distinct().toList();
    int p = (int) (long) pages.get(new Random(seed).nextInt(pages.size()));
    t[p + 4] = Format.VERSION_1;
    int len = Format.PAGE_FIXED + (t[p + 7] & 0xFF) + (t[p + 40] & 0xFF);
    ByteBuilder.putLe32(t, p + len, Format.crc(t, p, len));
    String name = "page-downgrade-" + seed;
    try (RecordReader rd = RecordArchives.open(RangeSources.memory(name, t), keyed())) {
      assertThatThrownBy(() -> rd.get(new Bookmark(p, 0), RecordTypes.utf8()))
          .isInstanceOf(BlockMovedException.class).hasMessageStartingWith(name + " @ offset " + p);
    }
  }

  @Test
  void newEncryptedArchivesAreFormat2AndPlaintextArchivesStayFormat1() throws Exception {
    List<Bookmark> marks = new ArrayList<>();
    byte[] enc = build(3, marks);
    assertThat(ByteCursor.getLe16(enc, 8)).isEqualTo(Format.VERSION_2);
    assertThat(enc[(int) marks.get(0).pageOffset() + 4]).isEqualTo((byte) Format.VERSION_2);
    Path plain = dir.resolve("plain.rec");
    List<Bookmark> pm = TestArchives.write(plain, TestArchives.options(CodecId.ZSTD, 300), List.of("a", "b"));
    byte[] pb = Files.readAllBytes(plain);
    assertThat(ByteCursor.getLe16(pb, 8)).isEqualTo(Format.VERSION_1);
    assertThat(pb[(int) pm.get(0).pageOffset() + 4]).isEqualTo((byte) Format.VERSION_1);
  }

  /** Archives written by the format 1 code (test resources) still read, check and append. */
  @Test
  void format1EncryptedArchivesStillReadAndAppendInFormat1() throws Exception {
    for (String fixture : List.of("format1-encrypted-zstd.rec", "format1-encrypted-none.rec")) {
      Path file = dir.resolve(fixture);
      try (InputStream in = getClass().getResourceAsStream(fixture)) {
        assertThat(in).as(fixture).isNotNull();
        Files.copy(in, file);
      }
      byte[] before = Files.readAllBytes(file);
      assertThat(ByteCursor.getLe16(before, 8)).isEqualTo(Format.VERSION_1);
      List<String> expected = new ArrayList<>(fixture.contains("none") ? FIXTURE_RECORDS.subList(0, 6)
          : FIXTURE_RECORDS);
      try (RecordReader r = RecordArchives.open(file, keyed())) {
        assertThat(r.metadata().encrypted()).isTrue();
        assertThat(TestArchives.readAll(r)).extracting(Entry::value).containsExactlyElementsOf(expected);
      }
      assertThat(RecordArchives.check(RangeSources.memory(fixture, before)).problem()).isNull();

      List<String> more = List.of("appended 1", "", "{\"appended\":3}");
      List<Bookmark> added = new ArrayList<>();
      try (RecordWriter w = RecordArchives.openForAppend(file, TestArchives.options(CodecId.ZSTD, 1024)
          .withEncryption("k1", keys()))) {
        for (String s : more) {
          added.add(w.append(s));
        }
      }
      expected.addAll(more);
      byte[] after = Files.readAllBytes(file);
      assertThat(after[(int) added.get(0).pageOffset() + 4]).as("appended page keeps format 1")
          .isEqualTo((byte) Format.VERSION_1);
      try (RecordReader r = RecordArchives.open(file, keyed())) {
        assertThat(TestArchives.readAll(r)).extracting(Entry::value).containsExactlyElementsOf(expected);
      }
    }
  }
}
