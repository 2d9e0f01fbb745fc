package io.easystore.cli;

import io.easystore.DesReader;
import io.easystore.IndexEntry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.easystore.cli.keys.KeyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * FilePacker's inspection: the tree of a container with, for every directory, the files and bytes
 * below it. One pass over the index counts; a second descends with listings to print.
 */
@Command(name = "tree", mixinStandardHelpOptions = true,
    description = "Print the directory tree of a container (DES or FilePacker) with file counts and sizes per directory.")
final class TreeCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER",
      description = "The container: a path, s3://bucket/key or an http(s):// URL.")
  String container;

  @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "The directory to start from (default: the root).")
  String start = "";

  @Option(names = {"-d", "--directories-only"}, description = "Print directories only (a condensed view of large trees).")
  boolean directoriesOnly;

  @Option(names = {"-L", "--depth"}, paramLabel = "N", description = "Descend at most N levels below DIR.")
  int depth = Integer.MAX_VALUE;

  @Mixin RemoteOptionsMixin remote;

  @Mixin KeyOptions keys;

  /** Files, bytes and subdirectories at any depth below one directory. */
  private static final class Totals {
    long files;
    long bytes;
    long directories;

    @Override
    public String toString() {
      return files + (files == 1 ? " file, " : " files, ") + humanBytes(bytes);
    }
  }

  @Override
  public Integer call() throws Exception {
    String top = start.endsWith("/") ? start.substring(0, start.length() - 1) : start;
    if (top.equals(".")) {
      top = "";
    }
    PrintStream out = terminal().out();
    try (DesReader r = open(container, remote, keys)) {
      if (!r.isDirectory(top)) {
        if (r.exists(top)) {
          throw new NotDirectoryException(top);
        }
        throw new NoSuchFileException(top, null, "no such directory in " + r.name());
      }
      Map<String, Totals> totals = count(r, top);
      out.println((top.isEmpty() ? "." : io.easystore.cli.PrintableText.escape(top) + "/") + "  [" + totals.get(top) + "]");
      print(r, top, "", 1, totals, out);
      Totals t = totals.get(top);
      out.printf("%d directories, %s%n", t.directories, t);
    }
    return 0;
  }

  private static Map<String, Totals> count(DesReader r, String top) throws IOException {
    Map<String, Totals> totals = new HashMap<>();
    totals.put(top, new Totals());
    String prefix = top.isEmpty() ? "" : top + "/";
    try (Stream<IndexEntry> s = r.entries()) {
      for (IndexEntry e : (Iterable<IndexEntry>) s::iterator) {
        if (e.isDeleted() || !e.name().startsWith(prefix)) {
          continue;
        }
        // Every directory from the entry's parent up to the top gets the entry counted.
        String d = parent(e.name());
        while (true) {
          Totals t = totals.computeIfAbsent(d, k -> new Totals());
          if (e.isDirectory()) {
            t.directories++;
          } else {
            t.files++;
            t.bytes += e.size();
          }
          if (d.equals(top)) {
            break;
          }
          d = parent(d);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return totals;
  }

  private void print(DesReader r, String dir, String indent, int level, Map<String, Totals> totals, PrintStream out)
      throws IOException {
    if (level > depth) {
      return;
    }
    // v1 may repeat a name; show it once, sorted like v2 listings.
    Map<String, IndexEntry> children = new LinkedHashMap<>();
    for (IndexEntry e : r.list(dir)) {
      if (!directoriesOnly || e.isDirectory()) {
        children.put(e.baseName(), e);
      }
    }
    List<IndexEntry> sorted = new ArrayList<>(children.values());
    sorted.sort((a, b) -> compareCodePoints(a.baseName(), b.baseName()));
    for (int i = 0; i < sorted.size(); i++) {
      IndexEntry e = sorted.get(i);
      boolean last = i == sorted.size() - 1;
      String branch = last ? "└── " : "├── ";
      if (e.isDirectory()) {
        Totals t = totals.getOrDefault(e.name(), new Totals());
        out.println(indent + branch + io.easystore.cli.PrintableText.escape(e.baseName()) + "/  [" + t + "]");
        print(r, e.name(), indent + (last ? "    " : "│   "), level + 1, totals, out);
      } else {
        out.println(indent + branch + io.easystore.cli.PrintableText.escape(e.baseName()) + "  " + humanBytes(e.size()));
      }
    }
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
