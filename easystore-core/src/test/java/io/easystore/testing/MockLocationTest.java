package io.easystore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.io.ContainerSink;
import io.easystore.io.RangeSource;
import io.easystore.io.UpdatableFile;
import io.easystore.testing.MockLocation.Op;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wrapper itself: what survives a crash, scheduled errors, the full disk and the leak check. */
class MockLocationTest {
  @TempDir
  Path dir;

  private static ByteBuffer bytes(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return ByteBuffer.wrap(b);
  }

  @Test
  void crashKeepsSyncedBytesAndTearsUnsyncedOnes() throws IOException {
    Set<String> outcomes = new HashSet<>();
    for (long seed = 0; seed < 40; seed++) {
      Files.write(dir.resolve("f"), new byte[0]);
      MockLocation loc = MockLocation.of(dir, seed);
      try (UpdatableFile f = loc.openForUpdate("f")) {
        f.write(bytes(100, 1), 0);
        f.force(false);
        f.write(bytes(100, 2), 100);
        loc.crash();
        assertThatThrownBy(() -> f.write(bytes(1, 3), 0)).isInstanceOf(MockLocation.CrashException.class);
      }
      loc.assertNoOpenHandles();
      byte[] after = Files.readAllBytes(dir.resolve("f"));
      assertThat(after.length).isBetween(100, 200);
      for (int i = 0; i < 100; i++) {
        assertThat(after[i]).as("synced byte %d", i).isEqualTo((byte) 1);
      }
      outcomes.add(after.length == 200 && after[199] == 2 && after[100] == 2 ? "whole" : "torn:" + after.length);
    }
    assertThat(outcomes).as("some seeds keep the unsynced write, some tear it").contains("whole").hasSizeGreaterThan(2);
  }

  @Test
  void scheduledErrorFallsOnTheNthOperationOfItsKindOnly() throws IOException {
    Files.write(dir.resolve("f"), new byte[0]);
    MockLocation loc = MockLocation.of(dir, 1).failAt(Op.SYNC, 1);
    try (UpdatableFile f = loc.openForUpdate("f")) {
      f.write(bytes(10, 1), 0);
      f.force(false);
      f.write(bytes(10, 1), 10);
      assertThatThrownBy(() -> f.force(false)).hasMessageContaining("injected I/O error at this SYNC");
      f.force(false);
    }
    assertThat(loc.ops(Op.SYNC)).isEqualTo(3);
    assertThat(loc.ops(Op.WRITE)).isEqualTo(2);
  }

  @Test
  void fullDiskFailsLikeTheJdkAndAnUnpublishedSinkLeavesNothing() throws IOException {
    MockLocation loc = MockLocation.of(dir, 1).diskBudget(50);
    try (ContainerSink s = loc.create("c")) {
      s.write(bytes(40, 1));
      assertThatThrownBy(() -> s.write(bytes(20, 1))).isInstanceOf(IOException.class)
          .hasMessage("No space left on device");
    }
    loc.assertNoOpenHandles();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void handleLeftOpenFailsTheTest() throws IOException {
    Files.write(dir.resolve("f"), new byte[] {1});
    MockLocation loc = MockLocation.of(dir, 1);
    RangeSource leaked = loc.open("f");
    assertThatThrownBy(loc::close).isInstanceOf(AssertionError.class).hasMessageContaining("source f");
    leaked.close();
    loc.close();
  }
}
