package io.easystore.mutate;

import io.easystore.DesReader;
import io.easystore.IndexEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A digest of a container's namespace and bodies, computed the same way from a model or a reader. */
final class Digests {
  private Digests() {}

  /** Paths to bodies; directories map to null. */
  static String of(SortedMap<String, byte[]> model) {
    try {
      MessageDigest all = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, byte[]> e : model.entrySet()) {
        all.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        if (e.getValue() == null) {
          all.update((byte) 'D');
        } else {
          all.update((byte) 'F');
          all.update(MessageDigest.getInstance("SHA-256").digest(e.getValue()));
        }
        all.update((byte) 0);
      }
      return HexFormat.of().formatHex(all.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static TreeMap<String, byte[]> model(DesReader r) {
    TreeMap<String, byte[]> m = new TreeMap<>();
    try (Stream<IndexEntry> s = r.entries()) {
      s.forEach(e -> {
        try {
          m.put(e.name(), e.isDirectory() ? null : r.getFile(e.name()));
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      });
    }
    return m;
  }

  static String of(DesReader r) {
    return of(model(r));
  }
}
