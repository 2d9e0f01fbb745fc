package io.easystore.tree;

import io.easystore.testing.FpackFiles;
import java.io.IOException;
import java.nio.file.Path;

/** The contract against a FilePacker pack, whose directories exist only in its paths. */
class FpackTreeContractTest extends FileTreeContract {
  @Override
  FileTree build(TreeSpec spec, Path tmp) throws IOException {
    return FileTrees.open(FpackFiles.write(tmp.resolve("tree.fpack"), "tree", spec.files()));
  }
}
