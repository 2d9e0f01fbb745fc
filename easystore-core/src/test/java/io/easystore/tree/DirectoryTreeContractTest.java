package io.easystore.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The contract against a real directory: the behaviour containers must reproduce. */
class DirectoryTreeContractTest extends FileTreeContract {
  @Override
  FileTree build(TreeSpec spec, Path tmp) throws IOException {
    Path root = writeTree(spec, tmp.resolve("dir"));
    return FileTrees.open(root);
  }

  static Path writeTree(TreeSpec spec, Path root) throws IOException {
    for (Map.Entry<String, byte[]> f : spec.files().entrySet()) {
      Path p = root.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, f.getValue());
    }
    return root;
  }
}
