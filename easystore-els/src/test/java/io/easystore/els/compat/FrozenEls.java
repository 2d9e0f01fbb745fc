package io.easystore.els.compat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.els.ElsBucket;
import io.easystore.els.ElsEntry;
import io.easystore.els.ElsStore;
import io.easystore.testing.FrozenFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The logical content of an ELS store as the manifests record it, read through the public API:
 * its encoding and, depth-first in ordinal order, every bucket with its entries (name, kind,
 * ordinal) and every value's size and SHA-256 (and text, when short). The generator writes it, the
 * reader tests compare it exactly. Stateless and thread-safe.
 */
final class FrozenEls {
  private FrozenEls() {}

  static ObjectNode describe(ElsStore store) throws IOException {
    ObjectNode c = FrozenFiles.mapper().createObjectNode();
    c.put("encoding", store.encoding().name());
    ArrayNode buckets = c.putArray("buckets");
    walk(store.rootBucket(), buckets);
    return (ObjectNode) FrozenFiles.normalized(c);
  }

  private static void walk(ElsBucket bucket, ArrayNode out) throws IOException {
    ObjectNode b = out.addObject();
    b.set("path", FrozenFiles.mapper().valueToTree(bucket.path()));
    ArrayNode entries = b.putArray("entries");
    List<ElsBucket> children = new ArrayList<>();
    for (ElsEntry e : bucket.entries()) {
      ObjectNode o = entries.addObject().put("name", e.name()).put("kind", e.kind().name()).put("ordinal", e.ordinal());
      if (e.isBucket()) {
        children.add(bucket.bucket(e.name()));
        continue;
      }
      Optional<byte[]> v = bucket.get(e.name());
      o.put("present", v.isPresent());
      if (v.isPresent()) {
        o.put("size", v.get().length).put("sha256", FrozenFiles.sha256(v.get()));
      }
    }
    b.set("keys", FrozenFiles.mapper().valueToTree(bucket.keys()));
    b.set("bucket_names", FrozenFiles.mapper().valueToTree(bucket.buckets()));
    for (ElsBucket child : children) {
      walk(child, out);
    }
  }
}
