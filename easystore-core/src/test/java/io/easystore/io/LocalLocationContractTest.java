package io.easystore.io;

import io.easystore.testing.LocationContract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link Location} contract for a local directory, and what only a local one does. */
class LocalLocationContractTest extends LocationContract {
  @TempDir Path tmp;
  private final AtomicInteger counter = new AtomicInteger();

  @Override
  protected Location location() throws IOException {
    return Location.of(Files.createDirectories(tmp.resolve("loc" + counter.incrementAndGet())));
  }

  @Override
  protected void put(Location location, String name, byte[] content) throws IOException {
    Path p = location.localPath().orElseThrow().resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
  }

  @Override
  protected boolean locks() {
    return true;
  }

  @Test
  void publishRenamesATempFileOverTheName() throws IOException {
    Location l = location();
    put(l, "t.tmp", new byte[] {1, 2, 3});
    put(l, "c.des", new byte[] {9});
    l.publish("t.tmp", "c.des");
    Path dir = l.localPath().orElseThrow();
    assertThat(Files.readAllBytes(dir.resolve("c.des"))).containsExactly(1, 2, 3);
    assertThat(dir.resolve("t.tmp")).doesNotExist();
  }

  @Test
  void localNamesMayHoldCharactersKeysMayNot() throws Exception {
    Location l = location();
    put(l, "a:b?.des", new byte[] {7});
    try (RangeSource s = l.open("a:b?.des")) {
      assertThat(s.readFully(0, 1)).containsExactly(7);
    }
  }

  @Test
  void openForUpdateWritesInPlaceAndViewsAFixedLength() throws Exception {
    Location l = location();
    put(l, "u.des", new byte[] {1, 2, 3, 4});
    try (UpdatableFile f = l.openForUpdate("u.des")) {
      RangeSource view = f.view(4);
      f.write(ByteBuffer.wrap(new byte[] {9, 9}), 4);
      f.write(ByteBuffer.wrap(new byte[] {5}), 0);
      f.force(true);
      assertThat(f.size()).isEqualTo(6);
      assertThat(view.size()).as("the view keeps the length it was made with").isEqualTo(4);
      assertThat(view.readFully(0, 4)).containsExactly(5, 2, 3, 4);
      assertThat(view.read(4, ByteBuffer.allocate(2))).isEqualTo(-1);
      f.truncate(3);
      assertThat(f.size()).isEqualTo(3);
    }
    assertThatThrownBy(() -> l.openForUpdate("absent.des")).isInstanceOf(IOException.class);
  }

  @Test
  void sourcesOpenedThroughTheLocationReportTheirFile() throws Exception {
    Location l = location();
    put(l, "p.des", new byte[] {1});
    try (RangeSource s = l.open("p.des")) {
      assertThat(s.localPath()).contains(l.localPath().orElseThrow().resolve("p.des"));
    }
  }
}
