package io.easystore.els;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.easystore.CorruptContainerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged stores, replayable from a seed: a reader returns the stored value, reports it absent
 * (only when a commit marker is gone, which is how an unfinished write looks), or throws
 * {@link CorruptContainerException}. It never returns other bytes and never throws anything else.
 */
class CorruptionTest {
  @TempDir Path tmp;

  static LongStream seeds() {
    return LongStream.range(0, 120);
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> out = new ArrayList<>();
      s.filter(Files::isRegularFile).sorted().forEach(out::add);
      return out;
    }
  }

  /** Changes one character of the name at position {@code at} to another name-safe character. */
  private static String mutate(Random r, String name) {
    String alphabet = "ABCxyz019-_.";
    int at = r.nextInt(name.length());
    char c;
    do {
      c = alphabet.charAt(r.nextInt(alphabet.length()));
    } while (c == name.charAt(at));
    return name.substring(0, at) + c + name.substring(at + 1);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void damagedNamesNeverYieldOtherBytes(long seed) throws IOException {
    Random r = new Random(seed);
    boolean b32 = seed % 2 == 1;
    ElsOptions o = ElsOptions.defaults().withSync(false).withCaseInsensitive(b32).withMaxNameBytes(60);
    ElsStore s = ElsStore.open(tmp.resolve("s"), o);
    byte[] value = ValueRoundTripPropertyTest.randomBytes(r, r.nextInt(4) == 0 ? r.nextInt(50) : 200 + r.nextInt(3000));
    ElsBucket b = s.bucket(List.of("bucket"));
    b.put("key", value);
    if (r.nextBoolean()) {
      b.append("key", new byte[] {1, 2, 3});
      value = java.util.Arrays.copyOf(value, value.length + 3);
      value[value.length - 3] = 1;
      value[value.length - 2] = 2;
      value[value.length - 1] = 3;
    }
    List<Path> victims = files(s.directory().resolve(Names.childDir(true, "bucket")));
    Path victim = victims.get(r.nextInt(victims.size()));
    String name = victim.getFileName().toString();
    int kind = r.nextInt(5);
    switch (kind) {
      case 0:
        Files.move(victim, victim.resolveSibling(mutate(r, name)));
        break;
      case 1:
        Files.delete(victim);
        break;
      case 2:
        Files.createFile(victim.resolveSibling(mutate(r, name)));
        break;
      case 3:
        Files.move(victim, victim.resolveSibling(b32 ? name.toUpperCase(Locale.ROOT) : name + "A"));
        break;
      default:
        Files.createFile(victim.resolveSibling("d." + r.nextInt(3) + "." + r.nextInt(3) + "." + r.nextInt(3) + ".AAAA"));
    }
    ElsStore again = ElsStore.open(s.directory(), o);
    try {
      Optional<byte[]> got = again.bucket(List.of("bucket")).get("key");
      if (got.isPresent()) {
        assertThat(got.get()).as("seed %d: damage %d of '%s'", seed, kind, name).isEqualTo(value);
      }
      again.bucket(List.of("bucket")).keys();
      again.rootBucket().entries();
    } catch (CorruptContainerException | io.easystore.UnsupportedVersionException
        | io.easystore.LimitExceededException expected) {
      assertThat(expected.getMessage()).contains(s.directory().toString());
    } catch (IOException | RuntimeException e) {
      fail("seed " + seed + ": damage " + kind + " of '" + name + "' gave " + e, e);
    }
  }

  @Test
  void aFlippedPayloadCharacterFailsTheChecksum() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), ElsOptions.defaults().withSync(false));
    s.rootBucket().put("k", new byte[4000]);
    Path vdir = s.directory().resolve(Names.childDir(false, "k"));
    Path chunk = files(vdir).stream().filter(p -> p.getFileName().toString().startsWith("d.1.1.3.")).findFirst()
        .orElseThrow();
    String n = chunk.getFileName().toString();
    Files.move(chunk, chunk.resolveSibling(n.substring(0, 20) + "B" + n.substring(21)));
    assertThatThrownBy(() -> s.rootBucket().get("k")).isInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("CRC-32C").hasMessageContaining(Names.childDir(false, "k"));
  }

  @Test
  void aMissingChunkIsReportedNotPapered() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), ElsOptions.defaults().withSync(false));
    s.rootBucket().put("k", new byte[4000]);
    Path vdir = s.directory().resolve(Names.childDir(false, "k"));
    Files.delete(files(vdir).stream().filter(p -> p.getFileName().toString().startsWith("d.1.1.5.")).findFirst()
        .orElseThrow());
    assertThatThrownBy(() -> s.rootBucket().get("k")).isInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("chunks, its commit marker says");
  }

  @Test
  void damagedEntriesCanStillBeDeletedAndWrittenAgain() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), ElsOptions.defaults().withSync(false));
    s.rootBucket().put("k", new byte[4000]);
    s.bucket(List.of("b")).put("x", new byte[] {1});
    Path vdir = s.directory().resolve(Names.childDir(false, "k"));
    Files.delete(files(vdir).stream().filter(f -> f.getFileName().toString().startsWith("d.1.1.1.")).findFirst()
        .orElseThrow());
    Files.createFile(vdir.resolve("d.1.1.0.not-base64-!"));
    Path bdir = s.directory().resolve(Names.childDir(true, "b"));
    Files.createFile(bdir.resolve("c.oops"));
    assertThatThrownBy(() -> s.rootBucket().get("k")).isInstanceOf(CorruptContainerException.class);
    assertThatThrownBy(() -> s.bucket(List.of("b")).keys()).isInstanceOf(CorruptContainerException.class);
    assertThat(s.rootBucket().delete("k")).isTrue();
    assertThat(s.deleteBucket(List.of("b"))).isTrue();
    assertThat(vdir).doesNotExist();
    assertThat(bdir).doesNotExist();
    s.rootBucket().put("k", new byte[] {2});
    assertThat(s.rootBucket().get("k").orElseThrow()).containsExactly(2);
  }

  @Test
  void storeVersionsTooNewAndTooOldAreDistinct() throws IOException {
    Path d = tmp.resolve("s");
    ElsStore.open(d, ElsOptions.defaults().withSync(false));
    Files.move(d.resolve("els.1.b64"), d.resolve("els.2.b64"));
    assertThatThrownBy(() -> ElsStore.open(d, ElsOptions.defaults()))
        .isInstanceOf(io.easystore.UnsupportedVersionException.TooNew.class).hasMessageContaining("upgrade");
    Files.move(d.resolve("els.2.b64"), d.resolve("els.0.b64"));
    assertThatThrownBy(() -> ElsStore.open(d, ElsOptions.defaults()))
        .isInstanceOf(io.easystore.UnsupportedVersionException.TooOld.class);
    Files.move(d.resolve("els.0.b64"), d.resolve("els.1.b99"));
    assertThatThrownBy(() -> ElsStore.open(d, ElsOptions.defaults()))
        .isInstanceOf(CorruptContainerException.class).hasMessageContaining("b99");
  }

  @Test
  void recordHeaderVersionTooNewIsReportedAsSuch() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), ElsOptions.defaults().withSync(false));
    s.rootBucket().put("k", new byte[] {1});
    Path vdir = s.directory().resolve(Names.childDir(false, "k"));
    for (Path p : files(vdir)) {
      Files.delete(p);
    }
    byte[] seg0 = new Header(ElsKind.BYTES, 0, "k").encode(new byte[] {1}, 1, 1);
    seg0[0] = 2;
    CRC32C crc = new CRC32C();
    crc.update(seg0);
    Files.createFile(vdir.resolve(Names.chunkPrefix(1, 0, 0)
        + NameCodec.encode(ElsEncoding.BASE64URL, seg0, 0, seg0.length)));
    Files.createFile(vdir.resolve(Names.marker(1, 0, 1, seg0.length, (int) crc.getValue())));
    assertThatThrownBy(() -> s.rootBucket().get("k"))
        .isInstanceOf(io.easystore.UnsupportedVersionException.TooNew.class);
  }

  @Test
  void tooNewRecordIsNotCorruptionAndIsNotDeletedAsDamage() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), ElsOptions.defaults().withSync(false));
    s.rootBucket().put("k", new byte[] {1});
    Path vdir = s.directory().resolve(Names.childDir(false, "k"));
    for (Path p : files(vdir)) {
      Files.delete(p);
    }
    byte[] seg0 = new Header(ElsKind.BYTES, 0, "k").encode(new byte[] {1}, 1, 1);
    seg0[0] = 2;
    CRC32C crc = new CRC32C();
    crc.update(seg0);
    Files.createFile(vdir.resolve(Names.chunkPrefix(1, 0, 0)
        + NameCodec.encode(ElsEncoding.BASE64URL, seg0, 0, seg0.length)));
    Files.createFile(vdir.resolve(Names.marker(1, 0, 1, seg0.length, (int) crc.getValue())));
    assertThatThrownBy(() -> s.rootBucket().get("k"))
        .isInstanceOf(io.easystore.UnsupportedVersionException.TooNew.class)
        .isNotInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("Unsupported ELS version 2");
    // delete() removes damaged records; a record of a newer version is not damage and stays.
    assertThatThrownBy(() -> s.rootBucket().delete("k"))
        .isInstanceOf(io.easystore.UnsupportedVersionException.TooNew.class);
    assertThat(files(vdir)).isNotEmpty();
  }

  @Test
  void aDirectoryHoldingAnotherKeyIsCaughtNotFollowed() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), ElsOptions.defaults().withSync(false));
    s.rootBucket().put("a", new byte[] {1});
    // As if "b" hashed to the same directory as "a".
    Files.move(s.directory().resolve(Names.childDir(false, "a")), s.directory().resolve(Names.childDir(false, "b")));
    assertThatThrownBy(() -> s.rootBucket().get("b")).isInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("belongs to 'a', not 'b'");
    assertThatThrownBy(() -> s.rootBucket().keys()).isInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("does not match the hash");
  }

  @Test
  void foreignFilesAreIgnored() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), ElsOptions.defaults().withSync(false));
    s.bucket(List.of("x")).put("k", new byte[] {5});
    Path bdir = s.directory().resolve(Names.childDir(true, "x"));
    Files.createFile(bdir.resolve(".DS_Store"));
    Files.createFile(bdir.resolve("Thumbs.db"));
    Files.createFile(s.directory().resolve("desktop.ini"));
    assertThat(ElsStore.open(s.directory(), ElsOptions.defaults()).bucket(List.of("x")).get("k").orElseThrow())
        .containsExactly(5);
    assertThat(s.deleteBucket(List.of("x"))).isTrue();
  }

  @Test
  void aBase32StoreSurvivesNamesFoldedToUpperCase() throws IOException {
    Path d = tmp.resolve("s");
    ElsStore s = ElsStore.open(d, ElsOptions.defaults().withSync(false).withCaseInsensitive(true));
    JsonMapping.importJson(s, "{\"Mixed Case\":[\"Value\",{\"k\":2.5}],\"e\":\"\"}");
    s.bucket(List.of("bin")).put("b", ValueRoundTripPropertyTest.randomBytes(new Random(3), 5000));
    byte[] bin = s.bucket(List.of("bin")).get("b").orElseThrow();
    upperCaseAll(d);
    ElsStore folded = ElsStore.open(d, ElsOptions.defaults().withCreate(false));
    assertThat(folded.encoding()).isEqualTo(ElsEncoding.BASE32);
    assertThat(folded.bucket(List.of("bin")).get("b").orElseThrow()).isEqualTo(bin);
    folded.deleteBucket(List.of("bin"));
    assertThat(JsonMapping.exportJson(folded, false)).isEqualTo("{\"Mixed Case\":[\"Value\",{\"k\":2.5}],\"e\":\"\"}");
  }

  /** Renames every entry below {@code dir} to upper case, deepest first. */
  private static void upperCaseAll(Path dir) throws IOException {
    List<Path> all;
    try (Stream<Path> s = Files.walk(dir)) {
      all = new ArrayList<>(s.filter(p -> !p.equals(dir)).toList());
    }
    all.sort((a, b) -> b.getNameCount() - a.getNameCount());
    for (Path p : all) {
      Files.move(p, p.resolveSibling(p.getFileName().toString().toUpperCase(Locale.ROOT)));
    }
  }
}
