package io.easystore.nio;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;

/** The contract against Jimfs, Google's in-memory reference implementation of a Unix file system. */
class JimfsContractTest extends NioFileSystemContract {
  private FileSystem fs;

  @Override
  protected Path newRoot() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix().toBuilder().setAttributeViews("basic", "owner", "posix").build());
    return Files.createDirectories(fs.getPath("/work/root"));
  }

  @Override
  protected void closeRoot() throws IOException {
    fs.close();
  }
}
