package io.easystore.cli.records;

import io.easystore.codec.CodecId;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import io.easystore.crypto.Encryption;
import io.easystore.cli.keys.EncryptOptions;
import io.easystore.cli.keys.KeyOptions;
import io.easystore.records.Bookmark;
import io.easystore.records.RecordArchives;
import io.easystore.records.RecordWriter;
import io.easystore.records.WriterOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code des records append}: one record per stdin line, for pipes such as
 * {@code tail -f app.log | des records append app.rec}. Buffered records become a page within
 * {@code --flush-interval} even while no line arrives, and on SIGINT/SIGTERM a shutdown hook closes
 * the writer, so every line handed to it is in the archive, which stays valid and unlocked.
 */
@Command(name = "append", description = "Append the lines of stdin as records (creates the archive if needed).")
final class AppendCommand extends Subcommand {
  @Parameters(index = "0", paramLabel = "ARCHIVE")
  Path archive;

  @Option(names = "--codec", paramLabel = "CODEC", description = "Page compression of a new archive: zstd, deflate or none (default ${DEFAULT-VALUE}).")
  String codec = "zstd";

  @Option(names = "--level", paramLabel = "N", description = "Compression level (default: the codec's).")
  Integer level;

  @Option(names = "--page-size", paramLabel = "BYTES", description = "Page size threshold (default ${DEFAULT-VALUE}).")
  int pageSize = WriterOptions.DEFAULT_PAGE_SIZE;

  @Option(names = "--flush-interval", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Write buffered records as a page once the oldest is this old, even while no line arrives,"
          + " so readers see them (500ms, 1s, 2m...; default 1s).")
  Duration flushInterval = Duration.ofSeconds(1);

  @Option(names = "--description", paramLabel = "TEXT", description = "Description of a new archive.")
  String description = "";

  @Option(names = "--application", paramLabel = "APP", description = "Application id recorded in pages.")
  String application = "des";

  @Option(names = "--content-type", paramLabel = "TYPE", description = "What the records are: text, json, log... (default ${DEFAULT-VALUE}).")
  String contentType = "text";

  @Option(names = "--encrypt-with", paramLabel = "KEY_ID",
      description = "Same as --encrypt --key-id KEY_ID (kept for scripts written before --encrypt).")
  String encryptWith;

  @Mixin
  KeyOptions keys;

  @Mixin
  EncryptOptions encryption;

  @Override
  int run() throws Exception {
    CodecId c = CodecId.fromLabel(codec);
    KeyProvider provider = keys.provider();
    WriterOptions o = WriterOptions.defaults().withPageSize(pageSize).withMaxPageAge(flushInterval)
        .withApplication(application)
        .withDescription(description).withContentType(contentType).withKeys(provider);
    o = level == null ? o.withCodec(c) : o.withCodec(c, level);
    String keyId;
    if (encryptWith != null) {
      if (encryption.encrypt()) {
        throw new IllegalArgumentException("--encrypt-with KEY_ID is --encrypt --key-id KEY_ID: give one of them");
      }
      keyId = KeyProviders.checkKeyId(encryptWith);
      Encryption.of(keyId, provider).checkKey();
    } else {
      keyId = encryption.keyIdToEncryptWith(keys, provider);
    }
    if (keyId == null && !keys.given().isEmpty() && !Files.exists(archive)) {
      // A key without --encrypt would otherwise create a plaintext archive, which the user did not ask for.
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), String.join(", ", keys.given())
          + " gives a key, but without --encrypt the new archive is written unencrypted; add --encrypt (or leave"
          + " the key options out)");
    }
    if (keyId != null) {
      if (Files.exists(archive)) {
        throw new IllegalArgumentException("--encrypt applies to new archives; " + archive
            + " keeps its own key (use 'des records rekey' to change it)");
      }
      o = o.withEncryption(keyId, provider);
    }
    AtomicLong n = new AtomicLong();
    AtomicBoolean stopping = new AtomicBoolean();
    Bookmark last = null;
    RecordWriter w = RecordArchives.createOrAppend(archive, o);
    Thread hook = new Thread(() -> closeOnShutdown(w, n, stopping), "des-records-append-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (w; BufferedReader in = new BufferedReader(new InputStreamReader(parent.stdin(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        try {
          last = w.append(line);
        } catch (IOException e) {
          if (stopping.get()) {
            // The hook closed the writer: this line was never handed to it; the hook reports.
            return FAILED;
          }
          throw e;
        }
        n.incrementAndGet();
      }
    } finally {
      removeHook(hook);
    }
    out().println("appended " + n + " records to " + archive + (last == null ? "" : " (last at " + last + ")"));
    return OK;
  }

  /**
   * On SIGINT/SIGTERM (or any JVM exit while appending): writes the buffered page, syncs, releases
   * the lock. The main thread may be mid-append; the writer's lock orders the two.
   */
  private void closeOnShutdown(RecordWriter w, AtomicLong n, AtomicBoolean stopping) {
    stopping.set(true);
    try {
      w.close();
      err().println("des records append: stopped; " + n.get() + " records appended to " + archive);
    } catch (IOException | RuntimeException e) {
      err().println("des records append: stopped, but closing " + archive + " failed: " + oneLine(e.getMessage()));
    }
    err().flush();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook is running (or has run) and closes the writer.
    }
  }
}
