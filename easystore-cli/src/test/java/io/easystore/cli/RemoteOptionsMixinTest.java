package io.easystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.remote.RemoteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How the remote options and the environment turn into provider properties and a cache. */
class RemoteOptionsMixinTest {
  @TempDir Path tmp;

  static RemoteOptionsMixin parse(String... args) {
    RemoteOptionsMixin m = new RemoteOptionsMixin();
    new CommandLine(m).parseArgs(args);
    return m;
  }

  @Test
  void flagsBecomeS3PropertiesAndOverrideTheEnvironment() throws IOException {
    RemoteOptions o = parse("--endpoint", "http://rgw:7480", "--region", "default", "--profile", "ceph",
        "--no-path-style").toRemoteOptions(Map.of("AWS_ENDPOINT_URL_S3", "http://ignored:1"));
    assertThat(o.properties()).containsExactlyInAnyOrderEntriesOf(Map.of("s3.endpoint", "http://rgw:7480",
        "s3.region", "default", "s3.profile", "ceph", "s3.pathStyle", "false"));
    assertThat(o.cache()).isNull();
    assertThat(parse("--no-sign-request").toRemoteOptions(Map.of()).properties())
        .containsExactlyEntriesOf(Map.of("s3.anonymous", "true"));
  }

  @Test
  void theEndpointComesFromTheServiceSpecificVariableFirst() throws IOException {
    assertThat(parse().toRemoteOptions(Map.of("AWS_ENDPOINT_URL_S3", "http://s3only:9000",
        "AWS_ENDPOINT_URL", "http://all:9000")).properties()).containsEntry("s3.endpoint", "http://s3only:9000");
    assertThat(parse().toRemoteOptions(Map.of("AWS_ENDPOINT_URL", "http://all:9000")).properties())
        .containsEntry("s3.endpoint", "http://all:9000");
    assertThat(parse().toRemoteOptions(Map.of()).properties()).isEmpty();
  }

  @Test
  void theBlockCacheIsOffUnlessADirectoryIsGivenAndNoCacheWins() throws IOException {
    Path dir = tmp.resolve("cache");
    assertThat(parse("--cache-dir", dir.toString()).toRemoteOptions(Map.of()).cache()).isNotNull();
    assertThat(Files.isDirectory(dir)).isTrue();
    assertThat(parse().toRemoteOptions(Map.of("DES_CACHE_DIR", tmp.resolve("env").toString())).cache()).isNotNull();
    assertThat(parse("--no-cache").toRemoteOptions(Map.of("DES_CACHE_DIR", tmp.resolve("env").toString())).cache())
        .isNull();
    assertThat(parse("--no-cache", "--cache-dir", dir.toString()).toRemoteOptions(Map.of()).cache()).isNull();
  }
}
