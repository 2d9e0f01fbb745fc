/**
 * EasyStore core: DES containers (v1, v2, updated v2), FilePacker packs, the {@code des:} file
 * system, remote (HTTP) reads with caching, and trees.
 *
 * <p>The exported packages are the API. Everything under {@code io.easystore.internal} is the
 * implementation, cut by format; a few of its packages are exported, qualified, to the sibling
 * modules that share its byte-level helpers instead of keeping copies. Like {@code jdk.zipfs},
 * the {@code des:} file system is reached only through its provider.
 */
module io.easystore.core {
  requires transitive java.net.http;
  // Metadata is handed to and from callers as Jackson trees (ObjectNode, JsonNode).
  requires transitive com.fasterxml.jackson.databind;
  requires com.github.luben.zstd_jni;
  requires com.github.benmanes.caffeine;

  exports io.easystore;
  exports io.easystore.codec;
  exports io.easystore.crypto;
  exports io.easystore.io;
  exports io.easystore.mutate;
  exports io.easystore.remote;
  exports io.easystore.tree;

  exports io.easystore.internal.bytes to io.easystore.records, io.easystore.els;
  exports io.easystore.internal.codec to io.easystore.records;
  exports io.easystore.internal.crypto to io.easystore.records;
  // archive: its tests compare imported metadata with the reference serialisation
  exports io.easystore.internal.json to io.easystore.archive, io.easystore.cli;
  exports io.easystore.internal.v1 to io.easystore.archive;
  exports io.easystore.internal.v2 to io.easystore.archive;
  exports io.easystore.internal.fpack to io.easystore.archive;
  exports io.easystore.internal.remote to io.easystore.s3store;
  exports io.easystore.internal.io to io.easystore.records, io.easystore.archive, io.easystore.s3store;

  provides java.nio.file.spi.FileSystemProvider with io.easystore.nio.DesFileSystemProvider;

  provides io.easystore.io.LocationProvider
      with io.easystore.internal.io.FileLocationProvider, io.easystore.remote.HttpLocationProvider;

  uses io.easystore.io.LocationProvider;
}
