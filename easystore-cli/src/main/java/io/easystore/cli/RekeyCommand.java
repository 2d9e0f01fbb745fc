package io.easystore.cli;

import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.crypto.Encryption;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.cli.keys.KeyOptions;
import io.easystore.cli.keys.NewKeyOptions;
import io.easystore.mutate.Rewriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rekey", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Rewrite a local container with a new key (key rotation), or encrypt or --decrypt it: every"
        + " directory and file, with metadata and attributes, is copied into a new container written beside the"
        + " target and renamed into place when complete.",
        "The old key comes from --key-env/--key-file/--key-dir/--keystore or EASYSTORE_KEY_<ID>; the new one from"
        + " the --new-key options. The output uses --codec (default zstd), not the old container's codec."
        + " Without --to the container is replaced in place (it must not be open for update)."})
final class RekeyCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER", description = "The local container to rewrite.")
  Path container;

  @Option(names = "--to", paramLabel = "OUT", description = "Write the result here instead of replacing CONTAINER.")
  Path to;

  @Option(names = "--force", description = "With --to: replace OUT if it exists.")
  boolean force;

  @Mixin KeyOptions keys;

  @Mixin NewKeyOptions newKey;

  @Option(names = "--visible-names",
      description = "Encrypt bodies only; names, metadata and the index stay readable without the key.")
  boolean visibleNames;

  @Mixin WriterOptionsMixin layout;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    WriterOptions options;
    NewKeyOptions.NewKey key;
    try {
      options = layout.toWriterOptions();
      key = newKey.newKey();
      if (key == null && visibleNames) {
        throw new IllegalArgumentException("--visible-names applies to an encrypted output, not --decrypt");
      }
      if (key != null) {
        if (options.formatVersion() != 2) {
          throw new IllegalArgumentException("an encrypted container needs --format v2");
        }
        Encryption e = Encryption.of(key.keyId(), key.keys());
        options = options.withEncryption(visibleNames ? e.withNamesVisible() : e);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Path target = to != null ? to : container;
    if (to != null) {
      Outputs.check(to, force);
    }
    Rewriter.Result r;
    try (Progress p = terminal().progress("rekey", -1, "files")) {
      r = Rewriter.rewrite(container, ReaderOptions.defaults().withKeys(keys.provider()), target, options, p::total,
          w -> new ProgressWriter(w, p));
    } catch (KeyUnavailableException e) {
      throw KeyOptions.oldKey(e, container.toString());
    }
    terminal().out().printf("rewrote %s%s: %d files, %d directories, %s (%s); %s%n", container,
        to != null ? " to " + to : "", r.files(), r.directories(), humanBytes(r.bytes()), humanBytes(Files.size(target)),
        key == null ? "not encrypted" : "encrypted with key '" + key.keyId() + "'");
    return 0;
  }
}
