package io.easystore.cli.records;

import io.easystore.cli.Main;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * {@code des records ...} in a child JVM, run by {@link Main}, for
 * {@link AppendSignalTest}. Stdin is wrapped so that each time the command asks for more input it
 * prints {@code stdin-read-at N} (N = bytes consumed so far) on stderr: when N is everything the
 * test wrote, every line has been handed to the writer, since the reader only asks for more
 * input once the lines it has are used up.
 */
public final class AppendChildMain {
  private AppendChildMain() {}

  public static void main(String[] args) {
    PrintStream err = System.err;
    InputStream in = new FilterInputStream(System.in) {
      private long consumed;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        err.println("stdin-read-at " + consumed);
        err.flush();
        int n = super.read(b, off, len);
        if (n > 0) {
          consumed += n;
        }
        return n;
      }

      @Override
      public int available() {
        // Never claim more is ready: the decoder then hands over what it has before reading again.
        return 0;
      }
    };
    String[] argv = new String[args.length + 1];
    argv[0] = "records";
    System.arraycopy(args, 0, argv, 1, args.length);
    System.exit(Main.run(argv, in, System.out, err));
  }
}
