package io.easystore.doctest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every ```bash and ```sh block of README.md and docs/*.md runs as written, in document order,
 * under {@code bash -euo pipefail}, in one scratch directory per document, and must exit 0 (or the
 * code of an {@code <!-- doctest: expect-exit N -->} marker). {@code des} is on PATH and also
 * {@code ./des} in the scratch directory, both running the CLI built from this checkout; exported
 * variables carry from one block to the next, as in one terminal. s3:// examples reach an S3Proxy
 * on 127.0.0.1 (AWS_ENDPOINT_URL_S3, with buckets {@code bucket}, {@code archive} and
 * {@code backups}); a block that needs more than that is marked
 * {@code <!-- doctest: skip REASON -->}, and the skipped blocks are listed at the end.
 */
class ShellBlocksTest {
  static final List<String> BUCKETS = List.of("bucket", "archive", "backups");
  static final String ACCESS = "doctest-access";
  static final String SECRET = "doctest-secret";
  private static final Duration BLOCK_LIMIT = Duration.ofSeconds(300);
  private static final List<String> SKIPPED = new CopyOnWriteArrayList<>();

  @TempDir static Path tmp;
  static S3ProxyJunitCore proxy;
  static Path bin;

  @BeforeAll
  static void start() throws Exception {
    proxy = new S3ProxyJunitCore.Builder().withCredentials(ACCESS, SECRET).withBlobStoreProvider("transient").build();
    proxy.beforeEach();
    try (S3Client admin = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(proxy.getUri())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
        .build()) {
      for (String bucket : BUCKETS) {
        admin.createBucket(r -> r.bucket(bucket));
      }
    }
    bin = Files.createDirectories(tmp.resolve("bin"));
    writeDesWrapper(bin.resolve("des"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.afterEach();
    }
    System.out.println("doctest: " + SKIPPED.size() + " shell block(s) skipped"
        + (SKIPPED.isEmpty() ? "" : ":\n  " + String.join("\n  ", SKIPPED)));
  }

  /** The des command of this checkout, as the README's ./des runs it, without a Maven build. */
  static void writeDesWrapper(Path file) throws IOException {
    String java = DocEnv.javaBin().resolve("java").toString();
    String script = "#!/usr/bin/env bash\n"
        + "# Written by ShellBlocksTest: the des CLI built from this checkout.\n"
        + "exec " + quote(java) + " " + String.join(" ", DocEnv.jvmOptions())
        + " -cp " + quote(DocEnv.desClasspath()) + " io.easystore.cli.Main \"$@\"\n";
    Files.writeString(file, script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  @TestFactory
  List<DynamicNode> shellBlocks() throws IOException {
    Path root = DocEnv.root();
    List<DynamicNode> docs = new ArrayList<>();
    for (Path doc : DocBlock.documents(root)) {
      String name = root.relativize(doc).toString();
      List<DocBlock> blocks = DocBlock.parse(name, Files.readAllLines(doc)).stream().filter(DocBlock::isShell).toList();
      if (blocks.isEmpty()) {
        continue;
      }
      Path scratch = tmp.resolve("scratch-" + name.replace('/', '-'));
      Path state = tmp.resolve("state-" + name.replace('/', '-') + ".sh");
      List<DynamicTest> tests = new ArrayList<>();
      for (DocBlock b : blocks) {
        tests.add(DynamicTest.dynamicTest(b.where(), () -> runBlock(b, scratch, state)));
      }
      docs.add(DynamicContainer.dynamicContainer(name, tests));
    }
    return docs;
  }

  private void runBlock(DocBlock b, Path scratch, Path state) throws Exception {
    if (b.marker() != null && b.marker().kind() == DocBlock.Kind.SKIP) {
      SKIPPED.add(b.where() + ": " + b.marker().reason());
      Assumptions.abort("doctest skip: " + b.where() + ": " + b.marker().reason());
    }
    if (!Files.isDirectory(scratch)) {
      Files.createDirectories(scratch);
      Files.copy(bin.resolve("des"), scratch.resolve("des"));
      Files.writeString(state, "");
    }
    Path script = Files.writeString(tmp.resolve("block.sh"), script(b));
    DocEnv.Result r = DocEnv.run(List.of("bash", "-euo", "pipefail", script.toString()), scratch,
        environment(scratch, state), BLOCK_LIMIT);
    int expected = b.marker() != null && b.marker().kind() == DocBlock.Kind.EXPECT_EXIT ? b.marker().exit() : 0;
    assertThat(r.exit())
        .withFailMessage("%s %s (expected %d; blocks of a document run in order in one directory, so an earlier"
                + " failure can cause this one); output:%n%s", b.where(),
            r.timedOut() ? "did not finish in " + BLOCK_LIMIT.toSeconds() + " s" : "exited " + r.exit(), expected,
            r.tail(40))
        .isEqualTo(expected);
  }

  /**
   * The block behind one line of set-up, so that line k of the script is line k - 1 of the block
   * and the ERR trap can name the document line that failed.
   */
  static String script(DocBlock b) {
    String where = b.doc().replace("'", "");
    String prelude = "source \"$DOCTEST_STATE\"; "
        + "trap 'doctest_rc=$?; echo \"doctest: " + where + ":$((LINENO + " + (b.line() - 1)
        + ")) exited $doctest_rc: $BASH_COMMAND\" >&2' ERR; "
        + "trap 'export -p | grep -Ev \"^declare -[a-zA-Z-]+ (PWD|OLDPWD|SHLVL|_|SHELLOPTS|BASHOPTS|BASH_[A-Z_]+|DOCTEST_STATE)(=|$)\""
        + " > \"$DOCTEST_STATE\" || true' EXIT; cd \"$DOCTEST_SCRATCH\"\n";
    return prelude + b.text();
  }

  static Map<String, String> environment(Path scratch, Path state) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", bin + ":" + DocEnv.javaBin() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("DOCTEST_STATE", state.toString());
    env.put("DOCTEST_SCRATCH", scratch.toString());
    env.put("AWS_ENDPOINT_URL_S3", proxy.getUri().toString());
    env.put("AWS_ACCESS_KEY_ID", ACCESS);
    env.put("AWS_SECRET_ACCESS_KEY", SECRET);
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    // Never the user's own AWS profiles or block cache.
    env.put("AWS_CONFIG_FILE", scratch.resolveSibling("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", scratch.resolveSibling("no-aws-credentials").toString());
    for (String unset : List.of("DES_CACHE_DIR", "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN", "DES_JAVA_OPTS")) {
      env.put(unset, null);
    }
    return env;
  }
}
