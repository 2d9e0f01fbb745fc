package io.easystore.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@link TreePacker} takes from a directory and how. Immutable; the {@code with...} methods
 * return modified copies and the constructor validates.
 *
 * @param includeHidden pack entries whose name starts with {@code .} (by default they are skipped,
 *     and so is everything below a hidden directory)
 * @param followLinks follow symbolic links to files and directories (a link that leads back to a
 *     directory above it is skipped, so cycles end); when false, links are left out
 * @param includeExtensions pack only files with one of these extensions (case-insensitive,
 *     without the dot; {@code tar.gz} works too); empty for all
 * @param excludeExtensions leave out files with one of these extensions; exclusive with
 *     {@code includeExtensions}
 * @param excludeGlobs leave out files and directories matching any of these {@link PathGlob}s
 * @param threads files read at once (reading many small files is latency bound); 1 reads on the
 *     packing thread. The container is the same for every value.
 * @param skipErrors leave unreadable files and directories out (reported) instead of failing
 * @param metadata per-file JSON metadata, or null for none
 */
public record PackOptions(boolean includeHidden, boolean followLinks, List<String> includeExtensions,
    List<String> excludeExtensions, List<String> excludeGlobs, int threads, boolean skipErrors, Metadata metadata) {

  /** Most reader threads accepted. */
  public static final int MAX_THREADS = 256;

  /**
   * Metadata for one file, called on reader threads (so it must be thread-safe); null for none.
   */
  @FunctionalInterface
  public interface Metadata {
    ObjectNode of(Path file, String entryPath) throws IOException;
  }

  public PackOptions {
    includeExtensions = extensions(includeExtensions, "include");
    excludeExtensions = extensions(excludeExtensions, "exclude");
    if (!includeExtensions.isEmpty() && !excludeExtensions.isEmpty()) {
      throw new IllegalArgumentException("--include-ext and --exclude-ext are mutually exclusive: give a list of"
          + " extensions to keep, or a list to leave out, not both (got include " + includeExtensions
          + ", exclude " + excludeExtensions + ")");
    }
    excludeGlobs = List.copyOf(excludeGlobs);
    for (String g : excludeGlobs) {
      PathGlob.compile(g);
    }
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS + ", got " + threads);
    }
  }

  private static List<String> extensions(List<String> given, String what) {
    List<String> out = new ArrayList<>();
    for (String e : given) {
      String x = e.trim().toLowerCase(Locale.ROOT);
      while (x.startsWith(".")) {
        x = x.substring(1);
      }
      if (x.isEmpty() || x.indexOf('/') >= 0) {
        throw new IllegalArgumentException("--" + what + "-ext: '" + e + "' is not a file extension");
      }
      out.add(x);
    }
    return List.copyOf(out);
  }

  /** FilePacker's behaviour: hidden entries skipped, links followed, everything else packed; 4 threads. */
  public static PackOptions defaults() {
    return new PackOptions(false, true, List.of(), List.of(), List.of(), 4, false, null);
  }

  public PackOptions withIncludeHidden(boolean v) {
    return new PackOptions(v, followLinks, includeExtensions, excludeExtensions, excludeGlobs, threads, skipErrors, metadata);
  }

  public PackOptions withFollowLinks(boolean v) {
    return new PackOptions(includeHidden, v, includeExtensions, excludeExtensions, excludeGlobs, threads, skipErrors, metadata);
  }

  public PackOptions withIncludeExtensions(List<String> v) {
    return new PackOptions(includeHidden, followLinks, v, excludeExtensions, excludeGlobs, threads, skipErrors, metadata);
  }

  public PackOptions withExcludeExtensions(List<String> v) {
    return new PackOptions(includeHidden, followLinks, includeExtensions, v, excludeGlobs, threads, skipErrors, metadata);
  }

  public PackOptions withExcludeGlobs(List<String> v) {
    return new PackOptions(includeHidden, followLinks, includeExtensions, excludeExtensions, v, threads, skipErrors, metadata);
  }

  public PackOptions withThreads(int v) {
    return new PackOptions(includeHidden, followLinks, includeExtensions, excludeExtensions, excludeGlobs, v, skipErrors, metadata);
  }

  public PackOptions withSkipErrors(boolean v) {
    return new PackOptions(includeHidden, followLinks, includeExtensions, excludeExtensions, excludeGlobs, threads, v, metadata);
  }

  public PackOptions withMetadata(Metadata v) {
    return new PackOptions(includeHidden, followLinks, includeExtensions, excludeExtensions, excludeGlobs, threads, skipErrors, v);
  }

  /** Whether a file name passes the extension filters. */
  boolean extensionAllowed(String name) {
    if (includeExtensions.isEmpty() && excludeExtensions.isEmpty()) {
      return true;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    List<String> list = includeExtensions.isEmpty() ? excludeExtensions : includeExtensions;
    boolean listed = false;
    for (String x : list) {
      if (lower.length() > x.length() + 1 && lower.endsWith(x) && lower.charAt(lower.length() - x.length() - 1) == '.') {
        listed = true;
        break;
      }
    }
    return includeExtensions.isEmpty() != listed;
  }
}
