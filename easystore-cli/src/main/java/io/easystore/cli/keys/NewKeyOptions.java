package io.easystore.cli.keys;

import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.crypto.Encryption;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The key a rewrite ({@code des rekey}, {@code des records rekey}) encrypts with, or
 * {@code --decrypt}: the {@link KeyOptions} sources under {@code --new-} names. Use as a picocli
 * {@code @Mixin} next to {@link KeyOptions} (the old key).
 */
public class NewKeyOptions {
  @Option(names = "--new-key-env", paramLabel = "VAR", description = "Environment variable holding the new base64 key.")
  String keyEnv;

  @Option(names = "--new-key-file", paramLabel = "FILE", description = "File holding the new base64 key.")
  Path keyFile;

  @Option(names = "--new-keystore", paramLabel = "FILE", description = "PKCS12 keystore holding the new key.")
  Path keystore;

  @Option(names = "--new-key-alias", paramLabel = "ALIAS",
      description = "With --new-keystore: the entry to encrypt with (its alias becomes the key id).")
  String keyAlias;

  @Option(names = "--new-keystore-password-env", paramLabel = "VAR", defaultValue = KeyOptions.DEFAULT_PASSWORD_ENV,
      description = "Environment variable holding the new keystore's password (default ${DEFAULT-VALUE}).")
  String passwordEnv;

  @Option(names = "--new-key-id", paramLabel = "ID",
      description = "Key id stored in the output (default: --new-key-alias, else 'default'). Alone, the key is read"
          + " from EASYSTORE_KEY_<ID>.")
  String keyId;

  @Option(names = "--decrypt", description = "Write the output unencrypted.")
  boolean decrypt;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  private final Map<String, String> env;

  public NewKeyOptions() {
    this(System.getenv());
  }

  public NewKeyOptions(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The new key and its id, or null for {@code --decrypt}. */
  public record NewKey(String keyId, KeyProvider keys) {}

  /**
   * The key to write with, checked to be available now; null with {@code --decrypt}.
   *
   * @throws KeyUnavailableException if the new key cannot be had (its message starts with "new key: ")
   */
  public NewKey newKey() throws KeyUnavailableException {
    KeyProvider explicit;
    String id;
    try {
      boolean any = keyEnv != null || keyFile != null || keystore != null || keyId != null;
      if (decrypt) {
        if (any || keyAlias != null) {
          throw new IllegalArgumentException("--decrypt writes no key: leave out the --new-key options");
        }
        return null;
      }
      if (!any) {
        throw new IllegalArgumentException("give the new key (--new-key-env, --new-key-file, --new-keystore with"
            + " --new-key-alias, or --new-key-id for EASYSTORE_KEY_<ID>) or --decrypt");
      }
      if (keyAlias != null && keystore == null) {
        throw new IllegalArgumentException("--new-key-alias names an entry of --new-keystore; give --new-keystore too");
      }
      id = KeyProviders.checkKeyId(keyId != null ? keyId : keyAlias != null ? keyAlias : "default");
      explicit = KeySources.explicit(env, keyEnv, keyFile, null, keystore, passwordEnv,
          "--new-key-env", "--new-key-file", "--new-key-dir", "--new-keystore");
    } catch (IllegalArgumentException e) {
      throw KeyOptions.usage(mixee, e);
    }
    KeyProvider keys = KeySources.withEnvironmentFallback(explicit, env);
    try {
      Encryption.of(id, keys).checkKey();
    } catch (KeyUnavailableException e) {
      // A rewrite has two keys; say that this is the new one.
      throw KeyUnavailableException.of(e.keyId(), e.reason(), "new key: " + e.getMessage());
    }
    return new NewKey(id, keys);
  }
}
