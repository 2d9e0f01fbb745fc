package io.easystore.remote;

import java.util.Objects;

/**
 * What pins one version of a remote object: its ETag, its version id (S3 versioned buckets) and
 * its Last-Modified date, each possibly absent, plus its size, which is always known.
 *
 * <p>Immutable.
 *
 * @param etag the entity tag exactly as the server sent it (with quotes, possibly {@code W/}), or null
 * @param versionId the S3 version id, or null
 * @param lastModified the Last-Modified header as sent, or null
 * @param size the object's length in bytes
 */
public record ObjectVersion(String etag, String versionId, String lastModified, long size) {

  public ObjectVersion {
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    etag = blankToNull(etag);
    versionId = blankToNull(versionId);
    lastModified = blankToNull(lastModified);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** True if an ETag or version id identifies this exact content, so caches may share it. */
  public boolean isPinned() {
    return versionId != null || (etag != null && !isWeak());
  }

  /** True for a weak ETag ({@code W/"..."}), which {@code If-Match} never matches. */
  public boolean isWeak() {
    return etag != null && etag.startsWith("W/");
  }

  /**
   * A token naming this content for cache keys, or null if nothing but the size identifies it
   * (such objects are never shared between opens).
   */
  public String cacheToken() {
    if (!isPinned()) {
      return null;
    }
    return (versionId != null ? "v:" + versionId : "") + (etag != null ? "e:" + etag : "") + "/" + size;
  }

  /**
   * True if a response's ETag (when it sent one) is the pinned one. Weak comparison, as for
   * {@code If-None-Match}, since a server may weaken the tag of a part.
   */
  public boolean sameEtag(String responseEtag) {
    if (responseEtag == null || responseEtag.isBlank() || etag == null) {
      return true;
    }
    return Objects.equals(opaque(etag), opaque(responseEtag));
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("size ").append(size);
    if (etag != null) {
      sb.append(", ETag ").append(etag);
    }
    if (versionId != null) {
      sb.append(", version ").append(versionId);
    }
    if (etag == null && versionId == null && lastModified != null) {
      sb.append(", Last-Modified ").append(lastModified);
    }
    return sb.toString();
  }
}
