package io.easystore.tree;

import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The contract against DES v1: one flat directory, the root. */
class V1ContainerTreeContractTest extends FileTreeContract {
  @Override
  TreeSpec spec() {
    return TreeSpec.flat();
  }

  @Override
  FileTree build(TreeSpec spec, Path tmp) throws IOException {
    Path c = tmp.resolve("flat.des");
    try (DesWriter w = DesWriter.create(c, WriterOptions.v1())) {
      for (Map.Entry<String, byte[]> f : spec.files().entrySet()) {
        w.addFile(f.getKey(), f.getValue());
      }
    }
    return FileTrees.open(c);
  }
}
