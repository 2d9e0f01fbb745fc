package io.easystore.els;

/**
 * What a bucket or value represents. Plain byte values are {@link #BYTES}; the JSON mapping uses
 * the other kinds so that an export needs no schema. The code is stored in each record header.
 */
public enum ElsKind {
  /** A bucket created through the key-value API; exports as a JSON object. */
  BUCKET(0, true),
  /** A bucket that came from a JSON object. */
  OBJECT(1, true),
  /** A bucket that came from a JSON array; its entries are the elements in ordinal order. */
  ARRAY(2, true),
  /** The root of a document whose top level is a scalar, kept as the value under key "". */
  SCALAR_DOCUMENT(3, true),
  /** Opaque bytes. */
  BYTES(16, false),
  /** A JSON string, stored as UTF-8. */
  STRING(17, false),
  /** A JSON number, stored as its exact text (ASCII). */
  NUMBER(18, false),
  /** JSON {@code true}; no bytes. */
  TRUE(19, false),
  /** JSON {@code false}; no bytes. */
  FALSE(20, false),
  /** JSON {@code null}; no bytes. */
  NULL(21, false);

  private final int code;
  private final boolean bucket;

  ElsKind(int code, boolean bucket) {
    this.code = code;
    this.bucket = bucket;
  }

  /** Whether this kind describes a bucket (a directory of entries) rather than a value. */
  public boolean isBucket() {
    return bucket;
  }

  int code() {
    return code;
  }

  static ElsKind fromCode(int code) {
    for (ElsKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    return null;
  }
}
