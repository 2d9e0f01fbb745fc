package io.easystore.io;

/**
 * What a remote source tells about itself ({@link RangeSource#remote()}): where the object lives,
 * the version it is pinned to, and where the tail it fetched at open begins. Immutable.
 *
 * @param location the object's location, for cache keys ({@code https://...}, {@code s3://...})
 * @param cacheToken a token that changes whenever the content does (ETag, version id), or null
 *     when the object is not pinned to a version
 * @param tailOffset the offset of the first byte of the tail fetched at open (reads from there on
 *     cost no request)
 */
public record RemoteInfo(String location, String cacheToken, long tailOffset) {
  public RemoteInfo {
    java.util.Objects.requireNonNull(location, "location");
    if (tailOffset < 0) {
      throw new IllegalArgumentException("negative tail offset " + tailOffset);
    }
  }
}
