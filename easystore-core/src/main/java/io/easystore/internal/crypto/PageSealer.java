package io.easystore.internal.crypto;

import io.easystore.crypto.AuthenticationFailedException;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.crypto.WrongKeyException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM sealing of whole pages or blocks, with only {@code javax.crypto}.
 *
 * <p>A sealed block is {@code nonce (12 bytes) | ciphertext | tag (16 bytes)}, so it is
 * {@link #OVERHEAD} bytes longer than the plaintext. Every call draws a fresh random nonce from
 * {@link SecureRandom}; with random 96-bit nonces one key should seal at most 2^32 blocks (NIST SP
 * 800-38D), which at 64 KiB pages is 256 TiB of data per key. The associated data (see
 * {@link #associatedData}) binds a block to its container and offset, so a block copied to another
 * place or another container fails authentication.
 *
 * <p>Thread-safe: each call uses its own {@link Cipher}. Input arrays are only read during the
 * call; returned arrays belong to the caller. {@link #toString()} names the key id, never the key.
 */
public final class PageSealer {
  /** Bytes added to each sealed block: 12-byte nonce and 16-byte tag. */
  public static final int OVERHEAD = 12 + 16;
  /** Length of {@link #keyCheck()}. */
  public static final int KEY_CHECK_LENGTH = 8;

  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] KEY_CHECK_LABEL = "easystore key check v1".getBytes(StandardCharsets.US_ASCII);

  private final String keyId;
  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();
  /**
   * Looking a cipher up costs more than sealing a small block, so each thread keeps one; it is
   * re-initialised (fresh nonce) for every call, so no state carries over between blocks.
   */
  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM unavailable in this JDK", e);
    }
  });
  private final byte[] keyCheck;

  private PageSealer(String keyId, SecretKey key) {
    this.keyId = KeyProviders.checkKeyId(keyId);
    this.key = Objects.requireNonNull(key, "key");
    byte[] encoded = key.getEncoded();
    if (!"AES".equals(key.getAlgorithm()) || encoded == null || encoded.length != 32) {
      throw new IllegalArgumentException("PageSealer needs a 256-bit AES key");
    }
    Arrays.fill(encoded, (byte) 0);
    this.keyCheck = computeKeyCheck(key);
  }

  /** A sealer for {@code key}, known to containers as {@code keyId}. */
  public static PageSealer create(String keyId, SecretKey key) {
    return new PageSealer(keyId, key);
  }

  /** Looks {@code keyId} up in {@code provider}. */
  public static PageSealer create(String keyId, KeyProvider provider) throws KeyUnavailableException {
    return new PageSealer(keyId, provider.key(keyId));
  }

  /** The id containers store to name this key. */
  public String keyId() {
    return keyId;
  }

  /**
   * A short public fingerprint of the key (HMAC-SHA256 of a fixed label, truncated to 8 bytes).
   * Containers store it so a reader given the wrong key says so instead of reporting every page as
   * tampered. It reveals nothing useful about the key.
   */
  public byte[] keyCheck() {
    return keyCheck.clone();
  }

  /**
   * Checks a stored fingerprint against this key.
   *
   * @throws KeyUnavailableException with reason {@code WRONG} when they differ
   */
  public void verifyKeyCheck(byte[] stored, String container) throws KeyUnavailableException {
    verifyKeyCheck(stored, container, "container");
  }

  /**
   * {@link #verifyKeyCheck(byte[], String)} for files that are not containers: {@code kind}
   * ("archive") is what the message calls {@code name}, so users read their own terms.
   */
  public void verifyKeyCheck(byte[] stored, String name, String kind) throws KeyUnavailableException {
    if (stored == null || !MessageDigest.isEqual(stored, keyCheck)) {
      throw new WrongKeyException(keyId,
          name + ": key '" + keyId + "' is not the key this " + kind + " was encrypted with");
    }
  }

  /**
   * Standard associated data for a block: a purpose label, the container's id, the block's offset
   * and any extra header bytes the format wants authenticated.
   */
  public static byte[] associatedData(String purpose, UUID containerId, long offset, byte[] extra,
      int extraOff, int extraLen) {
    byte[] label = purpose.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(2 + label.length + 16 + 8 + extraLen).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) label.length).put(label);
    b.putLong(containerId.getMostSignificantBits()).putLong(containerId.getLeastSignificantBits());
    b.putLong(offset);
    b.put(extra, extraOff, extraLen);
    return b.array();
  }

  /** Seals {@code len} bytes of {@code plain}; returns nonce, ciphertext and tag. */
  public byte[] seal(byte[] plain, int off, int len, byte[] associatedData) {
    byte[] out = new byte[OVERHEAD + len];
    sealInto(plain, off, len, associatedData, out, 0);
    return out;
  }

  /**
   * As {@link #seal}, writing the {@code OVERHEAD + len} sealed bytes into {@code out} at
   * {@code outOff} (which must not overlap the plaintext).
   */
  public void sealInto(byte[] plain, int off, int len, byte[] associatedData, byte[] out, int outOff) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    System.arraycopy(nonce, 0, out, outOff, NONCE);
    try {
      Cipher c = CIPHERS.get();
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(associatedData);
      int n = c.doFinal(plain, off, len, out, outOff + NONCE);
      if (n != len + 16) {
        throw new IllegalStateException("AES-GCM produced " + n + " bytes for " + len);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM unavailable in this JDK", e);
    }
  }

  /**
   * Authenticates and decrypts a block produced by {@link #seal}.
   *
   * @throws AuthenticationFailedException if the block, its nonce or the associated data were
   *     changed, or the block is too short to be sealed
   */
  public byte[] open(byte[] sealed, int off, int len, byte[] associatedData, String container, long offset)
      throws AuthenticationFailedException {
    if (len < OVERHEAD) {
      throw new AuthenticationFailedException(container, offset, null,
          "sealed block of " + len + " bytes is shorter than nonce and tag (" + OVERHEAD + ")");
    }
    try {
      Cipher c = CIPHERS.get();
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, off, NONCE));
      c.updateAAD(associatedData);
      return c.doFinal(sealed, off + NONCE, len - NONCE);
    } catch (AEADBadTagException e) {
      throw new AuthenticationFailedException(container, offset, null,
          "block failed AES-GCM authentication with key '" + keyId + "' (tampered or moved)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM unavailable in this JDK", e);
    }
  }

  private static byte[] computeKeyCheck(SecretKey key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      byte[] raw = key.getEncoded();
      try {
        mac.init(new SecretKeySpec(raw, "HmacSHA256"));
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
      return Arrays.copyOf(mac.doFinal(KEY_CHECK_LABEL), KEY_CHECK_LENGTH);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable in this JDK", e);
    }
  }

  @Override
  public String toString() {
    return "PageSealer[AES-256-GCM, key '" + keyId + "']";
  }
}
