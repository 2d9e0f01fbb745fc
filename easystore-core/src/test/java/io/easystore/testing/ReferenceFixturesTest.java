package io.easystore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The reference files ship with the repository: a plain clone must run the compatibility tests,
 * never skip them (issue #13: 361 tests skipped in every clone without ../shared).
 */
class ReferenceFixturesTest {
  @Test
  void everyReferenceFixtureShipsWithTheRepository() throws Exception {
    for (String name : Fixtures.FILES) {
      assertThat(Fixtures.file(name)).as(name).isRegularFile();
      assertThat(Files.size(Fixtures.file(name))).as(name).isPositive();
    }
    assertThat(Fixtures.json("v1-manifest.json").fieldNames()).toIterable()
        .contains("v1-empty.des", "v1-basic.des", "v1-unicode.des", "v1-600.des");
  }
}
