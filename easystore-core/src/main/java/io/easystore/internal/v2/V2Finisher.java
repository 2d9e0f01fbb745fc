package io.easystore.internal.v2;

import io.easystore.WriterOptions;
import io.easystore.internal.bytes.Checksums;
import io.easystore.internal.common.Spool;
import io.easystore.internal.crypto.ContainerCipher;
import io.easystore.io.ContainerSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes everything after the data region of a v2 container: metadata, padding to the page
 * size, index pages, dictionaries, root block, footer. Single-use, not thread-safe.
 */
public final class V2Finisher {
  private final ContainerSink sink;
  private final WriterOptions options;
  private final UUID uuid;
  private final PageSizer sizer;
  private final Spool meta;
  private final int tailBytes;
  private final ContainerCipher cipher;
  private final KeyBlock keyBlock;

  /** @param cipher and {@code keyBlock}: both null for a plaintext container */
  public V2Finisher(ContainerSink sink, WriterOptions options, UUID uuid, PageSizer sizer, Spool meta, int tailBytes,
      ContainerCipher cipher, KeyBlock keyBlock) {
    this.cipher = cipher;
    this.keyBlock = keyBlock;
    this.sink = sink;
    this.options = options;
    this.uuid = uuid;
    this.sizer = sizer;
    this.meta = meta;
    this.tailBytes = tailBytes;
  }

  public void finish(EntrySorter.Source entries, List<byte[]> dictionaries) throws IOException {
    long metaStart = sink.position();
    meta.finishWriting();
    try (InputStream in = meta.open()) {
      byte[] buf = new byte[64 << 10];
      int n;
      while ((n = in.read(buf)) >= 0) {
        sink.write(ByteBuffer.wrap(buf, 0, n));
      }
    }
    long metaEnd = sink.position();
    // Stats varints and the dictionary table precede the root node in the block.
    int prefix = 5 * 10 + 1 + dictionaries.size() * (10 + 5 + 4);
    if (cipher != null) {
      prefix += KeyBlock.MAX_SIZE + ContainerCipher.BOX_OVERHEAD;
    }
    int rootBudget = tailBytes - V2Footer.SIZE - prefix;
    int shift = sizer.singleLeafBytes() <= rootBudget ? V2Footer.MIN_PAGE_SHIFT : sizer.choose(rootBudget);
    int page = 1 << shift;
    long indexStart = V2Footer.alignUp(metaEnd, page);
    sink.write(ByteBuffer.wrap(new byte[(int) (indexStart - metaEnd)]));
    ContainerCipher pages = cipher != null && cipher.protectsIndex() ? cipher : null;
    TreeBuilder.Result tree = new TreeBuilder(sink, shift, options.checksum().size(), rootBudget, options.tempDir(),
        pages).build(entries);
    long dictStart = sink.position();
    List<RootBlock.DictRef> refs = new ArrayList<>();
    for (byte[] dict : dictionaries) {
      int id = refs.size() + 1;
      byte[] d = cipher == null ? dict : cipher.box(ContainerCipher.DICT, sink.position(), id, dict, 0, dict.length);
      refs.add(new RootBlock.DictRef(id, sink.position(), d.length, Checksums.crc32c(d, 0, d.length, d, 0, 0)));
      sink.write(ByteBuffer.wrap(d));
    }
    byte[] root = RootBlock.encode(tree.liveFiles(), tree.directories(), tree.deleted(), tree.originalBytes(),
        tree.storedBytes(), refs, tree.rootNode());
    if (pages != null) {
      root = cipher.box(ContainerCipher.ROOT, sink.position(), 0, root, 0, root.length);
    }
    if (root.length > V2Footer.MAX_ROOT_BYTES) {
      throw new IOException(sink.name() + ": root block of " + root.length + " bytes exceeds the format's "
          + V2Footer.MAX_ROOT_BYTES);
    }
    byte[] key = keyBlock == null ? new byte[0] : keyBlock.encode();
    long fileSize = sink.position() + root.length + key.length + V2Footer.SIZE;
    V2Footer footer = new V2Footer(shift, options.checksum(), tree.height(), root.length, tree.entries(),
        metaStart, metaEnd, dictStart, uuid, fileSize, key.length);
    byte[] tail = java.util.Arrays.copyOf(root, root.length + key.length);
    System.arraycopy(key, 0, tail, root.length, key.length);
    sink.write(ByteBuffer.wrap(tail));
    sink.write(ByteBuffer.wrap(footer.encode(tail, 0)));
  }
}
