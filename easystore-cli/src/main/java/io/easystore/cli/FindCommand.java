package io.easystore.cli;

import io.easystore.DesReader;
import io.easystore.IndexEntry;
import io.easystore.tree.PathGlob;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import io.easystore.cli.keys.KeyOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "find", mixinStandardHelpOptions = true,
    description = {"Print the paths in a container that match a glob, in index order.",
        "Without '/', GLOB matches the name at any depth ('*.jpg'); with '/', the whole path ('train/**/*.jpg')."
        + " '*' stays within a directory, '**' crosses directories; quote the glob for the shell."})
final class FindCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER",
      description = "The container: a path, s3://bucket/key or an http(s):// URL.")
  String container;

  @Parameters(index = "1", paramLabel = "GLOB", description = "What to look for.")
  String glob;

  @Option(names = "--type", paramLabel = "f|d", description = "Only files (f) or only directories (d).")
  String type;

  @Option(names = {"-0", "--null"},
      description = "End each path with a NUL byte instead of a newline, printed raw (for xargs -0).")
  boolean nul;

  @Mixin RemoteOptionsMixin remote;

  @Mixin KeyOptions keys;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PathGlob g;
    try {
      g = PathGlob.compile(glob);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if (type != null && !type.equals("f") && !type.equals("d")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--type must be f or d, not '" + type + "'");
    }
    PrintStream out = terminal().out();
    try (DesReader r = open(container, remote, keys); Stream<IndexEntry> s = r.entries()) {
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (IndexEntry e : (Iterable<IndexEntry>) s::iterator) {
        if (e.isDeleted() || (type != null && e.isDirectory() != type.equals("d")) || !g.matches(e.name())) {
          continue;
        }
        if (r.formatVersion() == 1 && !seen.add(e.name())) {
          continue;
        }
        String path = e.isDirectory() ? e.name() + "/" : e.name();
        if (nul) {
          out.print(path);
          out.print('\0');
        } else {
          out.println(io.easystore.cli.PrintableText.escape(e.name()) + (e.isDirectory() ? "/" : ""));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.flush();
    return 0;
  }
}
