package io.easystore.cli.els;

import io.easystore.els.DesBridge;
import io.easystore.els.ElsBucket;
import io.easystore.els.ElsEntry;
import io.easystore.els.ElsOptions;
import io.easystore.els.ElsStore;
import io.easystore.els.JsonMapping;
import io.easystore.els.JsonPointers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code des els ...}: the ELS key-value store kept in file names. Errors are one line on stderr
 * with the exit codes of {@link io.easystore.cli.Failures}; usage errors exit 2. Binary output ({@code get}, {@code export} without
 * {@code -o}) goes to the byte stream given to the constructor, standard output by default.
 *
 * <p>KEY arguments are paths of names separated by '/', with '~1' for a '/' inside a name and
 * '~0' for '~' (JSON Pointer escaping); a leading '/' is optional. The last name is the value's
 * key, the names before it are buckets.
 *
 * <p>One instance runs one command at a time; the byte streams belong to the caller.
 */
@Command(name = "els", mixinStandardHelpOptions = true,
    description = "A key-value store kept in file names (ELS): JSON import/export, values, DES bridge.",
    subcommands = {ElsCommand.Import.class, ElsCommand.Export.class, ElsCommand.Put.class,
        ElsCommand.Get.class, ElsCommand.Ls.class, ElsCommand.Rm.class, ElsCommand.ToDes.class,
        ElsCommand.FromDes.class})
public final class ElsCommand implements Callable<Integer> {
  private final InputStream stdin;
  private final OutputStream stdout;
  @Spec CommandSpec spec;

  public ElsCommand() {
    this(System.in, System.out);
  }

  /** For embedding and tests: where {@code put} reads and {@code get}/{@code export} write bytes. */
  public ElsCommand(InputStream stdin, OutputStream stdout) {
    this.stdin = stdin;
    this.stdout = stdout;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** Options that shape a store when it is created, and the limits every command enforces. */
  static final class StoreOptions {
    @Option(names = "--case-insensitive",
        description = "When creating a store: base32 names, for file systems or tools that fold case.")
    boolean caseInsensitive;

    @Option(names = "--max-name-bytes", defaultValue = "255", paramLabel = "N",
        description = "Longest file name to create (default: ${DEFAULT-VALUE}).")
    int maxNameBytes;

    @Option(names = "--max-depth", defaultValue = "64", paramLabel = "N",
        description = "Most nested buckets (default: ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--max-key-bytes", defaultValue = "4096", paramLabel = "N",
        description = "Longest key in UTF-8 bytes (default: ${DEFAULT-VALUE}).")
    int maxKeyBytes;

    @Option(names = "--max-value-bytes", defaultValue = "268435456", paramLabel = "N",
        description = "Largest value (default: ${DEFAULT-VALUE}).")
    long maxValueBytes;

    @Option(names = "--no-sync", description = "Do not force directories to disk (faster, not crash-safe).")
    boolean noSync;

    ElsStore open(Path store, boolean create) throws IOException {
      ElsOptions o = new ElsOptions(ElsOptions.defaults().encoding(), maxNameBytes, maxDepth,
          maxKeyBytes, maxValueBytes, !noSync, create).withCaseInsensitive(caseInsensitive);
      return ElsStore.open(store, o);
    }
  }

  /** What every {@code des els} subcommand shares. */
  abstract static class Sub implements Callable<Integer> {
    @ParentCommand ElsCommand parent;
    @Spec CommandSpec spec;

    /**
     * Runs the command; failures go on to des's one execution exception handler, which maps them
     * as every command does ({@link io.easystore.cli.Failures}).
     */
    @Override
    public final Integer call() throws IOException {
      return run();
    }

    abstract int run() throws IOException;

    int fail(String message) {
      return io.easystore.cli.Failures.fail(message, spec.qualifiedName(), spec.commandLine().getErr());
    }
  }

  static List<String> keyPath(String key) {
    List<String> p = JsonPointers.parse(key);
    if (p.isEmpty()) {
      throw new IllegalArgumentException("KEY must name a value, e.g. bucket/key");
    }
    return p;
  }

  @Command(name = "import", description = "Replace the store's content with a JSON document.")
  static final class Import extends Sub {
    @Parameters(index = "0", paramLabel = "STORE") Path store;
    @Parameters(index = "1", paramLabel = "DOC.json") Path doc;
    @picocli.CommandLine.Mixin StoreOptions opts;

    @Override
    int run() throws IOException {
      JsonMapping.importJson(opts.open(store, true), doc);
      return 0;
    }
  }

  @Command(name = "export", description = "Write the store as one JSON document.")
  static final class Export extends Sub {
    @Parameters(index = "0", paramLabel = "STORE") Path store;
    @Option(names = {"-o", "--output"}, paramLabel = "OUT.json", description = "Output file (default: stdout).")
    Path out;
    @Option(names = "--pretty", description = "Indent the output.") boolean pretty;
    @picocli.CommandLine.Mixin StoreOptions opts;

    @Override
    int run() throws IOException {
      ElsStore s = opts.open(store, false);
      if (out != null) {
        JsonMapping.exportJson(s, out, pretty);
      } else {
        JsonMapping.exportJson(s, parent.stdout, pretty);
        parent.stdout.write('\n');
        parent.stdout.flush();
      }
      return 0;
    }
  }

  @Command(name = "put", description = "Store a value (from --file or stdin) under KEY, replacing it atomically.")
  static final class Put extends Sub {
    @Parameters(index = "0", paramLabel = "STORE") Path store;
    @Parameters(index = "1", paramLabel = "KEY") String key;
    @Option(names = {"-f", "--file"}, paramLabel = "F", description = "Read the value from F (default: stdin).")
    Path file;
    @Option(names = {"-a", "--append"}, description = "Append to the value instead of replacing it.")
    boolean append;
    @picocli.CommandLine.Mixin StoreOptions opts;

    @Override
    int run() throws IOException {
      List<String> p = keyPath(key);
      ElsStore s = opts.open(store, true);
      byte[] value = read(s.options().maxValueBytes());
      ElsBucket b = s.bucket(p.subList(0, p.size() - 1));
      if (append) {
        b.append(p.get(p.size() - 1), value);
      } else {
        b.put(p.get(p.size() - 1), value);
      }
      return 0;
    }

    private byte[] read(long limit) throws IOException {
      if (file != null) {
        long size = Files.size(file);
        if (size > limit) {
          throw new IOException(file + ": " + size + " bytes, above --max-value-bytes " + limit);
        }
        return Files.readAllBytes(file);
      }
      byte[] b = parent.stdin.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
      if (b.length > limit) {
        throw new IOException("stdin: more than --max-value-bytes " + limit + " bytes");
      }
      return b;
    }
  }

  @Command(name = "get", description = "Write the value under KEY.")
  static final class Get extends Sub {
    @Parameters(index = "0", paramLabel = "STORE") Path store;
    @Parameters(index = "1", paramLabel = "KEY") String key;
    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Output file (default: stdout).")
    Path out;
    @picocli.CommandLine.Mixin StoreOptions opts;

    @Override
    int run() throws IOException {
      List<String> p = keyPath(key);
      ElsStore s = opts.open(store, false);
      Optional<byte[]> v = s.bucket(p.subList(0, p.size() - 1)).get(p.get(p.size() - 1));
      if (v.isEmpty()) {
        return fail(s.bucket(p).exists() ? key + " is a bucket (list it with ls)" : "no value at " + key);
      }
      if (out != null) {
        Files.write(out, v.get());
      } else {
        parent.stdout.write(v.get());
        parent.stdout.flush();
      }
      return 0;
    }
  }

  @Command(name = "ls", description = "List a bucket: values, then buckets marked with a trailing '/', in order.")
  static final class Ls extends Sub {
    @Parameters(index = "0", paramLabel = "STORE") Path store;
    @Parameters(index = "1", paramLabel = "BUCKET", arity = "0..1", description = "Bucket path (default: the root).")
    String bucket = "";
    @Option(names = "-l", description = "Also print each entry's kind.") boolean longFormat;
    @picocli.CommandLine.Mixin StoreOptions opts;

    @Override
    int run() throws IOException {
      ElsStore s = opts.open(store, false);
      ElsBucket b = s.bucket(JsonPointers.parse(bucket));
      if (!b.exists()) {
        return fail("no bucket " + bucket);
      }
      StringBuilder sb = new StringBuilder();
      for (ElsEntry e : b.entries()) {
        if (longFormat) {
          sb.append(e.kind().name().toLowerCase(java.util.Locale.ROOT)).append('\t');
        }
        sb.append(printable(JsonPointers.escape(e.name()))).append(e.isBucket() ? "/" : "").append('\n');
      }
      parent.stdout.write(sb.toString().getBytes(StandardCharsets.UTF_8));
      parent.stdout.flush();
      return 0;
    }

    /** One entry per line: control characters are shown as \\uXXXX. */
    private static String printable(String s) {
      StringBuilder sb = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isISOControl(c)) {
          sb.append(String.format("\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
      return sb.toString();
    }
  }

  @Command(name = "rm", description = "Delete the value under KEY (with -r: the bucket KEY and all below it).")
  static final class Rm extends Sub {
    @Parameters(index = "0", paramLabel = "STORE") Path store;
    @Parameters(index = "1", paramLabel = "KEY") String key;
    @Option(names = {"-r", "--recursive"}, description = "Delete a bucket with its content.") boolean recursive;
    @picocli.CommandLine.Mixin StoreOptions opts;

    @Override
    int run() throws IOException {
      List<String> p = keyPath(key);
      ElsStore s = opts.open(store, false);
      if (recursive) {
        return s.deleteBucket(p) ? 0 : fail("no bucket " + key);
      }
      if (s.bucket(p.subList(0, p.size() - 1)).delete(p.get(p.size() - 1))) {
        return 0;
      }
      return fail(s.bucket(p).exists() ? key + " is a bucket; use -r" : "no value at " + key);
    }
  }

  @Command(name = "to-des", description = "Copy the whole store into one DES container.")
  static final class ToDes extends Sub {
    @Parameters(index = "0", paramLabel = "STORE") Path store;
    @Parameters(index = "1", paramLabel = "OUT.des") Path out;
    @picocli.CommandLine.Mixin StoreOptions opts;

    @Override
    int run() throws IOException {
      DesBridge.toDes(opts.open(store, false), out);
      return 0;
    }
  }

  @Command(name = "from-des", description = "Replace the store's content with a DES container made by to-des.")
  static final class FromDes extends Sub {
    @Parameters(index = "0", paramLabel = "IN.des") Path in;
    @Parameters(index = "1", paramLabel = "STORE") Path store;
    @picocli.CommandLine.Mixin StoreOptions opts;

    @Override
    int run() throws IOException {
      DesBridge.fromDes(in, opts.open(store, true));
      return 0;
    }
  }
}
