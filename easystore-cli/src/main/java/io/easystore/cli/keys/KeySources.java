package io.easystore.cli.keys;

import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link KeyProvider} from the key options of a command line. Shared by
 * {@link KeyOptions} (keys to read with) and {@link NewKeyOptions} (the key a rewrite writes with),
 * which differ only in their option names. Stateless.
 */
final class KeySources {
  private KeySources() {}

  /**
   * The provider for at most one explicit source, or null if none is given. A key from an
   * environment variable or a file serves whatever key id the container names (a wrong key is
   * then reported as such by the key check); a directory serves {@code <id>.key}; a keystore
   * serves its aliases.
   *
   * @param names the option names, in the order of the sources, for messages
   */
  static KeyProvider explicit(Map<String, String> env, String keyEnv, Path keyFile, Path keyDir, Path keystore,
      String passwordEnv, String... names) {
    List<String> given = new ArrayList<>();
    Object[] values = {keyEnv, keyFile, keyDir, keystore};
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        given.add(names[i]);
      }
    }
    if (given.size() > 1) {
      throw new IllegalArgumentException(String.join(", ", given) + ": give only one key source");
    }
    if (keyEnv != null) {
      return id -> KeyProviders.environmentVariable(id, keyEnv, env).key(id);
    }
    if (keyFile != null) {
      return id -> KeyProviders.file(id, keyFile).key(id);
    }
    if (keyDir != null) {
      return KeyProviders.directory(keyDir);
    }
    if (keystore != null) {
      String pw = env.get(passwordEnv);
      if (pw == null) {
        throw new IllegalArgumentException(names[3] + " " + keystore + ": its password is read from environment"
            + " variable " + passwordEnv + ", which is not set");
      }
      char[] password = pw.toCharArray();
      try {
        return KeyProviders.pkcs12(keystore, password);
      } finally {
        Arrays.fill(password, '\0');
      }
    }
    return null;
  }

  /** {@code explicit} first, then {@code EASYSTORE_KEY_<ID>} from {@code env}. */
  static KeyProvider withEnvironmentFallback(KeyProvider explicit, Map<String, String> env) {
    KeyProvider fallback = KeyProviders.environment(env);
    return explicit == null ? fallback : KeyProviders.chain(explicit, fallback);
  }
}
