package io.easystore.internal.updates;

import io.easystore.io.ContainerSink;
import io.easystore.testing.ContainerSinkContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The {@link ContainerSink} contract for the sink a compaction writes the rewritten container to. */
class CompactionSinkContractTest extends ContainerSinkContract {
  @TempDir Path tmp;

  @Override
  protected ContainerSink create(String name) throws Exception {
    Path target = tmp.resolve(name);
    return new Compactor.TempSink(Compactor.tempOf(target), target, 0);
  }

  @Override
  protected Optional<byte[]> visible(String name) throws Exception {
    Path p = tmp.resolve(name);
    return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
  }

  @Override
  protected boolean siblings() {
    return false;
  }
}
