package io.easystore.internal.crypto;

import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.crypto.MalformedKeyException;
import io.easystore.crypto.MissingKeyException;
import io.easystore.crypto.WrongKeyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of a PKCS12 keystore, read once when the provider is made so that the password need
 * not be kept: each secret-key entry whose alias is a valid key id becomes the key of that id.
 * A problem with the whole keystore (missing file, wrong password, not PKCS12) is remembered and
 * reported, as a typed exception, for every id looked up; a problem with one entry (not AES, not
 * 256 bits, not a secret key) only for that id. Messages name the keystore file and the alias,
 * never the password or key bytes, and carry no cause (a JCE message could quote either).
 */
public final class Pkcs12Keys implements KeyProvider {
  private final String where;
  private final Map<String, SecretKey> keys;
  private final Map<String, String> badEntries;
  private final KeyUnavailableFactory storeProblem;

  /** Defers building the exception until a key id is known. */
  private interface KeyUnavailableFactory {
    KeyUnavailableException forId(String id);
  }

  private Pkcs12Keys(String where, Map<String, SecretKey> keys, Map<String, String> badEntries,
      KeyUnavailableFactory storeProblem) {
    this.where = where;
    this.keys = keys;
    this.badEntries = badEntries;
    this.storeProblem = storeProblem;
  }

  public static KeyProvider load(Path keystore, char[] password) {
    String where = "PKCS12 keystore " + keystore;
    KeyStore ks;
    try (InputStream in = Files.newInputStream(keystore)) {
      ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
    } catch (NoSuchFileException e) {
      return failed(where, id -> new MissingKeyException(id, "no key '" + id + "': " + where + " does not exist"));
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        return failed(where, id -> new WrongKeyException(id,
            "key '" + id + "': the password of " + where + " is wrong"));
      }
      String kind = e.getClass().getSimpleName();
      return failed(where, id -> new MalformedKeyException(id,
          "key '" + id + "': cannot read " + where + " (" + kind + "; not a PKCS12 keystore?)"));
    } catch (GeneralSecurityException e) {
      String kind = e.getClass().getSimpleName();
      return failed(where, id -> new MalformedKeyException(id,
          "key '" + id + "': cannot read " + where + " (" + kind + ")"));
    }
    Map<String, SecretKey> keys = new HashMap<>();
    Map<String, String> bad = new HashMap<>();
    try {
      for (String alias : Collections.list(ks.aliases())) {
        String id = alias.toLowerCase(Locale.ROOT);
        if (!ks.isKeyEntry(alias)) {
          bad.put(id, "is a certificate, not a secret key");
          continue;
        }
        Key k;
        try {
          k = ks.getKey(alias, password);
        } catch (UnrecoverableKeyException e) {
          bad.put(id, "cannot be unlocked with the keystore password");
          continue;
        }
        String problem = check(k);
        if (problem != null) {
          bad.put(id, problem);
          continue;
        }
        byte[] raw = k.getEncoded();
        try {
          keys.put(id, new SecretKeySpec(raw, "AES"));
        } finally {
          Arrays.fill(raw, (byte) 0);
        }
      }
    } catch (GeneralSecurityException e) {
      String kind = e.getClass().getSimpleName();
      return failed(where, id -> new MalformedKeyException(id,
          "key '" + id + "': cannot read the entries of " + where + " (" + kind + ")"));
    }
    return new Pkcs12Keys(where, Map.copyOf(keys), Map.copyOf(bad), null);
  }

  /** Why {@code k} is not a 256-bit AES key, or null if it is. */
  private static String check(Key k) {
    if (!(k instanceof SecretKey)) {
      return "is a " + k.getAlgorithm() + " private key, not an AES secret key";
    }
    if (!"AES".equalsIgnoreCase(k.getAlgorithm())) {
      return "is a " + k.getAlgorithm() + " key, not AES";
    }
    byte[] raw = k.getEncoded();
    if (raw == null) {
      return "cannot be exported from the keystore";
    }
    int n = raw.length;
    Arrays.fill(raw, (byte) 0);
    return n == 32 ? null : "is a " + (n * 8) + "-bit AES key, not 256-bit";
  }

  private static Pkcs12Keys failed(String where, KeyUnavailableFactory problem) {
    return new Pkcs12Keys(where, Map.of(), Map.of(), problem);
  }

  @Override
  public SecretKey key(String keyId) throws KeyUnavailableException {
    KeyProviders.checkKeyId(keyId);
    if (storeProblem != null) {
      throw storeProblem.forId(keyId);
    }
    // PKCS12 aliases are case-insensitive (the JDK stores them lower-cased).
    String alias = keyId.toLowerCase(Locale.ROOT);
    SecretKey k = keys.get(alias);
    if (k != null) {
      return k;
    }
    String bad = badEntries.get(alias);
    if (bad != null) {
      throw new MalformedKeyException(keyId, "key '" + keyId + "': entry '" + alias + "' of " + where + " " + bad);
    }
    throw new MissingKeyException(keyId, "no key '" + keyId + "': " + where + " has no entry '" + alias + "'");
  }

  @Override
  public String toString() {
    return "KeyProvider[" + where + ", " + keys.size() + " AES-256 keys]";
  }
}
