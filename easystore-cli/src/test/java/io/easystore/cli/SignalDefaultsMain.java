package io.easystore.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs {@link Main} in a child JVM as a terminal would: a JVM started with SIGINT ignored (as by
 * a background build) never installs its Ctrl-C handler, so this puts back what the JVM does by
 * default, running the shutdown hooks and exiting with 130.
 */
public final class SignalDefaultsMain {
  private SignalDefaultsMain() {}

  public static void main(String[] args) {
    Signal interrupt = new Signal("INT");
    SignalHandler previous = Signal.handle(interrupt, s -> System.exit(130));
    if (previous != SignalHandler.SIG_IGN) {
      Signal.handle(interrupt, previous);
    }
    Main.main(args);
  }
}
