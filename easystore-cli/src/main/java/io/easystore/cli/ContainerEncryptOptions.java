package io.easystore.cli;

import io.easystore.WriterOptions;
import io.easystore.crypto.Encryption;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.crypto.cli.EncryptOptions;
import io.easystore.crypto.cli.KeyOptions;
import picocli.CommandLine.Option;

/** {@code --encrypt}, {@code --key-id} and, for DES containers, {@code --visible-names}. */
class ContainerEncryptOptions extends EncryptOptions {
  @Option(names = "--visible-names",
      description = "With --encrypt: encrypt bodies only; names, metadata and the index stay readable without the key.")
  boolean visibleNames;

  /** {@code options} with the encryption these flags ask for (unchanged without {@code --encrypt}). */
  WriterOptions apply(WriterOptions options, KeyOptions keys) throws KeyUnavailableException {
    if (visibleNames && !encrypt()) {
      throw new IllegalArgumentException("--visible-names needs --encrypt");
    }
    KeyProvider provider = keys.provider();
    String id = keyIdToEncryptWith(keys, provider);
    if (id == null) {
      return options;
    }
    if (options.formatVersion() != 2) {
      throw new IllegalArgumentException("--encrypt needs --format v2 (DES v1 cannot be encrypted)");
    }
    Encryption e = Encryption.of(id, provider);
    return options.withEncryption(visibleNames ? e.withNamesVisible() : e);
  }
}
