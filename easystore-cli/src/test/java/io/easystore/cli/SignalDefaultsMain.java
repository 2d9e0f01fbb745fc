package io.easystore.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Runs {@link Main} in a child JVM as a terminal would: a JVM started with SIGINT ignored (as by
 * a background build) never installs its Ctrl-C handler, so this puts back what the JVM does by
 * default, running the shutdown hooks and exiting with 130.
 *
 * <p>{@code sun.misc.Signal} is reached by reflection because javac's "internal proprietary API"
 * warning cannot be suppressed, and the build compiles with {@code -Werror}.
 */
public final class SignalDefaultsMain {
  private SignalDefaultsMain() {}

  public static void main(String[] args) throws ReflectiveOperationException {
    Class<?> signal = Class.forName("sun.misc.Signal");
    Class<?> handler = Class.forName("sun.misc.SignalHandler");
    Object interrupt = signal.getConstructor(String.class).newInstance("INT");
    Object exit = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, (proxy, m, a) -> {
      switch (m.getName()) {
        case "handle":
          System.exit(130);
          return null;
        case "equals":
          return proxy == a[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        default:
          return "exit 130";
      }
    });
    Method handle = signal.getMethod("handle", signal, handler);
    Object previous = handle.invoke(null, interrupt, exit);
    if (previous != handler.getField("SIG_IGN").get(null)) {
      handle.invoke(null, interrupt, previous);
    }
    Main.main(args);
  }
}
