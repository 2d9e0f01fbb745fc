package io.easystore.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import io.easystore.VerifyReport;
import io.easystore.testing.FrozenFiles;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every frozen DES v1 container written by this project's v1 writer (plain, empty, with bodies in
 * {@code _bigFiles/}) opens with today's reader, holds exactly its manifest's content and verifies
 * clean. The files and their table are checked by {@link FrozenV2CompatibilityTest}.
 */
class FrozenV1CompatibilityTest {
  @TempDir
  Path tmp;

  private final AtomicInteger copies = new AtomicInteger();

  @TestFactory
  Stream<DynamicTest> everyFrozenV1ContainerReadsAsItsManifestSays() throws Exception {
    return FrozenV2CompatibilityTest.containers(1).map(c -> DynamicTest.dynamicTest(c.dir() + "/" + c.path(), () -> {
      Path copy = FrozenFiles.copyTree(FrozenFiles.dir(c.dir()), tmp.resolve("copy-" + copies.incrementAndGet()));
      try (DesReader r = DesReader.open(copy.resolve(c.path()))) {
        assertThat(r.formatVersion()).isEqualTo(1);
        assertThat(FrozenDes.describe(r).toPrettyString()).isEqualTo(c.node().path("content").toPrettyString());
        VerifyReport v = r.verify();
        assertThat(v.problems()).isEmpty();
        assertThat(v.ok()).isTrue();
      }
    }));
  }
}
