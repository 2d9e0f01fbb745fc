package io.easystore.crypto;

import io.easystore.internal.crypto.Pkcs12Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ready-made {@link KeyProvider}s. Keys are stored as the standard base64 of exactly 32 bytes,
 * surrounding whitespace ignored (as {@code openssl rand -base64 32} prints them).
 */
public final class KeyProviders {
  /** Environment variables read by {@link #environment()} start with this prefix. */
  public static final String ENV_PREFIX = "EASYSTORE_KEY_";

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private KeyProviders() {}

  /**
   * Checks that {@code keyId} is a valid key id.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String checkKeyId(String keyId) {
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException("key id must be 1..64 characters from [A-Za-z0-9._-]");
    }
    return keyId;
  }

  /**
   * Looks key {@code id} up in the process environment as {@code EASYSTORE_KEY_<ID>}, where
   * {@code <ID>} is the id upper-cased with {@code .} and {@code -} replaced by {@code _}.
   */
  public static KeyProvider environment() {
    return environment(System.getenv());
  }

  /** As {@link #environment()}, over the given variables (for tests and launchers). */
  public static KeyProvider environment(Map<String, String> env) {
    Map<String, String> vars = Map.copyOf(env);
    return new Named("environment", id -> {
      String var = envVarName(id);
      return decode(id, vars.get(var), "environment variable " + var);
    });
  }

  /** The variable {@link #environment()} reads for {@code keyId}. */
  public static String envVarName(String keyId) {
    return ENV_PREFIX + checkKeyId(keyId).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** One key: {@code keyId} is the base64 value of environment variable {@code variable}. */
  public static KeyProvider environmentVariable(String keyId, String variable) {
    return environmentVariable(keyId, variable, System.getenv());
  }

  /** As {@link #environmentVariable(String, String)}, over the given variables. */
  public static KeyProvider environmentVariable(String keyId, String variable, Map<String, String> env) {
    checkKeyId(keyId);
    String value = env.get(variable);
    return new Named("environment variable " + variable, id -> {
      if (!id.equals(keyId)) {
        throw missing(id, "environment variable " + variable + " holds key '" + keyId + "' only");
      }
      return decode(id, value, "environment variable " + variable);
    });
  }

  /** One key: {@code keyId} is the base64 content of {@code file}, read on each lookup. */
  public static KeyProvider file(String keyId, Path file) {
    checkKeyId(keyId);
    Objects.requireNonNull(file, "file");
    return new Named("key file " + file, id -> {
      if (!id.equals(keyId)) {
        throw missing(id, "key file " + file + " holds key '" + keyId + "' only");
      }
      return readFile(id, file);
    });
  }

  /** Key {@code id} is the base64 content of {@code directory/<id>.key}. */
  public static KeyProvider directory(Path directory) {
    Objects.requireNonNull(directory, "directory");
    return new Named("key directory " + directory,
        id -> readFile(id, directory.resolve(checkKeyId(id) + ".key")));
  }

  /**
   * The AES-256 secret-key entries of a PKCS12 keystore (as made by {@code keytool -genseckey
   * -keyalg AES -keysize 256 -storetype PKCS12}); the key id is the entry's alias. PKCS12 aliases
   * are case-insensitive, so ids that differ only in case name the same entry.
   *
   * <p>The keystore is read here, once, and its keys are held by the provider; {@code password}
   * (which must also unlock the entries, as PKCS12 requires) is only used during this call and is
   * not retained, so the caller may clear it as soon as this returns. This method does not throw
   * for a bad keystore: a missing file ({@link MissingKeyException}), a wrong password
   * ({@link WrongKeyException}) or a file that is not PKCS12 ({@link MalformedKeyException}) is
   * reported for each key looked up, as are, for their own alias only, an absent alias
   * ({@code MissingKeyException}) and an entry that is not a 256-bit AES secret key
   * ({@code MalformedKeyException}). No message contains the password or key bytes.
   */
  public static KeyProvider pkcs12(Path keystore, char[] password) {
    Objects.requireNonNull(keystore, "keystore");
    Objects.requireNonNull(password, "password");
    return Pkcs12Keys.load(keystore, password);
  }

  /** A fixed in-memory key (tests, or keys fetched from a KMS by the caller). Copies the array. */
  public static KeyProvider of(String keyId, byte[] key) {
    checkKeyId(keyId);
    if (key.length != 32) {
      throw new IllegalArgumentException("AES-256 keys are 32 bytes, got " + key.length);
    }
    SecretKey k = new SecretKeySpec(key, "AES");
    return new Named("in-memory key '" + keyId + "'", id -> {
      if (!id.equals(keyId)) {
        throw missing(id, "only key '" + keyId + "' is configured");
      }
      return k;
    });
  }

  /** Asks each provider in turn; the first that does not report the key missing wins. */
  public static KeyProvider chain(KeyProvider... providers) {
    List<KeyProvider> list = List.of(providers);
    return new Named("chain of " + list.size() + " providers", id -> {
      StringBuilder tried = new StringBuilder();
      for (KeyProvider p : list) {
        try {
          return p.key(id);
        } catch (KeyUnavailableException e) {
          if (e.reason() != KeyUnavailableException.Reason.MISSING) {
            throw e;
          }
          // Each provider says "no key 'id': ..."; say it once for the whole chain.
          String m = String.valueOf(e.getMessage());
          String prefix = "no key '" + id + "': ";
          tried.append(tried.length() == 0 ? "" : "; ").append(m.startsWith(prefix) ? m.substring(prefix.length()) : m);
        }
      }
      throw missing(id, tried.toString());
    });
  }

  private static SecretKey readFile(String id, Path file) throws KeyUnavailableException {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw missing(id, "key file " + file + " does not exist");
    } catch (IOException e) {
      throw new MissingKeyException(id,
          "key '" + id + "': cannot read key file " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    try {
      return decode(id, new String(raw, StandardCharsets.US_ASCII), "key file " + file);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** Never puts the value or the decoder's message (which quotes a character) into the error. */
  static SecretKey decode(String id, String base64, String where) throws KeyUnavailableException {
    if (base64 == null) {
      throw missing(id, where + " is not set");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new MalformedKeyException(id,
          "key '" + id + "' in " + where + " is not valid base64");
    }
    try {
      if (key.length != 32) {
        throw new MalformedKeyException(id,
            "key '" + id + "' in " + where + " decodes to " + key.length + " bytes, not 32");
      }
      return new SecretKeySpec(key, "AES");
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static MissingKeyException missing(String id, String detail) {
    return new MissingKeyException(id,
        "no key '" + id + "': " + detail);
  }

  /** Gives providers a description without key material. */
  private static final class Named implements KeyProvider {
    private final String description;
    private final KeyProvider delegate;

    Named(String description, KeyProvider delegate) {
      this.description = description;
      this.delegate = delegate;
    }

    @Override
    public SecretKey key(String keyId) throws KeyUnavailableException {
      return delegate.key(checkKeyId(keyId));
    }

    @Override
    public String toString() {
      return "KeyProvider[" + description + "]";
    }
  }
}
