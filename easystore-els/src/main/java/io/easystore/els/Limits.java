package io.easystore.els;

import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The limits of {@link ElsOptions} as checks with messages that say how to raise them. Immutable. */
final class Limits {
  private final String store;
  private final ElsOptions options;

  Limits(String store, ElsOptions options) {
    this.store = store;
    this.options = options;
  }

  void checkPath(List<String> path) throws LimitExceededException {
    if (path.size() > options.maxDepth()) {
      throw new LimitExceededException(store, CorruptContainerException.NO_OFFSET,
          JsonPointers.format(path), "bucket depth", path.size(), options.maxDepth(),
          "ElsOptions.withMaxDepth or --max-depth");
    }
    for (String name : path) {
      checkKey(name);
    }
  }

  void checkKey(String key) throws LimitExceededException {
    int n = utf8Length(key);
    if (n > options.maxKeyBytes()) {
      throw new LimitExceededException(store, CorruptContainerException.NO_OFFSET, key,
          "key length in UTF-8 bytes", n, options.maxKeyBytes(),
          "ElsOptions.withMaxKeyBytes or --max-key-bytes");
    }
  }

  void checkValueSize(String key, long size) throws LimitExceededException {
    if (size > options.maxValueBytes()) {
      throw new LimitExceededException(store, CorruptContainerException.NO_OFFSET, key,
          "value size in bytes", size, options.maxValueBytes(),
          "ElsOptions.withMaxValueBytes or --max-value-bytes");
    }
  }

  /** UTF-8 length; refuses strings that have no UTF-8 form, so the stored key is the given one. */
  static int utf8Length(String s) {
    try {
      return StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(s)).remaining();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("name is not valid Unicode (unpaired surrogate)", e);
    }
  }
}
