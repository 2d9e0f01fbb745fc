package io.easystore.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The frozen compatibility files of each module: {@code src/test/resources/frozen/<format>-<release>/},
 * each directory with a {@code MANIFEST.json} that lists every file in it (size, SHA-256) and the
 * logical content the current code must read from them (see docs/COMPATIBILITY.md). Shared by the
 * modules' generators and reader tests through core's test-jar. Stateless and thread-safe.
 *
 * <p>Nothing here overwrites a frozen file: {@link #outputDir} refuses a directory that exists.
 */
public final class FrozenFiles {
  /** The manifest's file name, inside each frozen directory. */
  public static final String MANIFEST = "MANIFEST.json";
  /** The system property that makes generators write into the source tree. */
  public static final String WRITE_PROPERTY = "frozen.write";

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FrozenFiles() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * The frozen directory {@code frozen/<name>}: the module's source directory when the tests run
   * in the module (as Maven runs them), so that a file deleted from the sources is missed at once
   * and not served from a stale {@code target/test-classes}; else the test classpath, which must
   * hold it as a directory. Fails (never skips) when it or its manifest is missing.
   */
  public static Path dir(String name) {
    Path source = Path.of("src", "test", "resources", "frozen", name);
    if (Files.isRegularFile(source.resolve(MANIFEST))) {
      return source.toAbsolutePath();
    }
    String resource = "/frozen/" + name + "/" + MANIFEST;
    URL url = FrozenFiles.class.getResource(resource);
    if (url == null) {
      throw new AssertionError("frozen compatibility files missing from the test classpath: " + resource
          + " (they are committed under src/test/resources/frozen/" + name + ")");
    }
    if (!"file".equals(url.getProtocol())) {
      throw new AssertionError("frozen files must be read from this module's test resources, not " + url);
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ObjectNode manifest(Path dir) throws IOException {
    return (ObjectNode) MAPPER.readTree(dir.resolve(MANIFEST).toFile());
  }

  /** Whether the generators were asked to write new frozen directories ({@code -Dfrozen.write=true}). */
  public static boolean writeRequested() {
    return Boolean.getBoolean(WRITE_PROPERTY);
  }

  /**
   * Where a generator writes the frozen directory {@code name} of the module that runs it (the
   * working directory of a Maven test run is the module's directory). Refuses a directory that
   * exists: a frozen file of a released version is never regenerated, and before release it is
   * deleted by hand on purpose, never overwritten by a build.
   */
  public static Path outputDir(String name) throws IOException {
    Path dir = Path.of("src", "test", "resources", "frozen", name).toAbsolutePath();
    if (Files.exists(dir)) {
      throw new FileAlreadyExistsException(dir.toString(), null,
          "frozen files are never regenerated; a new release writes a new directory (docs/COMPATIBILITY.md)");
    }
    return Files.createDirectories(dir);
  }

  /** Every regular file below {@code dir} except the manifest, as sorted '/'-separated relative paths. */
  public static List<String> listFiles(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Iterator<Path> it = s.iterator(); it.hasNext(); ) {
        Path p = it.next();
        if (Files.isDirectory(p)) {
          try (Stream<Path> children = Files.list(p)) {
            if (children.findAny().isEmpty()) {
              // git keeps no empty directory, so a frozen tree must not need one.
              throw new IOException("empty directory in a frozen tree: " + p);
            }
          }
        } else if (!p.equals(dir.resolve(MANIFEST))) {
          out.add(relative(dir, p));
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** The manifest's {@code "files"} array: every file with its size and SHA-256, in path order. */
  public static ArrayNode fileTable(Path dir) throws IOException {
    ArrayNode files = MAPPER.createArrayNode();
    for (String rel : listFiles(dir)) {
      byte[] b = Files.readAllBytes(dir.resolve(rel));
      files.addObject().put("path", rel).put("size", b.length).put("sha256", sha256(b));
    }
    return files;
  }

  /**
   * Checks that the directory holds exactly the files of the manifest's table, byte for byte (a
   * checkout that rewrote line ends, or a file regenerated without its manifest, fails here).
   */
  public static List<String> fileTableProblems(Path dir, JsonNode manifest) throws IOException {
    Map<String, JsonNode> want = new TreeMap<>();
    for (JsonNode f : manifest.path("files")) {
      want.put(f.path("path").asText(), f);
    }
    List<String> problems = new ArrayList<>();
    if (want.isEmpty()) {
      problems.add("manifest lists no files");
    }
    List<String> have = listFiles(dir);
    for (String rel : have) {
      JsonNode f = want.get(rel);
      if (f == null) {
        problems.add("not in the manifest: " + rel);
        continue;
      }
      byte[] b = Files.readAllBytes(dir.resolve(rel));
      if (b.length != f.path("size").asLong() || !sha256(b).equals(f.path("sha256").asText())) {
        problems.add("bytes differ from the manifest: " + rel);
      }
    }
    for (String rel : want.keySet()) {
      if (!have.contains(rel)) {
        problems.add("missing: " + rel);
      }
    }
    return problems;
  }

  /** Copies the tree below {@code from} into {@code to} (created), so tests never touch the originals. */
  public static Path copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.walk(from)) {
      for (Iterator<Path> it = s.iterator(); it.hasNext(); ) {
        Path p = it.next();
        Path q = to.resolve(relative(from, p));
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
    return to;
  }

  /**
   * The commit the generator ran at ({@code git rev-parse HEAD}, "+dirty" with local changes
   * outside the frozen directories), or "unknown".
   */
  public static String gitCommit() {
    try {
      String head = run("git", "rev-parse", "HEAD");
      // Changes to frozen directories themselves (one being rewritten) do not make the writer dirty.
      String status = run("git", "status", "--porcelain", "--untracked-files=no", "--", ":(top)",
          ":(top,exclude,glob)*/src/test/resources/frozen/**");
      return head == null ? "unknown" : status == null || status.isEmpty() ? head : head + "+dirty";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static String run(String... cmd) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The manifest's {@code "generator"} object. */
  public static ObjectNode generator(Class<?> generator, String method, long seed, String writerVersion) {
    ObjectNode g = MAPPER.createObjectNode();
    g.put("class", generator.getName()).put("method", method).put("seed", seed)
        .put("writer_version", writerVersion).put("commit", gitCommit())
        .put("how_to_regenerate", "delete the directory, then run the module's " + generator.getSimpleName()
            + "Test with -D" + WRITE_PROPERTY + "=true; never for a released version");
    return g;
  }

  /** Writes the manifest: the given head fields, then the file table. */
  public static void writeManifest(Path dir, ObjectNode head) throws IOException {
    ObjectNode m = head.deepCopy();
    m.set("files", fileTable(dir));
    StringBuilder out = new StringBuilder();
    format(m, "", out);
    Files.writeString(dir.resolve(MANIFEST), out.append('\n'));
  }

  /** Pretty JSON that keeps small objects and arrays on one line, so manifests stay short and diffable. */
  private static void format(JsonNode node, String indent, StringBuilder out) throws IOException {
    String compact = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
    if (!node.isContainerNode() || compact.length() + indent.length() <= 240 || node.isEmpty()) {
      out.append(compact);
      return;
    }
    String inner = indent + "  ";
    out.append(node.isObject() ? "{\n" : "[\n");
    Iterator<Map.Entry<String, JsonNode>> fields = node.isObject() ? node.properties().iterator() : null;
    Iterator<JsonNode> elements = node.isArray() ? node.elements() : null;
    boolean first = true;
    while (fields != null ? fields.hasNext() : elements.hasNext()) {
      out.append(first ? "" : ",\n").append(inner);
      first = false;
      JsonNode child;
      if (fields != null) {
        Map.Entry<String, JsonNode> f = fields.next();
        out.append(MAPPER.writeValueAsString(f.getKey())).append(": ");
        child = f.getValue();
      } else {
        child = elements.next();
      }
      format(child, inner, out);
    }
    out.append('\n').append(indent).append(node.isObject() ? '}' : ']');
  }

  /** {@code node} through text and back, so that trees built in code compare equal to parsed ones. */
  public static JsonNode normalized(JsonNode node) {
    try {
      return MAPPER.readTree(MAPPER.writeValueAsString(node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of {@code node} without the object fields named in {@code drop}, at any depth. */
  public static JsonNode without(JsonNode node, Set<String> drop) {
    JsonNode copy = node.deepCopy();
    strip(copy, drop);
    return copy;
  }

  private static void strip(JsonNode node, Set<String> drop) {
    if (node instanceof ObjectNode o) {
      o.remove(drop);
    }
    for (JsonNode child : node) {
      strip(child, drop);
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static String relative(Path base, Path p) {
    return base.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
  }
}
