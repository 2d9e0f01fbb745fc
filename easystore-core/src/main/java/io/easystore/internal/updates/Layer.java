package io.easystore.internal.updates;

import io.easystore.internal.v2.PageCache;
import io.easystore.internal.v2.RootBlock;
import io.easystore.internal.v2.V2Footer;
import io.easystore.internal.v2.V2Index;
import io.easystore.io.RangeSource;

/**
 * One parsed index of an updated container: the base (a plain v2 container's footer and root) or a
 * delta segment (its segment footer and root, with the base's dictionary table so that leaf
 * validation accepts the base's dictionary ids). Holds no source: {@link #index} binds it to one,
 * sharing the page cache, so readers over different sources of the same file share cached pages.
 *
 * <p>Immutable and thread-safe (the page cache is).
 *
 * @param tail bytes read at open that end at or after this layer's footer, for pages that lie there
 * @param start where the layer begins: 0 for the base, the metadata region for a segment
 * @param end where its footer ends
 */
record Layer(V2Footer footer, RootBlock root, byte[] tail, long tailStart, PageCache cache, long start, long end) {

  V2Index index(RangeSource source) {
    return new V2Index(source, footer, root, tail, tailStart, cache, null);
  }

  long entries() {
    return footer.entryCount();
  }
}
