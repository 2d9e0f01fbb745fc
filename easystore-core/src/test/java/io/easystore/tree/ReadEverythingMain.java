package io.easystore.tree;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * The second process of {@link ConcurrentTreeReadTest}: opens a tree, says "open", waits for
 * "go" on stdin, reads every file {@code rounds} times and prints the digest of one round.
 */
public final class ReadEverythingMain {
  private ReadEverythingMain() {}

  public static void main(String[] args) throws Exception {
    try (FileTree tree = FileTrees.open(Path.of(args[0]))) {
      System.out.println("open");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      String digest = null;
      for (int i = 0; i < Integer.parseInt(args[1]); i++) {
        String d = digest(tree);
        if (digest != null && !digest.equals(d)) {
          throw new IllegalStateException("round " + i + " read different bytes");
        }
        digest = d;
      }
      System.out.println(digest);
    }
  }

  /** SHA-256 over every path and body, in walk order. */
  static String digest(FileTree tree) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<WalkEntry> s = tree.walk("")) {
      s.forEach(e -> e.files().forEach(f -> {
        try {
          md.update(e.resolve(f).getBytes(StandardCharsets.UTF_8));
          md.update(tree.readAllBytes(e.resolve(f)));
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      }));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
