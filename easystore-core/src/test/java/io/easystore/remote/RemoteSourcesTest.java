package io.easystore.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.io.ContainerSink;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dispatch by location: paths, file: URIs, http(s) and ServiceLoader providers. */
class RemoteSourcesTest {
  @TempDir Path dir;

  @Test
  void plainPathsAndFileUrisOpenLocalFiles() throws Exception {
    Path p = Files.write(dir.resolve("a.des"), new byte[] {1, 2, 3});
    try (RangeSource s = RemoteSources.open(p.toString(), RemoteOptions.defaults())) {
      assertThat(s.readFully(0, 3)).containsExactly(1, 2, 3);
      assertThat(RemoteSources.requestStats(s)).isEmpty();
    }
    try (RangeSource s = RangeSources.open(p.toUri(), RemoteOptions.defaults())) {
      assertThat(s.size()).isEqualTo(3);
    }
    try (RangeSource s = RangeSources.open(URI.create(p.toUri().getPath()), RemoteOptions.defaults())) {
      assertThat(s.size()).isEqualTo(3);
    }
  }

  @Test
  void otherSchemesGoToServiceLoaderProvidersWithTheOptions() throws Exception {
    TestMemoryProvider.OBJECTS.put("//bucket/key", new byte[] {9, 8, 7});
    RemoteOptions options = RemoteOptions.defaults().withProperty("testmem.flag", "on");
    try (RangeSource s = RangeSources.open(URI.create("testmem://bucket/key"), options)) {
      assertThat(s.readFully(0, 3)).containsExactly(9, 8, 7);
    }
    assertThat(TestMemoryProvider.lastOptions.properties()).containsEntry("testmem.flag", "on");
  }

  @Test
  void anUnknownSchemeSaysWhichModuleIsMissing() {
    assertThatThrownBy(() -> RemoteSources.open("nope://x/y", RemoteOptions.defaults()))
        .isInstanceOf(IOException.class).hasMessageContaining("'nope'");
    assertThatThrownBy(() -> RemoteSources.open("s3://bucket/key", RemoteOptions.defaults()))
        .isInstanceOf(IOException.class).hasMessageContaining("easystore-s3");
  }

  @Test
  void sinksGoToFilesOrProvidersButNotPlainHttp() throws Exception {
    Path target = dir.resolve("out.des");
    try (ContainerSink sink = RemoteSources.createSink(target.toString(), RemoteOptions.defaults())) {
      sink.write(new byte[] {5}, 0, 1);
      sink.publish();
    }
    assertThat(Files.readAllBytes(target)).containsExactly(5);
    assertThatThrownBy(() -> RemoteSources.createSink("http://127.0.0.1:1/x", RemoteOptions.defaults()))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> RemoteSources.createSink("testmem://b/k", RemoteOptions.defaults()))
        .isInstanceOf(IOException.class).hasMessageContaining("not supported");
  }
}
