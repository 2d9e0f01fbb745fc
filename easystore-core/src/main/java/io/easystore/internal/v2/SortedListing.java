package io.easystore.internal.v2;

import io.easystore.CorruptContainerException;
import io.easystore.IndexEntry;
import io.easystore.internal.common.EntryFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Directory listings and full walks over a sorted index, shared by the plain v2 reader and the
 * layered reader of updated containers, which differ only in the cursor they walk. Stateless.
 */
public final class SortedListing {
  /** Turns the cursor's current fields into an entry. */
  public interface EntryMapper {
    IndexEntry map(String path, EntryFields fields) throws IOException;
  }

  private SortedListing() {}

  /**
   * The live children of {@code dir} (already checked to be a directory), in index order,
   * starting after {@code startAfter} when it is not null, at most {@code limit}.
   */
  public static List<IndexEntry> children(KeyCursor c, String container, String dir, String startAfter, int limit,
      EntryMapper mapper) throws IOException {
    byte[] prefix = V2Paths.childPrefix(dir);
    byte[] seek = prefix;
    if (startAfter != null) {
      byte[] after = startAfter.getBytes(StandardCharsets.UTF_8);
      seek = Arrays.copyOf(prefix, prefix.length + after.length + 1);
      System.arraycopy(after, 0, seek, prefix.length, after.length);
    }
    List<IndexEntry> out = new ArrayList<>();
    if (limit == 0 || !c.seek(seek)) {
      return out;
    }
    do {
      EntryFields f = c.fields();
      if (f.keyLength < prefix.length || Arrays.mismatch(f.key, 0, prefix.length, prefix, 0, prefix.length) >= 0) {
        break;
      }
      if (!f.isDeleted()) {
        out.add(mapper.map(pathOf(f, container), f));
      }
    } while (out.size() < limit && c.next());
    return out;
  }

  /**
   * Every entry in key order, lazily. {@code size} is exact when known (else negative);
   * tombstones are left out when {@code skipDeleted}.
   */
  public static Stream<IndexEntry> all(KeyCursor c, String container, long size, boolean skipDeleted, EntryMapper mapper) {
    int characteristics = Spliterator.ORDERED | Spliterator.NONNULL | (size >= 0 ? Spliterator.SIZED : 0);
    Spliterator<IndexEntry> s = new Spliterators.AbstractSpliterator<IndexEntry>(
        size >= 0 ? size : Long.MAX_VALUE, characteristics) {
      private boolean started;

      @Override
      public boolean tryAdvance(Consumer<? super IndexEntry> action) {
        try {
          while (true) {
            boolean more = started ? c.next() : c.seek(new byte[0]);
            started = true;
            if (!more) {
              return false;
            }
            EntryFields f = c.fields();
            if (!skipDeleted || !f.isDeleted()) {
              action.accept(mapper.map(pathOf(f, container), f));
              return true;
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
    return StreamSupport.stream(s, false);
  }

  private static String pathOf(EntryFields f, String container) throws CorruptContainerException {
    return V2Paths.pathOf(f.key, f.keyLength, container, CorruptContainerException.NO_OFFSET);
  }
}
