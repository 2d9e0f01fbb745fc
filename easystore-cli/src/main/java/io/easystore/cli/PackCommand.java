package io.easystore.cli;

import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.tree.PackIssue;
import io.easystore.tree.PackListener;
import io.easystore.tree.PackOptions;
import io.easystore.tree.PackResult;
import io.easystore.tree.TreePacker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.easystore.cli.keys.KeyOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "pack", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Pack a directory tree into a container: DES v2 by default (directories, compression,"
        + " checksums, modification times and permissions kept); --format v1 takes a flat directory.",
        "Like FilePacker, hidden files and directories (names starting with '.') are skipped and symbolic links"
        + " are followed; a link back to a directory above it is not followed, so cycles end."})
final class PackCommand extends Sub {
  @Parameters(index = "0", paramLabel = "DIR", description = "The directory to pack.")
  Path dir;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
      description = "The container to write: a path or s3://bucket/key. Nothing appears there unless the pack succeeds.")
  String output;

  @Option(names = "--force", description = "Replace OUT if it exists.")
  boolean force;

  @Option(names = "--include-hidden", description = "Pack hidden files and directories too.")
  boolean includeHidden;

  @Option(names = "--follow-links", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Follow symbolic links to files and directories (default); --no-follow-links leaves links out.")
  boolean followLinks;

  @Option(names = "--include-ext", split = ",", paramLabel = "EXT",
      description = "Pack only files with these extensions (comma-separated or repeated; case-insensitive).")
  List<String> includeExt = new ArrayList<>();

  @Option(names = "--exclude-ext", split = ",", paramLabel = "EXT",
      description = "Leave out files with these extensions. Not together with --include-ext.")
  List<String> excludeExt = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "GLOB",
      description = "Leave out files and directories matching GLOB (repeatable). Without '/', GLOB matches a name at"
          + " any depth ('*.tmp', '__pycache__'); with '/', the path from DIR ('logs/*.txt', '**/cache/**').")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
      description = "Files read at once (default ${DEFAULT-VALUE}); the container is the same for any N.")
  int threads;

  @Option(names = "--skip-errors",
      description = "Leave unreadable files and directories out (each reported) instead of failing the pack.")
  boolean skipErrors;

  @Option(names = "--meta-from-mime", description = "Record each file's MIME type as metadata {\"mime\": ...}.")
  boolean metaFromMime;

  @Mixin WriterOptionsMixin layout;

  @Mixin KeyOptions keys;

  @Mixin ContainerEncryptOptions encryption;

  @Mixin RemoteOptionsMixin remote;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PackOptions options;
    WriterOptions writerOptions;
    try {
      options = PackOptions.builder().includeHidden(includeHidden).followLinks(followLinks)
          .includeExtensions(includeExt).excludeExtensions(excludeExt).excludeGlobs(exclude).threads(threads)
          .skipErrors(skipErrors)
          .metadata(metaFromMime ? (file, path) -> ReferenceJson.object().put("mime", MimeTypes.of(file)) : null)
          .build();
      writerOptions = layout.toWriterOptions();
      writerOptions = encryption.apply(writerOptions, keys, false);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Outputs.check(output, force);
    PrintStream err = terminal().err();
    PackResult r;
    long t0 = System.nanoTime();
    try (Progress p = terminal().progress("pack", -1, "files")) {
      if (p != Progress.NONE) {
        FileCount.start(dir, includeHidden, p);
      }
      PackListener listener = new PackListener() {
        long bytes;
        long files;

        @Override
        public void added(String path, long n) {
          bytes += n;
          p.step(1);
          if ((++files & 255) == 0) {
            p.extra("(" + humanBytes(bytes) + ")");
          }
        }

        @Override
        public void skipped(PackIssue issue) {
          err.println("des: skipped " + io.easystore.cli.PrintableText.escapeControls(String.valueOf(issue)));
        }

        @Override
        public void notice(String message) {
          err.println("des: " + io.easystore.cli.PrintableText.escapeControls(message));
        }
      };
      DesWriter w = ContainerOutput.create(output, writerOptions, remote);
      try {
        r = TreePacker.pack(dir, w, options, listener);
      } catch (Exception | Error e) {
        ContainerOutput.abort(w, e);
        throw e;
      }
      w.close();
    }
    double secs = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
    long size = ContainerOutput.size(output);
    terminal().out().printf("packed %d files, %d directories, %s into %s%s in %.1f s (%.0f files/s, %.1f MiB/s)%n",
        r.files(), r.directories(), humanBytes(r.bytes()), output, size < 0 ? "" : " (" + humanBytes(size) + ")", secs,
        r.files() / secs, r.bytes() / 1048576.0 / secs);
    List<String> left = new ArrayList<>();
    if (r.excluded() > 0) {
      left.add(r.excluded() + " excluded by filters" + (includeHidden ? "" : " or hidden"));
    }
    if (r.linksNotFollowed() > 0) {
      left.add(r.linksNotFollowed() + " symbolic links not followed");
    }
    if (r.brokenLinks() > 0) {
      left.add(r.brokenLinks() + " broken symbolic links");
    }
    if (r.loopsSkipped() > 0) {
      left.add(r.loopsSkipped() + " link loops");
    }
    if (r.otherSkipped() > 0) {
      left.add(r.otherSkipped() + " sockets, FIFOs or devices");
    }
    if (!r.errors().isEmpty()) {
      left.add(r.errors().size() + " unreadable (--skip-errors)");
    }
    if (!left.isEmpty()) {
      terminal().out().println("left out: " + String.join(", ", left));
    }
    return 0;
  }
}
