package io.easystore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;

/**
 * Opens a possibly damaged container and touches everything in it. Passing means: every failure
 * was an {@link IOException} naming the container (a {@link CorruptContainerException} also
 * naming an offset), and nothing hung, ran out of memory or threw a runtime exception.
 */
public final class HostileInput {
  private HostileInput() {}

  /**
   * Small limits so that an absurd count fails as a limit, not as a 1 GiB allocation; key "fuzz"
   * (32 zero bytes), so that encrypted inputs reach the decryption paths.
   */
  public static final ReaderOptions SMALL_LIMITS = ReaderOptions.defaults()
      .withMaxEntries(100_000).withMaxIndexBytes(8 << 20).withMaxMetaBytes(1 << 20).withMaxBatchBytes(8 << 20)
      .withKeys(io.easystore.crypto.KeyProviders.of("fuzz", new byte[32]));

  /** Returns a short description of the outcome, for replay messages. */
  public static String exercise(String name, byte[] bytes, String replay) {
    return Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(name, bytes, replay), replay);
  }

  private static String run(String name, byte[] bytes, String replay) {
    DesReader reader;
    try {
      reader = DesReader.open(RangeSources.memory(name, bytes), SMALL_LIMITS);
    } catch (Throwable t) {
      return expectTyped(t, name, replay, "open");
    }
    StringBuilder outcome = new StringBuilder("opened");
    try (DesReader r = reader) {
      r.stats();
      for (IndexEntry e : r.getIndex()) {
        if (e.isDeleted() || !r.contains(e.name())) {
          continue;
        }
        outcome.append(touch(r, e.name(), name, replay));
      }
      try {
        r.getFiles(r.listFiles());
      } catch (Throwable t) {
        outcome.append(" batch:").append(expectTyped(t, name, replay, "getFiles"));
      }
      try {
        r.verify();
      } catch (Throwable t) {
        outcome.append(" verify:").append(expectTyped(t, name, replay, "verify"));
      }
    } catch (IOException e) {
      fail(replay + ": close failed", e);
    }
    return outcome.toString();
  }

  private static String touch(DesReader r, String entry, String name, String replay) {
    String out = "";
    try {
      byte[] whole = r.getFile(entry);
      try (InputStream in = r.openStream(entry)) {
        assertThat(in.readAllBytes()).as(replay).isEqualTo(whole);
      }
    } catch (Throwable t) {
      out += " body:" + expectTyped(t, name, replay, "read " + entry);
    }
    try {
      r.getMeta(entry);
    } catch (Throwable t) {
      out += " meta:" + expectTyped(t, name, replay, "meta " + entry);
    }
    return out;
  }

  private static String expectTyped(Throwable t, String name, String replay, String step) {
    if (t instanceof AssertionError a) {
      throw a;
    }
    if (!(t instanceof IOException)) {
      throw new AssertionError(replay + ": " + step + " threw " + t.getClass().getName()
          + " instead of a typed IOException", t);
    }
    assertThat(t.getMessage()).as(replay + ": " + step + " message names the container")
        .contains(name);
    if (t instanceof CorruptContainerException c) {
      assertThat(c.container()).isEqualTo(name);
      assertThat(c.offset()).as(replay + ": " + step + " names an offset: " + t.getMessage())
          .isGreaterThanOrEqualTo(0);
      return c.getClass().getSimpleName();
    }
    return t.getClass().getSimpleName();
  }
}
