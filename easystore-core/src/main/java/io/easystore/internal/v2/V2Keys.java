package io.easystore.internal.v2;

import io.easystore.ReaderOptions;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.internal.crypto.ContainerCipher;
import io.easystore.internal.crypto.PageSealer;

/** Turns an encrypted container's key block and the reader's keys into a cipher. Stateless. */
final class V2Keys {
  private V2Keys() {}

  /**
   * Parses the key block at {@code buf[at..]} and finds its key.
   *
   * @throws KeyUnavailableException when no key is configured or found ({@code MISSING}), the key
   *     is malformed, or it is not the container's key ({@code WRONG})
   */
  static ContainerCipher cipher(String name, V2Footer footer, byte[] buf, int at, ReaderOptions options)
      throws java.io.IOException {
    return cipher(name, footer, keyBlock(name, footer, buf, at), options);
  }

  /** The key block at {@code buf[at..]}, parsed and checked. */
  static KeyBlock keyBlock(String name, V2Footer footer, byte[] buf, int at) throws java.io.IOException {
    return KeyBlock.parse(name, footer.keyBlockStart(), buf, at, footer.keyBlockLength());
  }

  /** As above, for a key block already parsed. */
  static ContainerCipher cipher(String name, V2Footer footer, KeyBlock kb, ReaderOptions options)
      throws java.io.IOException {
    if (options.keys() == null) {
      throw KeyUnavailableException.of(kb.keyId(), KeyUnavailableException.Reason.MISSING, name
          + ": the container is encrypted with key '" + kb.keyId()
          + "' and no keys were given (ReaderOptions.withKeys, or --key-env/--key-file/--keystore)");
    }
    PageSealer sealer;
    try {
      sealer = PageSealer.create(kb.keyId(), options.keys());
    } catch (KeyUnavailableException e) {
      throw e.inContainer(name);
    }
    sealer.verifyKeyCheck(kb.keyCheck(), name);
    return new ContainerCipher(sealer, footer.uuid(), name, kb.chunkBytes(), kb.protectIndex());
  }
}
