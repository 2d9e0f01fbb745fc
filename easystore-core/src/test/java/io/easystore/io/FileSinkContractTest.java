package io.easystore.io;

import io.easystore.testing.ContainerSinkContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The {@link ContainerSink} contract for the local sink a {@link Location} creates ({@link FileSink}). */
class FileSinkContractTest extends ContainerSinkContract {
  @TempDir Path tmp;

  @Override
  protected ContainerSink create(String name) throws Exception {
    return Location.of(tmp).create(name);
  }

  @Override
  protected Optional<byte[]> visible(String name) throws Exception {
    Path p = tmp.resolve(name);
    return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
  }

  /** No temporary file outlives its sink. */
  @AfterEach
  void noTemporaryFilesLeft() throws Exception {
    try (Stream<Path> s = Files.walk(tmp)) {
      org.assertj.core.api.Assertions.assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp")))
          .isEmpty();
    }
  }
}
