package io.easystore.internal.v2;

import io.easystore.CorruptContainerException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Entry paths of DES v2 and the index keys derived from them.
 *
 * <p>A path is UTF-8, {@code /}-separated, relative and normalised: no empty segment (so no
 * leading, trailing or doubled {@code /}), no {@code .} or {@code ..} segment, no NUL and no
 * backslash, at most {@link #MAX_PATH_BYTES} bytes. Its key is the path with its last {@code /}
 * replaced by a NUL byte, or a NUL followed by the path when it has no {@code /}: {@code parent
 * NUL basename}. Sorting keys bytewise therefore keeps the children of every directory together,
 * which makes a listing one contiguous range of the index. Stateless and thread-safe.
 */
public final class V2Paths {
  public static final int MAX_PATH_BYTES = 0xFFFF;
  /** A key is at most one byte longer than its path. */
  public static final int MAX_KEY_BYTES = MAX_PATH_BYTES + 1;

  private V2Paths() {}

  /** Validates a path for writing; returns its UTF-8 bytes or throws IllegalArgumentException. */
  public static byte[] validate(String path) {
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("entry path must not be empty");
    }
    byte[] utf8 = encode(path);
    if (utf8 == null) {
      throw new IllegalArgumentException("entry path '" + path + "' is not valid Unicode (lone surrogate)");
    }
    if (utf8.length > MAX_PATH_BYTES) {
      throw new IllegalArgumentException("entry path is " + utf8.length + " UTF-8 bytes; DES v2 allows at most "
          + MAX_PATH_BYTES);
    }
    String problem = problem(utf8, 0, utf8.length);
    if (problem != null) {
      throw new IllegalArgumentException("entry path '" + path + "' " + problem);
    }
    return utf8;
  }

  /** The key of a path given as validated UTF-8. */
  public static byte[] key(byte[] pathUtf8) {
    int slash = lastSlash(pathUtf8, pathUtf8.length);
    if (slash < 0) {
      byte[] k = new byte[pathUtf8.length + 1];
      System.arraycopy(pathUtf8, 0, k, 1, pathUtf8.length);
      return k;
    }
    byte[] k = pathUtf8.clone();
    k[slash] = 0;
    return k;
  }

  /** The key to look a path up with, or null when no valid entry could have that path. */
  public static byte[] lookupKey(String path) {
    if (path == null || path.isEmpty()) {
      return null;
    }
    byte[] fast = asciiKey(path);
    if (fast != null) {
      return fast.length == 0 ? null : fast;
    }
    byte[] utf8 = encode(path);
    if (utf8 == null || utf8.length > MAX_PATH_BYTES || problem(utf8, 0, utf8.length) != null) {
      return null;
    }
    return key(utf8);
  }

  /**
   * The key of an all-ASCII path in one pass, validating as it goes: null when the path has a
   * non-ASCII character (use the general path), an empty array when it is not a valid path.
   */
  private static byte[] asciiKey(String path) {
    int len = path.length();
    if (len > MAX_PATH_BYTES) {
      return null;
    }
    int slash = path.lastIndexOf('/');
    byte[] key = new byte[slash < 0 ? len + 1 : len];
    int off = slash < 0 ? 1 : 0;
    int segStart = 0;
    for (int i = 0; i <= len; i++) {
      char c = i < len ? path.charAt(i) : '/';
      if (c >= 0x80) {
        return null;
      }
      if (c == '/') {
        int n = i - segStart;
        if (n == 0 || (n == 1 && path.charAt(segStart) == '.')
            || (n == 2 && path.charAt(segStart) == '.' && path.charAt(segStart + 1) == '.')) {
          return new byte[0];
        }
        segStart = i + 1;
      } else if (c == 0 || c == '\\') {
        return new byte[0];
      }
      if (i < len) {
        key[i + off] = i == slash ? 0 : (byte) c;
      }
    }
    return key;
  }

  /**
   * The common key prefix of a directory's children: {@code dir NUL}, or a lone NUL for the root
   * ({@code ""}). Null when {@code dir} is not a valid path.
   */
  public static byte[] childPrefix(String dir) {
    if (dir.isEmpty()) {
      return new byte[] {0};
    }
    byte[] utf8 = encode(dir);
    if (utf8 == null || utf8.length >= MAX_PATH_BYTES || problem(utf8, 0, utf8.length) != null) {
      return null;
    }
    byte[] p = Arrays.copyOf(utf8, utf8.length + 1);
    p[utf8.length] = 0;
    return p;
  }

  /**
   * The path of a key read from a container, validated as strictly as a written path.
   *
   * @param offset where the key was found, for the error message (or NO_OFFSET)
   */
  public static String pathOf(byte[] key, int len, String container, long offset) throws CorruptContainerException {
    int nul = -1;
    for (int i = 0; i < len; i++) {
      if (key[i] == 0) {
        if (nul >= 0) {
          throw new CorruptContainerException(container, offset, null, "index key holds two NUL separators");
        }
        nul = i;
      }
    }
    if (nul < 0 || nul == len - 1) {
      throw new CorruptContainerException(container, offset, null,
          nul < 0 ? "index key has no NUL separator" : "index key has an empty base name");
    }
    for (int i = nul + 1; i < len; i++) {
      if (key[i] == '/') {
        throw new CorruptContainerException(container, offset, printable(key, len),
            "index key's base name contains '/' (the key of another path)");
      }
    }
    byte[] path;
    if (nul == 0) {
      path = Arrays.copyOfRange(key, 1, len);
    } else {
      path = Arrays.copyOf(key, len);
      path[nul] = '/';
    }
    String problem = path.length > MAX_PATH_BYTES ? "is longer than " + MAX_PATH_BYTES + " bytes"
        : problem(path, 0, path.length);
    String s = problem == null ? decode(path) : null;
    if (s == null) {
      throw new CorruptContainerException(container, offset, decode(path) == null ? null : decode(path),
          "stored path " + (problem != null ? problem : "is not valid UTF-8"));
    }
    return s;
  }

  /**
   * Why a stored key is not the key of a valid path, or null when it is (UTF-8 validity is left to
   * {@link #pathOf}). A base name holding {@code /} would give the path of another key (or of a
   * key in another directory), so that the listing shows a name lookup cannot find, or the same
   * path twice; readers refuse such a key when its page is loaded. Allocation-free, for page loads.
   */
  public static String keyProblem(byte[] key, int len) {
    int nul = -1;
    for (int i = 0; i < len; i++) {
      if (key[i] == 0) {
        if (nul >= 0) {
          return "index key holds two NUL separators";
        }
        nul = i;
      }
    }
    if (nul < 0) {
      return "index key has no NUL separator";
    }
    if (nul == len - 1) {
      return "index key has an empty base name";
    }
    if (len - (nul == 0 ? 1 : 0) > MAX_PATH_BYTES) {
      return "stored path is longer than " + MAX_PATH_BYTES + " bytes";
    }
    for (int i = nul + 1; i < len; i++) {
      if (key[i] == '/') {
        return "index key's base name contains '/' (the key of another path)";
      }
    }
    String p = nul == 0 ? null : problem(key, 0, nul);
    if (p == null) {
      p = problem(key, nul + 1, len);
    }
    return p == null ? null : "stored path " + p;
  }

  /** The directory holding {@code path} ("" for a top-level entry). */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static int lastSlash(byte[] b, int len) {
    for (int i = len - 1; i >= 0; i--) {
      if (b[i] == '/') {
        return i;
      }
    }
    return -1;
  }

  /** Why the UTF-8 path is not acceptable, or null when it is. */
  static String problem(byte[] b, int from, int to) {
    int segStart = from;
    for (int i = from; i <= to; i++) {
      byte c = i < to ? b[i] : (byte) '/';
      if (c == 0) {
        return "contains a NUL byte";
      }
      if (c == '\\') {
        return "contains '\\', which DES forbids (it separates paths on Windows)";
      }
      if (c == '/') {
        int n = i - segStart;
        if (n == 0) {
          return i == from ? "is absolute or starts with '/'" : "has an empty segment ('//' or a trailing '/')";
        }
        if ((n == 1 && b[segStart] == '.') || (n == 2 && b[segStart] == '.' && b[segStart + 1] == '.')) {
          return "has a '.' or '..' segment";
        }
        segStart = i + 1;
      }
    }
    return null;
  }

  private static byte[] encode(String s) {
    boolean ascii = true;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return s.getBytes(StandardCharsets.ISO_8859_1);
    }
    try {
      ByteBuffer bb = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
      byte[] out = new byte[bb.remaining()];
      bb.get(out);
      return out;
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The key as a path for messages: NUL shown as '/', malformed UTF-8 replaced. */
  public static String printable(byte[] key, int len) {
    byte[] b = Arrays.copyOf(key, len);
    int from = 0;
    if (len > 0 && b[0] == 0) {
      from = 1;
    }
    for (int i = from; i < len; i++) {
      if (b[i] == 0) {
        b[i] = '/';
      }
    }
    return new String(b, from, len - from, StandardCharsets.UTF_8);
  }

  /** Strict UTF-8 decoding; null for malformed input. */
  public static String decode(byte[] utf8) {
    boolean ascii = true;
    for (byte x : utf8) {
      if (x < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(utf8, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
