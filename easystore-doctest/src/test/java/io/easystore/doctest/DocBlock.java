package io.easystore.doctest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One fenced code block of a document, with the doctest marker (an HTML comment on the nearest
 * non-blank line above its opening fence) that says how to treat it. Markers:
 * {@code <!-- doctest: skip REASON -->}, {@code <!-- doctest: expect-exit N -->} (shell) and
 * {@code <!-- doctest: compile-only REASON -->} (java). Immutable.
 *
 * @param doc the document, relative to the repository root ({@code README.md}, {@code docs/X.md})
 * @param line the 1-based line of the opening fence; block line k is document line {@code line + k}
 * @param lang the fence's info string up to the first blank ({@code ""} when there is none)
 * @param text the block's content, lines joined with {@code \n}, ending in {@code \n} unless empty
 * @param marker how to treat the block, {@code null} for the default (compile and run it)
 * @param markerError why the line above the block looks like a marker but is not one, else null
 */
record DocBlock(String doc, int line, String lang, String text, Marker marker, String markerError) {
  /** The languages a block may have: java and shell blocks run, text blocks are shown only. */
  static final List<String> LANGUAGES = List.of("java", "bash", "sh", "text");

  private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(`{3,}|~{3,})\\s*([^\\s`]*)?.*$");
  private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*doctest:\\s*(.*?)\\s*-->\\s*$");
  private static final Pattern EXPECT_EXIT = Pattern.compile("expect-exit\\s+(\\d{1,3})");
  private static final Pattern WITH_REASON = Pattern.compile("(skip|compile-only)\\s+(\\S.*)");

  /** What a marker asks for. */
  enum Kind { SKIP, EXPECT_EXIT, COMPILE_ONLY }

  /** A parsed marker; {@code reason} for skip and compile-only, {@code exit} for expect-exit. */
  record Marker(Kind kind, String reason, int exit) {}

  /** Where the block is, for failure messages: {@code README.md:20 (bash block)}. */
  String where() {
    return doc + ":" + line + " (" + (lang.isEmpty() ? "untagged" : lang) + " block)";
  }

  boolean isShell() {
    return lang.equals("bash") || lang.equals("sh");
  }

  /** The documents whose blocks are tested: README.md and every docs/*.md, in that order. */
  static List<Path> documents(Path root) throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(root.resolve("README.md"));
    try (Stream<Path> s = Files.list(root.resolve("docs"))) {
      s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  /** Every block of every document under {@code root}, in document order. */
  static List<DocBlock> all(Path root) throws IOException {
    List<DocBlock> blocks = new ArrayList<>();
    for (Path doc : documents(root)) {
      blocks.addAll(parse(root.relativize(doc).toString().replace('\\', '/'), Files.readAllLines(doc)));
    }
    return blocks;
  }

  /** The blocks of one document, or an exception naming the line of an unclosed fence. */
  static List<DocBlock> parse(String doc, List<String> lines) {
    List<DocBlock> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      String fence = open.group(1);
      String lang = open.group(2) == null ? "" : open.group(2);
      StringBuilder text = new StringBuilder();
      int j = i + 1;
      while (j < lines.size() && !isClosing(lines.get(j), fence)) {
        text.append(lines.get(j)).append('\n');
        j++;
      }
      if (j == lines.size()) {
        throw new IllegalStateException(doc + ":" + (i + 1) + ": code block is never closed");
      }
      String above = null;
      for (int k = i - 1; k >= 0; k--) {
        if (!lines.get(k).isBlank()) {
          above = lines.get(k);
          break;
        }
      }
      Marker marker = null;
      String markerError = null;
      if (above != null) {
        Matcher m = MARKER.matcher(above);
        if (m.matches()) {
          String body = m.group(1);
          Matcher exit = EXPECT_EXIT.matcher(body);
          Matcher reason = WITH_REASON.matcher(body);
          if (exit.matches()) {
            marker = new Marker(Kind.EXPECT_EXIT, null, Integer.parseInt(exit.group(1)));
          } else if (reason.matches()) {
            marker = new Marker(reason.group(1).equals("skip") ? Kind.SKIP : Kind.COMPILE_ONLY, reason.group(2), 0);
          } else {
            markerError = "unknown doctest marker '" + body + "' (use: skip REASON, expect-exit N, compile-only REASON)";
          }
        } else if (above.contains("doctest")) {
          markerError = "line above the block mentions doctest but is not a marker: " + above.strip();
        }
      }
      blocks.add(new DocBlock(doc, i + 1, lang, text.toString(), marker, markerError));
      i = j;
    }
    return blocks;
  }

  private static boolean isClosing(String line, String fence) {
    String s = line.strip();
    return s.length() >= fence.length() && s.chars().allMatch(c -> c == fence.charAt(0))
        && line.indexOf(fence.charAt(0)) <= 3;
  }
}
