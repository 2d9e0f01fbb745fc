package io.easystore.records;

import io.easystore.codec.CodecId;
import java.time.Instant;

/**
 * What a page header says, without reading the payload.
 *
 * @param offset where the page starts
 * @param created when the writer wrote the page (UTC)
 * @param records how many records it holds
 * @param plainLength its entry stream length before compression
 * @param storedLength its payload length as stored
 * @param codec how it is compressed
 * @param encrypted whether it is sealed
 * @param host the writer's host
 * @param application the writer's application id
 * @param next offset of the page after it
 */
public record PageInfo(long offset, Instant created, int records, int plainLength, int storedLength, CodecId codec,
    boolean encrypted, String host, String application, long next) {

  static PageInfo of(PageHeader h) {
    return new PageInfo(h.offset(), Instant.ofEpochMilli(h.created()), h.entryCount(), h.plainLength(),
        h.storedLength(), h.codec(), h.encrypted(), h.host(), h.application(), h.next());
  }
}
