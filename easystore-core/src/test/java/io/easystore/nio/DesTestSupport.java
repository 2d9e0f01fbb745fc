package io.easystore.nio;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/** Shared helpers of the des file system tests. */
final class DesTestSupport {
  private DesTestSupport() {}

  /**
   * A writable des file system over {@link RewritingUpdater} instead of the mutation engine,
   * registered with the installed provider so {@code Path.of(uri)} finds it.
   */
  @SuppressWarnings("unchecked")
  static DesFileSystem overRewritingUpdater(Path container, Map<String, ?> env) throws IOException {
    DesFsOptions o = DesFsOptions.parse(env);
    DesFileSystemProvider provider = (DesFileSystemProvider) DesFileSystemProvider.installed();
    String key = container.toAbsolutePath().normalize().toString();
    DesFileSystem fs = new DesFileSystem(provider, key, o, new ContainerOpener.Opened(container.toString(),
        container.toAbsolutePath().toUri(), container, Backend.readWrite(new RewritingUpdater(container), o.commit()),
        FileTime.fromMillis(0), new Principals("user", "group")));
    try {
      Field f = DesFileSystemProvider.class.getDeclaredField("byContainer");
      f.setAccessible(true);
      Map<String, DesFileSystem> map = (Map<String, DesFileSystem>) f.get(provider);
      synchronized (map) {
        map.put(key, fs);
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    return fs;
  }
}
