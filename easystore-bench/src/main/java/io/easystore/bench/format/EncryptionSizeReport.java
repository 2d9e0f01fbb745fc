package io.easystore.bench.format;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the byte size of every container {@link EncryptionReadBenchmark} reads (building missing
 * ones), so the tables in BENCHMARKS.md can convert scores into MB/s and show the space encryption
 * costs. Arguments: contents to report (default {@code json}).
 */
public final class EncryptionSizeReport {
  private EncryptionSizeReport() {}

  public static void main(String[] args) throws Exception {
    String[] contents = args.length == 0 ? new String[] {"json"} : args;
    System.out.println("| workload | content | codec | mode | files | raw bytes | container bytes | vs plain |");
    System.out.println("|---|---|---|---|---:|---:|---:|---:|");
    for (String content : contents) {
      for (String workload : new String[] {"small", "large"}) {
        for (String codec : new String[] {"none", "zstd"}) {
          long plain = 0;
          for (String mode : new String[] {"plain", "enc", "enc-names-visible"}) {
            Path p = CryptoData.container(workload, codec, mode, content);
            long size = Files.size(p);
            if (mode.equals("plain")) {
              plain = size;
            }
            System.out.printf("| %s | %s | %s | %s | %d | %d | %d | %.4f |%n", workload, content, codec, mode,
                CryptoData.files(workload), CryptoData.totalBytes(workload), size, (double) size / plain);
          }
        }
      }
    }
  }
}
