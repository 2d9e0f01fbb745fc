package io.easystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesWriter;
import io.easystore.testing.JettyFileServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The read commands on containers in an S3 API (S3Proxy) and on an HTTP server (Jetty), both on
 * 127.0.0.1, with credentials from the AWS SDK's chain (system properties here, environment
 * variables in real use) or a profile file.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RemoteCliTest {
  static final String ACCESS = "cli-access";
  static final String SECRET = "cli-secret";
  static S3ProxyJunitCore proxy;
  static S3Client admin;
  static JettyFileServer jetty;
  @TempDir static Path served;
  @TempDir Path tmp;
  static byte[] container;
  static byte[] big;

  @BeforeAll
  static void start() throws Exception {
    proxy = new S3ProxyJunitCore.Builder().withCredentials(ACCESS, SECRET).withBlobStoreProvider("transient").build();
    proxy.beforeEach();
    admin = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(proxy.getUri())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
        .build();
    admin.createBucket(b -> b.bucket("cli"));
    jetty = new JettyFileServer(served);

    big = new byte[200_000];
    new Random(6).nextBytes(big);
    Path c = Files.createTempFile("remote-cli", ".des");
    Files.delete(c);
    try (DesWriter w = DesWriter.create(c)) {
      w.addFile("docs/readme.txt", "read me".getBytes(StandardCharsets.UTF_8));
      w.addFile("docs/notes/n1.txt", "note one".getBytes(StandardCharsets.UTF_8));
      w.addFile("data/big.bin", big);
      for (int i = 0; i < 500; i++) {
        w.addFile("many/f" + i + ".txt", ("body " + i).getBytes(StandardCharsets.UTF_8));
      }
    }
    container = Files.readAllBytes(c);
    Files.delete(c);
    admin.putObject(b -> b.bucket("cli").key("set/c.des"), RequestBody.fromBytes(container));
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.close();
    admin.close();
    proxy.afterEach();
  }

  @BeforeEach
  void keys() {
    // The AWS SDK's default credential chain reads these, as it reads AWS_ACCESS_KEY_ID in a shell.
    System.setProperty("aws.accessKeyId", ACCESS);
    System.setProperty("aws.secretAccessKey", SECRET);
  }

  @AfterEach
  void noKeys() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    System.clearProperty("aws.sharedCredentialsFile");
    System.clearProperty("aws.configFile");
  }

  String endpoint() {
    return proxy.getUri().toString();
  }

  CliRun s3(String... args) {
    String[] all = Stream.concat(Stream.of(args), Stream.of("--endpoint", endpoint(), "--no-cache"))
        .toArray(String[]::new);
    return CliRun.of(all);
  }

  @Test
  void readCommandsWorkOnAnS3Object() throws IOException {
    String uri = "s3://cli/set/c.des";
    CliRun ls = s3("ls", uri);
    assertThat(ls.exit()).as(ls.stderr()).isZero();
    assertThat(ls.out().lines()).contains("docs/readme.txt", "docs/notes/n1.txt", "data/big.bin", "many/f499.txt")
        .hasSize(503);
    assertThat(s3("cat", uri, "data/big.bin").stdout()).isEqualTo(big);
    assertThat(s3("cat", uri, "docs/readme.txt").out()).isEqualTo("read me");
    assertThat(s3("meta", uri, "docs/readme.txt").out()).contains("\"size\" : 7");
    CliRun info = s3("info", uri);
    assertThat(info.exit()).as(info.stderr()).isZero();
    assertThat(info.out()).contains("container:  " + uri).contains("DES v2");
    CliRun verify = s3("verify", uri);
    assertThat(verify.exit()).as(verify.stderr()).isZero();
    assertThat(verify.out()).startsWith("OK: " + uri);

    Path x = tmp.resolve("x");
    CliRun extract = s3("extract", uri, "-d", x.toString(), "docs/readme.txt", "data/big.bin");
    assertThat(extract.exit()).as(extract.stderr()).isZero();
    assertThat(Files.readAllBytes(x.resolve("data/big.bin"))).isEqualTo(big);
    assertThat(Files.readString(x.resolve("docs/readme.txt"))).isEqualTo("read me");
  }

  @Test
  void packWithExternalAboveStoresLargeBodiesAsSiblingObjectsInS3() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("ext/sub"));
    Files.writeString(src.resolve("a.txt"), "alpha");
    byte[] big = new byte[200_000];
    new Random(7).nextBytes(big);
    Files.write(src.resolve("big.bin"), big);
    CliRun pack = s3("pack", src.getParent().toString(), "-o", "s3://cli/ext/c.des", "--external-above", "64KiB");
    assertThat(pack.exit()).as(pack.stderr()).isZero();
    List<String> keys = admin.listObjectsV2(b -> b.bucket("cli").prefix("ext/")).contents().stream()
        .map(o -> o.key()).toList();
    assertThat(keys).hasSize(2).contains("ext/c.des").anyMatch(k -> k.startsWith("ext/c.des.ext/"));
    assertThat(s3("cat", "s3://cli/ext/c.des", "sub/big.bin").stdout()).isEqualTo(big);
    assertThat(s3("ls", "-l", "s3://cli/ext/c.des", "sub").out().lines())
        .anyMatch(l -> l.contains(" x--- ") && l.endsWith("big.bin"));
    assertThat(s3("verify", "s3://cli/ext/c.des").exit()).isZero();
    CliRun bad = s3("pack", src.getParent().toString(), "-o", "s3://cli/ext/d.des", "--external-above", "lots");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.stderr()).contains("not a size");
  }

  @Test
  void sizesParseInBinaryAndDecimalUnits() {
    assertThat(WriterOptionsMixin.parseSize("5000")).isEqualTo(5000);
    assertThat(WriterOptionsMixin.parseSize("64KiB")).isEqualTo(64 << 10);
    assertThat(WriterOptionsMixin.parseSize("100MiB")).isEqualTo(100L << 20);
    assertThat(WriterOptionsMixin.parseSize("1g")).isEqualTo(1L << 30);
    assertThat(WriterOptionsMixin.parseSize("10MB")).isEqualTo(10_000_000);
  }

  @Test
  void packStreamsToS3AndAFailedPackLeavesNoObjectAndNoUpload() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src/sub"));
    Files.writeString(src.resolve("a.txt"), "alpha");
    byte[] nine = new byte[9 << 20];
    new Random(9).nextBytes(nine);
    Files.write(src.getParent().resolve("big.bin"), nine);
    CliRun pack = s3("pack", src.getParent().toString(), "-o", "s3://cli/packed/ok.des");
    assertThat(pack.exit()).as(pack.stderr()).isZero();
    assertThat(pack.out()).contains("into s3://cli/packed/ok.des");
    assertThat(s3("ls", "s3://cli/packed/ok.des").out().lines()).containsExactly("big.bin", "sub/a.txt");
    assertThat(s3("cat", "s3://cli/packed/ok.des", "big.bin").stdout()).isEqualTo(nine);
    assertThat(s3("verify", "s3://cli/packed/ok.des").exit()).isZero();

    // The 9 MiB body fills the first 8 MiB part, which is uploaded; then a name DES cannot store fails the pack.
    Files.writeString(src.resolve("z\\bad.txt"), "backslash");
    CliRun failed = s3("pack", src.getParent().toString(), "-o", "s3://cli/packed/failed.des");
    assertThat(failed.exit()).isEqualTo(Main.FAILED);
    assertThat(failed.stderr()).startsWith("des: ").contains("z\\bad.txt").doesNotContain("\tat ");
    assertThat(admin.listObjectsV2(b -> b.bucket("cli").prefix("packed/")).contents())
        .extracting(o -> o.key()).containsExactly("packed/ok.des");
    assertThat(admin.listMultipartUploads(b -> b.bucket("cli")).uploads()).as("aborted uploads").isEmpty();
  }

  @Test
  void credentialsComeFromANamedProfile() throws IOException {
    noKeys();
    Path creds = Files.writeString(tmp.resolve("credentials"),
        "[minio]\naws_access_key_id = " + ACCESS + "\naws_secret_access_key = " + SECRET + "\n");
    Path config = Files.writeString(tmp.resolve("config"), "[profile minio]\nregion = us-east-1\n");
    System.setProperty("aws.sharedCredentialsFile", creds.toString());
    System.setProperty("aws.configFile", config.toString());
    CliRun ls = s3("ls", "s3://cli/set/c.des", "--profile", "minio");
    assertThat(ls.exit()).as(ls.stderr()).isZero();
    assertThat(ls.out().lines()).contains("docs/readme.txt");
  }

  @Test
  void remoteFailuresAreOneLineWithoutAStackTrace() {
    CliRun missing = s3("ls", "s3://cli/set/missing.des");
    assertThat(missing.exit()).isEqualTo(Main.FAILED);
    assertThat(missing.stderr()).startsWith("des: no such file or entry: s3://cli/set/missing.des")
        .doesNotContain("\tat ").hasLineCount(1);

    System.setProperty("aws.secretAccessKey", "wrong");
    CliRun denied = s3("ls", "s3://cli/set/c.des");
    assertThat(denied.exit()).isEqualTo(Main.FAILED);
    assertThat(denied.stderr()).startsWith("des: permission denied: s3://cli/set/c.des").doesNotContain("\tat ").hasLineCount(1);

    System.setProperty("aws.secretAccessKey", SECRET);
    CliRun noEntry = s3("cat", "s3://cli/set/c.des", "nope.txt");
    assertThat(noEntry.exit()).isEqualTo(Main.FAILED);
    assertThat(noEntry.stderr()).startsWith("des: no such file or entry: nope.txt").hasLineCount(1);
  }

  @Test
  void readCommandsWorkOverHttpAndFillTheBlockCache() throws Exception {
    URI url = jetty.publish(container);
    Path cache = tmp.resolve("cache");
    CliRun ls = CliRun.of("ls", url.toString(), "--cache-dir", cache.toString());
    assertThat(ls.exit()).as(ls.stderr()).isZero();
    assertThat(ls.out().lines()).contains("docs/readme.txt").hasSize(503);
    for (int i = 0; i < 2; i++) {
      CliRun cat = CliRun.of("cat", url.toString(), "data/big.bin", "--cache-dir", cache.toString());
      assertThat(cat.exit()).as(cat.stderr()).isZero();
      assertThat(cat.stdout()).isEqualTo(big);
    }
    try (Stream<Path> files = Files.walk(cache)) {
      assertThat(files.filter(Files::isRegularFile).count()).as("cached blocks").isPositive();
    }
    CliRun verify = CliRun.of("verify", url.toString(), "--no-cache");
    assertThat(verify.exit()).as(verify.stderr()).isZero();
    CliRun missing = CliRun.of("info", jetty.uri("missing.des").toString());
    assertThat(missing.exit()).isEqualTo(Main.FAILED);
    assertThat(missing.stderr()).startsWith("des: no such file or entry: ").hasLineCount(1);
  }
}
