package io.easystore.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.updates.CommitRecord;
import io.easystore.internal.v2.V2Header;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash simulated at every byte of a commit: the file cut at every length between the previous
 * committed end and the new one (with the header as it is while the commit runs: its anchor naming
 * the previous end) opens in the previous state, and an updater trims the tail. Tails of garbage
 * that look like footers (a v2 container's, a stale commit record) are ignored the same way.
 */
class TornCommitTest {
  @TempDir
  Path dir;

  static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt() : 'q');
    }
    return b;
  }

  /** The header bytes while a commit after {@code committedEnd} is being written. */
  static byte[] headerDuringCommit(byte[] after, long committedEnd) {
    byte[] h = Arrays.copyOf(after, 32);
    UUID uuid = new UUID(ByteCursor.getLe64(h, 16), ByteCursor.getLe64(h, 24));
    System.arraycopy(V2Header.anchorBytes(committedEnd, uuid), 0, h, V2Header.ANCHOR_OFFSET,
        V2Header.ANCHOR_BYTES);
    return h;
  }

  String describe(byte[] file) throws IOException {
    Path t = dir.resolve("t.des");
    Files.write(t, file);
    try (DesReader r = DesReader.open(t)) {
      assertThat(r.verify().problems()).isEmpty();
      return Digests.of(r);
    }
  }

  void everyCutOpensThePreviousState(byte[] before, byte[] after) throws IOException {
    String old = describe(before);
    String now = describe(after);
    assertThat(now).isNotEqualTo(old);
    byte[] header = headerDuringCommit(after, before.length);
    for (int len = before.length; len <= after.length; len++) {
      byte[] cut = Arrays.copyOf(after, len);
      System.arraycopy(header, 0, cut, 0, 32);
      String expected = len == after.length ? now : old;
      assertThat(describe(cut)).as("cut at " + len + " of " + before.length + ".." + after.length).isEqualTo(expected);
      if (len % 97 == 0 && len < after.length) {
        Path t = dir.resolve("t.des");
        DesUpdater.open(t).close();
        assertThat(Files.size(t)).as("an updater trims the torn tail").isEqualTo(before.length);
      }
    }
  }

  @Test
  void everyCutOfTheFirstCommitOnAPlainContainerOpensThePlainContainer() throws IOException {
    Path c = dir.resolve("c.des");
    try (DesWriter w = DesWriter.create(c)) {
      w.addFile("a", bytes(3000, 1));
      w.addFile("d/b", bytes(500, 2));
    }
    byte[] before = Files.readAllBytes(c);
    try (DesUpdater u = DesUpdater.open(c)) {
      u.put("d/new", bytes(1500, 3), null, null);
      u.delete("a");
      u.commit();
    }
    everyCutOpensThePreviousState(before, Files.readAllBytes(c));
  }

  @Test
  void everyCutOfALaterCommitOpensTheCommitBefore() throws IOException {
    Path c = dir.resolve("c.des");
    try (DesWriter w = DesWriter.create(c)) {
      for (int i = 0; i < 30; i++) {
        w.addFile("f/" + i, bytes(700, i));
      }
    }
    byte[] before;
    try (DesUpdater u = DesUpdater.open(c)) {
      for (int round = 0; round < 4; round++) {
        u.put("f/" + round, bytes(900, 100 + round), null, null);
        u.delete("f/" + (10 + round));
        u.commit();
      }
      before = Files.readAllBytes(c);
      u.put("f/new", bytes(2000, 7), null, null);
      u.put("f/20", bytes(650, 8), null, null);
      u.rename("f/21", "g/21", false);
      u.commit();
    }
    everyCutOpensThePreviousState(before, Files.readAllBytes(c));
  }

  @Test
  void tailsThatLookLikeFootersAreNotTakenForCommits() throws IOException {
    Path c = dir.resolve("c.des");
    try (DesWriter w = DesWriter.create(c)) {
      w.addFile("a", bytes(100, 1));
    }
    try (DesUpdater u = DesUpdater.open(c)) {
      u.put("b", bytes(100, 2), null, null);
      u.commit();
    }
    byte[] committed = Files.readAllBytes(c);
    String state = describe(committed);
    Path inner = dir.resolve("inner.des");
    try (DesWriter w = DesWriter.create(inner)) {
      w.addFile("x", bytes(10, 3));
    }
    byte[] innerBytes = Files.readAllBytes(inner);
    byte[] record = Arrays.copyOfRange(committed, committed.length - 200, committed.length);
    byte[][] tails = {innerBytes, record, new byte[5000], bytes(4096, 4),
        Arrays.copyOfRange(innerBytes, innerBytes.length - 72, innerBytes.length)};
    for (byte[] tail : tails) {
      byte[] torn = Arrays.copyOf(committed, committed.length + tail.length);
      System.arraycopy(tail, 0, torn, committed.length, tail.length);
      byte[] h = headerDuringCommit(committed, committed.length);
      System.arraycopy(h, 0, torn, 0, 32);
      assertThat(describe(torn)).isEqualTo(state);
    }
  }
}
