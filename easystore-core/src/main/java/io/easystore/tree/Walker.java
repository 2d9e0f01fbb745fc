package io.easystore.tree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The lazy, top-down walk behind {@link FileTree#walk}, over anything that can list one
 * directory. A directory whose identity (its file key, for real directories) is already among its
 * ancestors is a symbolic link loop: it is neither listed nor entered.
 */
final class Walker {
  /** A child of a directory; {@code key} identifies a directory across links, or is null. */
  record Child(String name, boolean directory, Object key) {}

  /** Lists one directory of the tree. */
  interface Lister {
    List<Child> children(String dir, boolean sorted) throws IOException;
  }

  /** The chain of directories above the one being listed, for loop detection. */
  private record Ancestors(Object key, Ancestors parent) {
    boolean contains(Object k) {
      for (Ancestors a = this; a != null; a = a.parent) {
        if (k.equals(a.key)) {
          return true;
        }
      }
      return false;
    }
  }

  private record Frame(String path, Ancestors ancestors) {}

  private Walker() {}

  /** Walks from {@code top}, a directory the caller has checked, whose identity is {@code topKey} (or null). */
  static Stream<WalkEntry> walk(Lister lister, String top, Object topKey, boolean sorted) {
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(top, topKey == null ? null : new Ancestors(topKey, null)));
    Spliterator<WalkEntry> s = new Spliterators.AbstractSpliterator<WalkEntry>(Long.MAX_VALUE,
        Spliterator.ORDERED | Spliterator.NONNULL) {
      @Override
      public boolean tryAdvance(Consumer<? super WalkEntry> action) {
        Frame f = stack.poll();
        if (f == null) {
          return false;
        }
        List<Child> children;
        try {
          children = lister.children(f.path(), sorted);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        List<String> dirs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<Frame> below = new ArrayList<>();
        for (Child c : children) {
          if (!c.directory()) {
            files.add(c.name());
            continue;
          }
          if (c.key() != null && f.ancestors() != null && f.ancestors().contains(c.key())) {
            continue;
          }
          dirs.add(c.name());
          Ancestors a = c.key() == null ? f.ancestors() : new Ancestors(c.key(), f.ancestors());
          below.add(new Frame(TreePaths.join(f.path(), c.name()), a));
        }
        for (int i = below.size() - 1; i >= 0; i--) {
          stack.push(below.get(i));
        }
        action.accept(new WalkEntry(f.path(), dirs, files));
        return true;
      }
    };
    return StreamSupport.stream(s, false);
  }
}
