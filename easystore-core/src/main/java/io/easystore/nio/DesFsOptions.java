package io.easystore.nio;

import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.remote.RemoteOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The environment map of {@code FileSystems.newFileSystem}, parsed and validated once. Values may
 * be strings or the typed objects named below; an unknown key is refused, so a misspelt option
 * never passes silently.
 *
 * <ul>
 *   <li>{@code create}: {@code "true"} creates the container when it does not exist (default false)
 *   <li>{@code readOnly}: {@code "true"} opens the container read-only, through a reader; v1
 *       containers and remote ones are always read-only
 *   <li>{@code commit}: {@code close} (default), {@code sync} or {@code write}, see {@link CommitPolicy}
 *   <li>{@code owner}, {@code group}: names reported by the POSIX attributes
 *   <li>{@code tempDir}: where bodies being written are buffered (default {@code java.io.tmpdir})
 *   <li>{@code codec}: {@code none}, {@code deflate}, {@code zstd} or {@code zstd-dict} for new bodies
 *   <li>{@code readerOptions}, {@code writerOptions}, {@code remoteOptions}: the library's option records
 *   <li>{@code http.header.NAME}: an HTTP header for remote containers; any other key with a dot
 *       (such as {@code s3.endpoint}, {@code s3.region}) is a {@link RemoteOptions} property
 * </ul>
 */
record DesFsOptions(
    boolean create, boolean readOnly, CommitPolicy commit, String owner, String group, Path tempDir,
    ReaderOptions readerOptions, WriterOptions writerOptions, RemoteOptions remoteOptions, boolean hasRemoteKeys) {

  /** When pending changes are published to the container. */
  enum CommitPolicy {
    /**
     * On {@code FileSystem.close()} (and on {@link DesFileSystem#sync()}). The default: every
     * commit writes an index delta and forces the file, so committing per call would cost a
     * delta and an fsync per written file.
     */
    CLOSE,
    /** Only on {@link DesFileSystem#sync()}; closing drops changes made since the last sync. */
    SYNC,
    /** After every changing call (a closed output stream, a delete, a move...): durable at once, slower. */
    WRITE
  }

  private static final Set<String> KEYS = Set.of("create", "readOnly", "commit", "owner", "group", "tempDir",
      "codec", "readerOptions", "writerOptions", "remoteOptions");
  private static final String HEADER_PREFIX = "http.header.";

  DesFsOptions {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(readerOptions, "readerOptions");
    Objects.requireNonNull(writerOptions, "writerOptions");
    Objects.requireNonNull(remoteOptions, "remoteOptions");
  }

  static DesFsOptions parse(Map<String, ?> env) {
    Objects.requireNonNull(env, "env");
    RemoteOptions remote = typed(env, "remoteOptions", RemoteOptions.class, RemoteOptions.defaults());
    boolean remoteKeys = false;
    for (Map.Entry<String, ?> e : env.entrySet()) {
      String k = e.getKey();
      if (KEYS.contains(k)) {
        continue;
      }
      if (!k.contains(".")) {
        throw new IllegalArgumentException("unknown des file system option '" + k + "' (known: "
            + String.join(", ", KEYS.stream().sorted().toList()) + ", and dotted remote keys such as s3.endpoint)");
      }
      remoteKeys = true;
      String v = String.valueOf(e.getValue());
      if (k.startsWith(HEADER_PREFIX)) {
        Map<String, String> h = new java.util.TreeMap<>(remote.headers());
        h.put(k.substring(HEADER_PREFIX.length()), v);
        remote = remote.withHeaders(h);
      } else {
        remote = remote.withProperty(k, v);
      }
    }
    WriterOptions writer = typed(env, "writerOptions", WriterOptions.class, WriterOptions.defaults());
    if (env.containsKey("codec")) {
      writer = writer.withCodec(CodecId.fromLabel(String.valueOf(env.get("codec"))));
    }
    Object tmp = env.get("tempDir");
    Path tempDir = tmp == null ? writer.tempDir() : tmp instanceof Path p ? p : Path.of(String.valueOf(tmp));
    String owner = env.containsKey("owner") ? String.valueOf(env.get("owner")) : null;
    String group = env.containsKey("group") ? String.valueOf(env.get("group")) : null;
    return new DesFsOptions(bool(env, "create"), bool(env, "readOnly"), commit(env.get("commit")), owner, group,
        tempDir, typed(env, "readerOptions", ReaderOptions.class, ReaderOptions.defaults()), writer, remote,
        remoteKeys);
  }

  private static boolean bool(Map<String, ?> env, String key) {
    Object v = env.get(key);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return s.equals("true");
    }
    throw new IllegalArgumentException("des file system option '" + key + "' must be true or false, got '" + v + "'");
  }

  private static CommitPolicy commit(Object v) {
    if (v == null) {
      return CommitPolicy.CLOSE;
    }
    if (v instanceof CommitPolicy p) {
      return p;
    }
    return switch (String.valueOf(v).trim().toLowerCase(Locale.ROOT)) {
      case "close" -> CommitPolicy.CLOSE;
      case "sync" -> CommitPolicy.SYNC;
      case "write" -> CommitPolicy.WRITE;
      default -> throw new IllegalArgumentException(
          "des file system option 'commit' must be close, sync or write, got '" + v + "'");
    };
  }

  private static <T> T typed(Map<String, ?> env, String key, Class<T> type, T fallback) {
    Object v = env.get(key);
    if (v == null) {
      return fallback;
    }
    if (!type.isInstance(v)) {
      throw new IllegalArgumentException("des file system option '" + key + "' must be a " + type.getName()
          + ", got " + v.getClass().getName());
    }
    return type.cast(v);
  }
}
