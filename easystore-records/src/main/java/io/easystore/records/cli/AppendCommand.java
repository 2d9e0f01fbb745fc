package io.easystore.records.cli;

import io.easystore.codec.CodecId;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import io.easystore.crypto.PageSealer;
import io.easystore.crypto.cli.EncryptOptions;
import io.easystore.crypto.cli.KeyOptions;
import io.easystore.records.Bookmark;
import io.easystore.records.RecordArchives;
import io.easystore.records.RecordWriter;
import io.easystore.records.WriterOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
    WriterOptions o = WriterOptions.defaults().withPageSize(pageSize).withApplication(application)
        .withDescription(description).withContentType(contentType).withKeys(provider);
    o = level == null ? o.withCodec(c) : o.withCodec(c, level);
    String keyId;
    if (encryptWith != null) {
      if (encryption.encrypt()) {
        throw new IllegalArgumentException("--encrypt-with KEY_ID is --encrypt --key-id KEY_ID: give one of them");
      }
      keyId = KeyProviders.checkKeyId(encryptWith);
      PageSealer.create(keyId, provider);
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
    long n = 0;
    Bookmark last = null;
    try (RecordWriter w = RecordArchives.createOrAppend(archive, o);
        BufferedReader in = new BufferedReader(new InputStreamReader(parent.stdin(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        last = w.append(line);
        n++;
      }
    }
    out().println("appended " + n + " records to " + archive + (last == null ? "" : " (last at " + last + ")"));
    return OK;
  }
}
