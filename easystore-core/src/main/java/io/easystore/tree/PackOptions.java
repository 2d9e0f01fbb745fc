package io.easystore.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link TreePacker} takes from a directory and how: hidden entries, links, extension and
 * glob filters, reader threads, error handling and per-file metadata.
 *
 * <p>Build one with {@link #builder()} (or change a copy with {@link #toBuilder()}); setters
 * reject bad values and {@link Builder#build()} settings that contradict each other (a list of
 * extensions to keep together with a list to leave out), each with an
 * {@link IllegalArgumentException} saying what to change. The {@code with...} methods are
 * shorthands for a {@code toBuilder()} round trip.
 *
 * <p>Immutable and thread-safe (the {@link Metadata} function must be thread-safe itself); equal
 * options compare equal.
 */
public final class PackOptions {

  /** Most reader threads accepted. */
  public static final int MAX_THREADS = 256;

  /**
   * Metadata for one file, called on reader threads (so it must be thread-safe); null for none.
   */
  @FunctionalInterface
  public interface Metadata {
    ObjectNode of(Path file, String entryPath) throws IOException;
  }

  private static final PackOptions DEFAULTS = builder().build();

  private final boolean includeHidden;
  private final boolean followLinks;
  private final List<String> includeExtensions;
  private final List<String> excludeExtensions;
  private final List<String> excludeGlobs;
  private final int threads;
  private final boolean skipErrors;
  private final Metadata metadata;

  private PackOptions(Builder b) {
    this.includeHidden = b.includeHidden;
    this.followLinks = b.followLinks;
    this.includeExtensions = b.includeExtensions;
    this.excludeExtensions = b.excludeExtensions;
    this.excludeGlobs = b.excludeGlobs;
    this.threads = b.threads;
    this.skipErrors = b.skipErrors;
    this.metadata = b.metadata;
  }

  /** FilePacker's behaviour: hidden entries skipped, links followed, everything else packed; 4 threads. */
  public static PackOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.includeHidden = includeHidden;
    b.followLinks = followLinks;
    b.includeExtensions = includeExtensions;
    b.excludeExtensions = excludeExtensions;
    b.excludeGlobs = excludeGlobs;
    b.threads = threads;
    b.skipErrors = skipErrors;
    b.metadata = metadata;
    return b;
  }

  /**
   * Whether entries whose name starts with {@code .} are packed (by default they are skipped, and
   * so is everything below a hidden directory).
   */
  public boolean includeHidden() {
    return includeHidden;
  }

  /**
   * Whether symbolic links to files and directories are followed (a link that leads back to a
   * directory above it is skipped, so cycles end); when false, links are left out.
   */
  public boolean followLinks() {
    return followLinks;
  }

  /**
   * Only files with one of these extensions are packed (lower case, without the dot;
   * {@code tar.gz} works too); empty for all.
   */
  public List<String> includeExtensions() {
    return includeExtensions;
  }

  /** Files with one of these extensions are left out; exclusive with {@link #includeExtensions()}. */
  public List<String> excludeExtensions() {
    return excludeExtensions;
  }

  /** Files and directories matching any of these {@link PathGlob}s are left out. */
  public List<String> excludeGlobs() {
    return excludeGlobs;
  }

  /**
   * Files read at once (reading many small files is latency bound); 1 reads on the packing
   * thread. The container is the same for every value.
   */
  public int threads() {
    return threads;
  }

  /** Whether unreadable files and directories are left out (reported) instead of failing. */
  public boolean skipErrors() {
    return skipErrors;
  }

  /** Per-file JSON metadata, or null for none. */
  public Metadata metadata() {
    return metadata;
  }

  public PackOptions withIncludeHidden(boolean v) {
    return toBuilder().includeHidden(v).build();
  }

  public PackOptions withFollowLinks(boolean v) {
    return toBuilder().followLinks(v).build();
  }

  public PackOptions withIncludeExtensions(List<String> v) {
    return toBuilder().includeExtensions(v).build();
  }

  public PackOptions withExcludeExtensions(List<String> v) {
    return toBuilder().excludeExtensions(v).build();
  }

  public PackOptions withExcludeGlobs(List<String> v) {
    return toBuilder().excludeGlobs(v).build();
  }

  public PackOptions withThreads(int v) {
    return toBuilder().threads(v).build();
  }

  public PackOptions withSkipErrors(boolean v) {
    return toBuilder().skipErrors(v).build();
  }

  public PackOptions withMetadata(Metadata v) {
    return toBuilder().metadata(v).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PackOptions p && includeHidden == p.includeHidden && followLinks == p.followLinks
        && includeExtensions.equals(p.includeExtensions) && excludeExtensions.equals(p.excludeExtensions)
        && excludeGlobs.equals(p.excludeGlobs) && threads == p.threads && skipErrors == p.skipErrors
        && Objects.equals(metadata, p.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(includeHidden, followLinks, includeExtensions, excludeExtensions, excludeGlobs, threads,
        skipErrors, metadata);
  }

  @Override
  public String toString() {
    return "PackOptions[includeHidden=" + includeHidden + ", followLinks=" + followLinks + ", includeExtensions="
        + includeExtensions + ", excludeExtensions=" + excludeExtensions + ", excludeGlobs=" + excludeGlobs
        + ", threads=" + threads + ", skipErrors=" + skipErrors + ", metadata=" + metadata + "]";
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

  /**
   * Collects settings for a {@link PackOptions}. Not thread-safe; the options it builds are.
   */
  public static final class Builder {
    private boolean includeHidden;
    private boolean followLinks = true;
    private List<String> includeExtensions = List.of();
    private List<String> excludeExtensions = List.of();
    private List<String> excludeGlobs = List.of();
    private int threads = 4;
    private boolean skipErrors;
    private Metadata metadata;

    private Builder() {
    }

    /** Pack entries whose name starts with {@code .}. */
    public Builder includeHidden(boolean v) {
      includeHidden = v;
      return this;
    }

    /** Follow symbolic links (cycles end); when false, links are left out. */
    public Builder followLinks(boolean v) {
      followLinks = v;
      return this;
    }

    /** Pack only files with these extensions (case-insensitive, dot optional); exclusive with excludeExtensions. */
    public Builder includeExtensions(List<String> v) {
      includeExtensions = extensions(v, "include");
      return this;
    }

    /** Leave out files with these extensions; exclusive with includeExtensions. */
    public Builder excludeExtensions(List<String> v) {
      excludeExtensions = extensions(v, "exclude");
      return this;
    }

    /** Leave out files and directories matching any of these {@link PathGlob}s. */
    public Builder excludeGlobs(List<String> v) {
      List<String> globs = List.copyOf(v);
      for (String g : globs) {
        PathGlob.compile(g);
      }
      excludeGlobs = globs;
      return this;
    }

    /** Files read at once, 1 to {@value PackOptions#MAX_THREADS}. */
    public Builder threads(int v) {
      if (v < 1 || v > MAX_THREADS) {
        throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS + ", got " + v);
      }
      threads = v;
      return this;
    }

    /** Leave unreadable files and directories out (reported) instead of failing. */
    public Builder skipErrors(boolean v) {
      skipErrors = v;
      return this;
    }

    /** Per-file JSON metadata (called on reader threads); null for none. */
    public Builder metadata(Metadata v) {
      metadata = v;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException if extensions to keep and extensions to leave out are both given
     */
    public PackOptions build() {
      if (!includeExtensions.isEmpty() && !excludeExtensions.isEmpty()) {
        throw new IllegalArgumentException("--include-ext and --exclude-ext are mutually exclusive: give a list of"
            + " extensions to keep, or a list to leave out, not both (got include " + includeExtensions
            + ", exclude " + excludeExtensions + ")");
      }
      return new PackOptions(this);
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
  }
}
