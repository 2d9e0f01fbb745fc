package io.easystore.internal.remote;

import io.easystore.remote.RemoteProtocolException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code Content-Range} header of a single-part response: {@code bytes first-last/total},
 * or {@code bytes *}{@code /total} on a 416. Immutable.
 *
 * @param first the first byte position, or -1 for the unsatisfied form
 * @param last the last byte position (inclusive), or -1 for the unsatisfied form
 * @param total the complete length, or -1 if the server sent {@code *}
 */
public record ContentRange(long first, long last, long total) {
  private static final Pattern SATISFIED =
      Pattern.compile("\\s*bytes\\s+(\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern UNSATISFIED =
      Pattern.compile("\\s*bytes\\s+\\*/(\\d{1,18})\\s*", Pattern.CASE_INSENSITIVE);

  public ContentRange {
    if (first == -1 && last == -1) {
      if (total < 0) {
        throw new IllegalArgumentException("unsatisfied range needs a total");
      }
    } else if (first < 0 || last < first || (total >= 0 && last >= total)) {
      throw new IllegalArgumentException("invalid range " + first + "-" + last + "/" + total);
    }
  }

  /**
   * Parses a header value.
   *
   * @throws RemoteProtocolException if it is missing or malformed, naming {@code location}
   */
  public static ContentRange parse(String header, String location, int status) throws RemoteProtocolException {
    if (header == null) {
      throw new RemoteProtocolException(location + ": HTTP " + status + " without a Content-Range header", status);
    }
    Matcher m = SATISFIED.matcher(header);
    try {
      if (m.matches()) {
        long total = "*".equals(m.group(3)) ? -1 : Long.parseLong(m.group(3));
        return new ContentRange(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), total);
      }
      m = UNSATISFIED.matcher(header);
      if (m.matches()) {
        return new ContentRange(-1, -1, Long.parseLong(m.group(1)));
      }
    } catch (IllegalArgumentException e) {
      throw new RemoteProtocolException(location + ": invalid Content-Range '" + printable(header) + "'", status, e);
    }
    throw new RemoteProtocolException(location + ": malformed Content-Range '" + printable(header) + "'", status);
  }

  private static String printable(String s) {
    String t = s.length() > 100 ? s.substring(0, 100) + "..." : s;
    return t.replaceAll("\\p{Cntrl}", "?");
  }

  /** True for {@code bytes *}{@code /total}. */
  public boolean isUnsatisfied() {
    return first < 0;
  }

  /** Number of bytes in the part. */
  public long length() {
    return isUnsatisfied() ? 0 : last - first + 1;
  }
}
