package io.easystore.records;

import io.easystore.codec.CodecId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The JSON metadata in an archive's volume header, fixed when the archive is created.
 *
 * @param archiveId random id; page encryption binds every page to it
 * @param description free text
 * @param created when the archive was created (UTC)
 * @param codec the codec new pages are compressed with (each page also records its own)
 * @param codecLevel the codec's level
 * @param keyId id of the AES-256 key pages are sealed with, or {@code null} when not encrypted
 * @param keyCheck base64 fingerprint of that key (detects a wrong key), or {@code null}
 * @param host the writer's host
 * @param application the writer's application id
 * @param contentType what the records hold, for tools: {@code bytes}, {@code text}, {@code json},
 *     {@code log} or anything else
 * @param properties extra string metadata; never {@code null} (copied, immutable)
 */
public record ArchiveMetadata(UUID archiveId, String description, Instant created, CodecId codec, int codecLevel,
    String keyId, String keyCheck, String host, String application, String contentType,
    Map<String, String> properties) {

  public ArchiveMetadata {
    Objects.requireNonNull(archiveId, "archiveId");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(codec, "codec");
    description = description == null ? "" : description;
    host = host == null ? "" : host;
    application = application == null ? "" : application;
    contentType = contentType == null ? "bytes" : contentType;
    properties = properties == null ? Map.of() : Map.copyOf(properties);
    if ((keyId == null) != (keyCheck == null)) {
      throw new IllegalArgumentException("keyId and keyCheck go together");
    }
  }

  /** Whether pages are sealed with AES-256-GCM. */
  public boolean encrypted() {
    return keyId != null;
  }
}
