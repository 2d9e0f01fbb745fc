package io.easystore.records.cli;

import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where encrypted archives' keys come from. Key ids come from the archive; without options the
 * key is read from {@code EASYSTORE_KEY_<ID>}.
 */
final class KeyOptions {
  @Option(names = "--key-file", paramLabel = "FILE", description = "File holding the base64 AES-256 key.")
  Path keyFile;

  @Option(names = "--key-env", paramLabel = "VAR", description = "Environment variable holding the base64 key.")
  String keyEnv;

  @Option(names = "--key-dir", paramLabel = "DIR", description = "Directory of <key-id>.key files.")
  Path keyDir;

  KeyProvider provider() {
    KeyProvider fallback = KeyProviders.environment();
    if (keyFile != null) {
      Path f = keyFile;
      return KeyProviders.chain(id -> KeyProviders.file(id, f).key(id), fallback);
    }
    if (keyEnv != null) {
      String v = keyEnv;
      return KeyProviders.chain(id -> KeyProviders.environmentVariable(id, v).key(id), fallback);
    }
    if (keyDir != null) {
      return KeyProviders.chain(KeyProviders.directory(keyDir), fallback);
    }
    return fallback;
  }
}
