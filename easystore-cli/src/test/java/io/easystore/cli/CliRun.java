package io.easystore.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code des} in-process and captures what it printed. */
record CliRun(int exit, byte[] stdout, String stderr) {
  static CliRun of(String... args) {
    return withEnv(System.getenv(), args);
  }

  /** Runs with the key options reading {@code env} instead of the process environment. */
  static CliRun withEnv(java.util.Map<String, String> env, String... args) {
    return withInput(env, new byte[0], args);
  }

  /** Runs with {@code stdin} as standard input. */
  static CliRun withInput(java.util.Map<String, String> env, byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new ByteArrayInputStream(stdin),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
    return new CliRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  String out() {
    return new String(stdout, StandardCharsets.UTF_8);
  }
}
