package io.easystore.cli;

import io.easystore.DesReader;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import io.easystore.cli.keys.KeyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "extract", mixinStandardHelpOptions = true,
    description = "Write entries out as files below a directory (never outside it).")
final class ExtractCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER",
      description = "The container: a path, s3://bucket/key or an http(s):// URL.")
  String container;

  @Mixin RemoteOptionsMixin remote;

  @Mixin KeyOptions keys;

  @Parameters(index = "1..*", paramLabel = "NAME",
      description = "Files or directories to extract (default: all); a directory brings everything below it.")
  List<String> names = new ArrayList<>();

  @Option(names = {"-d", "--directory"}, required = true, paramLabel = "DIR", description = "Target directory.")
  Path dir;

  @Option(names = "--overwrite", description = "Replace files that already exist.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    try (DesReader r = open(container, remote, keys)) {
      List<IndexEntry> files = new ArrayList<>();
      List<IndexEntry> directories = new ArrayList<>();
      select(r, files, directories);
      // Check every name before writing anything, so a hostile name cannot leave half a tree.
      Map<IndexEntry, Path> targets = new LinkedHashMap<>();
      Map<IndexEntry, Path> dirTargets = new LinkedHashMap<>();
      long total = 0;
      for (IndexEntry e : directories) {
        dirTargets.put(e, SafePaths.resolve(dir, e.name()));
      }
      for (IndexEntry e : files) {
        targets.put(e, SafePaths.resolve(dir, e.name()));
        total += e.size();
      }
      Files.createDirectories(dir);
      for (Path d : dirTargets.values()) {
        SafePaths.prepareDirectory(dir, d);
      }
      try (Progress p = terminal().progress("extract", total, "bytes")) {
        for (Map.Entry<IndexEntry, Path> e : targets.entrySet()) {
          Path target = e.getValue();
          SafePaths.prepareParent(dir, target);
          StandardOpenOption mode = overwrite ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.CREATE_NEW;
          if (overwrite && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            mode = StandardOpenOption.CREATE_NEW;
          }
          try (InputStream in = r.openStream(e.getKey().name());
              OutputStream out = Files.newOutputStream(target, mode, StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS)) {
            p.step(in.transferTo(out));
          }
          restore(target, e.getKey().attributes());
        }
      }
      // Directories last, deepest first: writing their files changed their times, and a read-only mode would
      // have stopped those writes.
      List<Map.Entry<IndexEntry, Path>> byDepth = new ArrayList<>(dirTargets.entrySet());
      byDepth.sort(Comparator.comparingInt((Map.Entry<IndexEntry, Path> e) -> e.getValue().getNameCount()).reversed());
      for (Map.Entry<IndexEntry, Path> e : byDepth) {
        restore(e.getValue(), e.getKey().attributes());
      }
      terminal().out().printf("extracted %d files%s into %s%n", targets.size(),
          dirTargets.isEmpty() ? "" : " and " + dirTargets.size() + " directories", io.easystore.cli.PrintableText.escapeControls(dir.toString()));
    }
    return 0;
  }

  /** The files and directories to write: everything, or the named files and the named directories' subtrees. */
  private void select(DesReader r, List<IndexEntry> files, List<IndexEntry> directories) throws IOException {
    List<String> prefixes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      String name = n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
      if (!name.isEmpty() && r.isDirectory(name)) {
        directories.add(r.entry(name));
        prefixes.add(name + "/");
      } else if (seen.add(name)) {
        files.add(r.entry(name));
      }
    }
    if (!names.isEmpty() && prefixes.isEmpty()) {
      return;
    }
    try (Stream<IndexEntry> all = r.entries()) {
      for (IndexEntry e : (Iterable<IndexEntry>) all::iterator) {
        if (e.isDeleted() || !(names.isEmpty() || prefixes.stream().anyMatch(e.name()::startsWith))) {
          continue;
        }
        if (e.isDirectory()) {
          directories.add(e);
        } else if (seen.add(e.name())) {
          // DES v1 may repeat a name; readers serve its last body, written once here.
          files.add(r.entry(e.name()));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Puts back the modification time and permissions a container recorded (DES v2). */
  private static void restore(Path target, EntryAttributes a) throws IOException {
    if (a.hasMode() && Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) != null) {
      // PosixFilePermissions.fromString reads owner rwx, group rwx, others rwx: bit 8 down to bit 0.
      StringBuilder rwx = new StringBuilder(9);
      for (int i = 0; i < 9; i++) {
        rwx.append((a.mode() & (1 << (8 - i))) != 0 ? "rwx".charAt(i % 3) : '-');
      }
      Set<PosixFilePermission> perms = PosixFilePermissions.fromString(rwx.toString());
      Files.setPosixFilePermissions(target, perms);
    }
    if (a.hasMtime()) {
      Files.setLastModifiedTime(target, FileTime.fromMillis(a.mtimeMillis()));
    }
  }
}
