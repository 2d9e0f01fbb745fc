package io.easystore.cli;

import io.easystore.WriterOptions;
import io.easystore.crypto.Encryption;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.cli.keys.EncryptOptions;
import io.easystore.cli.keys.KeyOptions;
import picocli.CommandLine.Option;

/** {@code --encrypt}, {@code --key-id} and, for DES containers, {@code --visible-names}. */
class ContainerEncryptOptions extends EncryptOptions {
  @Option(names = "--visible-names",
      description = "With --encrypt: encrypt bodies only; names, metadata and the index stay readable without the key.")
  boolean visibleNames;

  /**
   * {@code options} with the encryption these flags ask for (unchanged without {@code --encrypt}).
   *
   * @param keysReadInput whether the key options may serve to read the input (an encrypted
   *     container being imported) rather than to encrypt the output
   */
  WriterOptions apply(WriterOptions options, KeyOptions keys, boolean keysReadInput) throws KeyUnavailableException {
    if (visibleNames && !encrypt()) {
      throw new IllegalArgumentException("--visible-names needs --encrypt");
    }
    if (!encrypt() && !keysReadInput && !keys.given().isEmpty()) {
      // A key without --encrypt would otherwise write plaintext, which the user did not ask for.
      throw new IllegalArgumentException(String.join(", ", keys.given()) + " gives a key, but without --encrypt the"
          + " container is written unencrypted; add --encrypt (or leave the key options out)");
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
