package io.easystore.internal.v2;

import io.easystore.crypto.Encryption;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.internal.crypto.ContainerCipher;
import io.easystore.internal.crypto.PageSealer;
import java.util.UUID;

/**
 * A v2 writer's encryption state: the cipher that seals its blocks and the key block it writes
 * after the header and before the footer; both null for a plaintext container. Immutable.
 */
record WriterKeys(ContainerCipher cipher, KeyBlock keyBlock) {
  static final WriterKeys NONE = new WriterKeys(null, null);

  /** Resolves the key once; {@code enc} null means plaintext. */
  static WriterKeys of(Encryption enc, UUID uuid, String container) throws KeyUnavailableException {
    if (enc == null) {
      return NONE;
    }
    PageSealer sealer = PageSealer.create(enc.keyId(), enc.keys());
    KeyBlock kb = new KeyBlock(KeyBlock.AES_256_GCM, enc.protectIndex(), KeyBlock.DEFAULT_CHUNK_SHIFT,
        sealer.keyId(), sealer.keyCheck());
    return new WriterKeys(new ContainerCipher(sealer, uuid, container, kb.chunkBytes(), enc.protectIndex()), kb);
  }

  /** The header bytes: with the key block's copy when encrypted. */
  byte[] header(UUID uuid) {
    return io.easystore.internal.v2.V2Footer.header(uuid, keyBlock == null ? null : keyBlock.encode());
  }
}
