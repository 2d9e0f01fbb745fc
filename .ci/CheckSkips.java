import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fails (exit 1) when a surefire report under the given directories records a skipped test whose
 * reason is not in .ci/allowed-skips. A skip is only acceptable for a reason that cannot apply on a
 * normal CI machine or that the documentation states (doc blocks marked skip); anything else is a
 * test that silently stopped testing, as the 361 fixture tests did in clones without ../shared.
 * Run as a single-file program: java .ci/CheckSkips.java .ci/allowed-skips DIR...
 */
public class CheckSkips {
  private static final Pattern TESTCASE = Pattern.compile(
      "<testcase\\b([^>]*?)(?:/>|>(.*?)</testcase>)", Pattern.DOTALL);
  private static final Pattern SKIPPED = Pattern.compile("<skipped\\b([^>]*?)(?:/>|>(.*?)</skipped>)", Pattern.DOTALL);
  private static final Pattern ATTR = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: java CheckSkips.java ALLOWED-SKIPS-FILE DIR...");
      System.exit(2);
    }
    List<Pattern> allowed = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        allowed.add(Pattern.compile(line.strip()));
      }
    }
    int reports = 0;
    int skipped = 0;
    List<String> bad = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      Path root = Path.of(args[i]);
      if (!Files.isDirectory(root)) {
        continue;
      }
      List<Path> xmls;
      try (Stream<Path> s = Files.walk(root)) {
        xmls = s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")
            && p.getParent().getFileName().toString().equals("surefire-reports")).sorted().toList();
      }
      for (Path xml : xmls) {
        reports++;
        Matcher tc = TESTCASE.matcher(Files.readString(xml));
        while (tc.find()) {
          if (tc.group(2) == null) {
            continue;
          }
          Matcher sk = SKIPPED.matcher(tc.group(2));
          if (!sk.find()) {
            continue;
          }
          skipped++;
          String message = reason(unescape(attr(sk.group(1), "message")), sk.group(2));
          String name = attr(tc.group(1), "classname") + "." + attr(tc.group(1), "name");
          if (allowed.stream().noneMatch(p -> p.matcher(message).find())) {
            bad.add(name + ": " + (message.isEmpty() ? "(no reason given)" : message) + "  [" + xml + "]");
          }
        }
      }
    }
    System.out.println("check-skips: " + reports + " reports, " + skipped + " skipped tests, "
        + bad.size() + " without an allowed reason");
    if (reports == 0) {
      System.err.println("check-skips: no surefire reports found; did the tests run?");
      System.exit(1);
    }
    if (!bad.isEmpty()) {
      bad.forEach(b -> System.err.println("  skipped: " + b));
      System.err.println("check-skips: every test must run in CI; fix the cause, or add the reason to "
          + args[0] + " if it cannot apply on a normal machine");
      System.exit(1);
    }
  }

  /**
   * The skip message: the message attribute, or (reporters that write the stack trace instead)
   * the first line of the element's text without its exception class name.
   */
  private static String reason(String message, String body) {
    if (!message.isEmpty() || body == null) {
      return message;
    }
    String text = body.strip();
    if (text.startsWith("<![CDATA[")) {
      text = text.substring("<![CDATA[".length());
    } else {
      text = unescape(text);
    }
    String first = text.lines().findFirst().orElse("").strip();
    return first.replaceFirst("^[\\w.$]+: ", "");
  }

  private static String attr(String attrs, String name) {
    Matcher m = ATTR.matcher(attrs == null ? "" : attrs);
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return m.group(2);
      }
    }
    return "";
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
        .replace("&#10;", "\n").replace("&amp;", "&");
  }
}
