package io.easystore.mutate;

import io.easystore.DesReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A second process for {@link ConcurrencyTest}. {@code reader CONTAINER}: opens a reader, prints
 * "open DIGEST", waits for a line on stdin, reads everything again and prints
 * "read DIGEST PROBLEMS". {@code writer CONTAINER}: tries to open an updater and prints "locked"
 * or "opened".
 */
public final class ProcessProbeMain {
  private ProcessProbeMain() {}

  public static void main(String[] args) throws Exception {
    Path c = Path.of(args[1]);
    if (args[0].equals("writer")) {
      try (DesUpdater u = DesUpdater.open(c)) {
        System.out.println("opened");
      } catch (ContainerLockedException e) {
        System.out.println("locked");
      }
      return;
    }
    try (DesReader r = DesReader.open(c)) {
      System.out.println("open " + Digests.of(r));
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
      String again = Digests.of(r);
      System.out.println("read " + again + " " + r.verify().problems().size());
    }
  }
}
