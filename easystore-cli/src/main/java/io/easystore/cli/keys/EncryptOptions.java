package io.easystore.cli.keys;

import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.crypto.Encryption;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --encrypt} and {@code --key-id} for commands that write a new container or archive; the
 * key itself comes from the command's {@link KeyOptions}. Use as a picocli {@code @Mixin}.
 */
public class EncryptOptions {
  @Option(names = "--encrypt",
      description = "Encrypt what is written (AES-256-GCM) with the key from the key options.")
  boolean encrypt;

  @Option(names = "--key-id", paramLabel = "ID",
      description = "Key id stored in the output (default: --key-alias, else 'default'); the key is looked up by it.")
  String keyId;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  /** Whether {@code --encrypt} was given. */
  public boolean encrypt() {
    return encrypt;
  }

  /**
   * The key id to encrypt with, or null when not encrypting. Checks that {@code keys} has the key
   * now, so that a missing or malformed key fails before anything is written.
   *
   * @throws KeyUnavailableException if the key cannot be had
   */
  public String keyIdToEncryptWith(KeyOptions options, KeyProvider keys) throws KeyUnavailableException {
    if (!encrypt) {
      if (keyId != null) {
        throw KeyOptions.usage(mixee, new IllegalArgumentException("--key-id needs --encrypt"));
      }
      return null;
    }
    String id = keyId != null ? keyId : options.defaultKeyId();
    try {
      KeyProviders.checkKeyId(id);
    } catch (IllegalArgumentException e) {
      throw KeyOptions.usage(mixee, e);
    }
    Encryption.of(id, keys).checkKey();
    return id;
  }
}
