package io.easystore.tree;

import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The contract against DES v2, packed with zstd so that channels seek through compressed bodies. */
class V2ContainerTreeContractTest extends FileTreeContract {
  @Override
  FileTree build(TreeSpec spec, Path tmp) throws IOException {
    Path c = tmp.resolve("tree.des");
    try (DesWriter w = DesWriter.create(c, WriterOptions.defaults().withCodec(CodecId.ZSTD))) {
      for (Map.Entry<String, byte[]> f : spec.files().entrySet()) {
        w.addFile(f.getKey(), f.getValue());
      }
    }
    return FileTrees.open(c);
  }
}
