package io.easystore.testing;

import io.easystore.io.RangeSource;
import io.easystore.io.Location;
import io.easystore.io.UnsupportedStorageException;
import io.easystore.io.ContainerSink;

import io.easystore.testing.LocationContract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link Location} must do, whatever storage is behind it. Extend it with a fresh,
 * empty location and a way to store an object behind the location's back; say what the storage
 * supports ({@link #writable()}, {@link #locks()}), and the refusals are checked too. Other modules
 * reach it through the core's test jar.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class LocationContract {

  /** A fresh location with nothing in it. */
  protected abstract Location location() throws Exception;

  /** Stores {@code content} as {@code name} (may contain {@code /}) in {@code location}, out of band. */
  protected abstract void put(Location location, String name, byte[] content) throws Exception;

  /** Whether {@link Location#create} works (false: it must refuse with "not supported"). */
  protected boolean writable() {
    return true;
  }

  /** Whether writer locks and leases work (false: they must refuse with "not supported"). */
  protected boolean locks() {
    return false;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] read(RangeSource s) throws IOException {
    return s.readFully(0, Math.toIntExact(s.size()));
  }

  @Test
  void openReadsExactlyTheStoredBytes() throws Exception {
    Location l = location();
    put(l, "a.des", bytes("alpha bytes"));
    try (RangeSource s = l.open("a.des")) {
      assertThat(s.size()).isEqualTo(11);
      assertThat(read(s)).isEqualTo(bytes("alpha bytes"));
      assertThat(s.name()).contains("a.des");
    }
  }

  @Test
  void openOfAMissingNameFailsNamingIt() throws Exception {
    Location l = location();
    assertThatThrownBy(() -> l.open("missing.des").close())
        .isInstanceOf(IOException.class).hasMessageContaining("missing.des");
  }

  @Test
  void namesThatLeaveTheLocationAreRefused() throws Exception {
    Location l = location();
    for (String bad : new String[] {"", "/etc/passwd", "../x.des", "a/../../x.des", "a//b", "."}) {
      assertThatThrownBy(() -> l.open(bad).close()).as(bad).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> l.resolve(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void resolveAndParentNameTheSameObjects() throws Exception {
    Location l = location();
    put(l, "sub/b.des", bytes("beta"));
    Location sub = l.resolve("sub");
    try (RangeSource s = sub.open("b.des")) {
      assertThat(read(s)).isEqualTo(bytes("beta"));
    }
    Optional<Location> up = sub.parent();
    assertThat(up).isPresent();
    try (RangeSource s = up.orElseThrow().open("sub/b.des")) {
      assertThat(read(s)).isEqualTo(bytes("beta"));
    }
  }

  @Test
  void createdContainerIsVisibleOnlyAfterPublish() throws Exception {
    Location l = location();
    if (!writable()) {
      assertThatThrownBy(() -> l.create("n.des").close())
          .isInstanceOf(UnsupportedStorageException.class).hasMessageContaining("not supported");
      return;
    }
    try (ContainerSink sink = l.create("n.des")) {
      sink.write(bytes("new container"), 0, 13);
      assertThatThrownBy(() -> l.open("n.des").close()).as("visible before publish").isInstanceOf(IOException.class);
      sink.publish();
    }
    try (RangeSource s = l.open("n.des")) {
      assertThat(read(s)).isEqualTo(bytes("new container"));
    }
  }

  @Test
  void createdContainerClosedWithoutPublishLeavesNothing() throws Exception {
    Location l = location();
    if (!writable()) {
      return;
    }
    try (ContainerSink sink = l.create("gone.des")) {
      sink.write(bytes("abandoned"), 0, 9);
    }
    assertThatThrownBy(() -> l.open("gone.des").close()).isInstanceOf(IOException.class);
  }

  @Test
  void writerLockIsExclusiveOrRefusedAsNotSupported() throws Exception {
    Location l = location();
    put(l, "w.des", bytes("w"));
    if (!locks()) {
      assertThatThrownBy(() -> l.lockWriter("w.des"))
          .isInstanceOf(UnsupportedStorageException.class).hasMessageContaining("not supported");
      assertThatThrownBy(() -> l.lease("w.des", 0))
          .isInstanceOf(UnsupportedStorageException.class).hasMessageContaining("not supported");
      assertThatThrownBy(() -> l.openForUpdate("w.des"))
          .isInstanceOf(UnsupportedStorageException.class).hasMessageContaining("not supported");
      return;
    }
    Optional<Closeable> first = l.lockWriter("w.des");
    assertThat(first).as("first writer").isPresent();
    assertThat(l.lockWriter("w.des")).as("second writer while the first holds it").isEmpty();
    first.orElseThrow().close();
    Optional<Closeable> again = l.lockWriter("w.des");
    assertThat(again).as("after release").isPresent();
    again.orElseThrow().close();
  }
}
