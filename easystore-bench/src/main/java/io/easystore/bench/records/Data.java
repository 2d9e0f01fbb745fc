package io.easystore.bench.records;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Log-like JSON records of an exact byte size, deterministic per seed. */
final class Data {
  /** Records per benchmark invocation; scores are per record (see @OperationsPerInvocation). */
  static final int RECORDS = 20_000;

  private static final String[] WORDS = {"request", "served", "user", "cache", "miss", "hit", "db", "query",
      "slow", "retry", "timeout", "ok", "order", "payment", "accepted", "declined", "session", "token", "refresh",
      "upstream", "latency", "bytes", "sent", "received", "queue", "depth", "worker", "started", "stopped"};
  private static final String[] LEVELS = {"DEBUG", "INFO", "INFO", "INFO", "WARN", "ERROR"};
  private static final String[] SOURCES = {"svc.api", "svc.db", "svc.auth", "svc.billing", "svc.cache"};

  private Data() {}

  static byte[][] records(int size, int count, long seed) {
    Random r = new Random(seed);
    byte[][] out = new byte[count][];
    long ts = 1_714_564_800_000L;
    for (int i = 0; i < count; i++) {
      ts += r.nextInt(50);
      StringBuilder sb = new StringBuilder(size + 64);
      sb.append("{\"id\":").append(i).append(",\"ts\":").append(ts).append(",\"level\":\"")
          .append(LEVELS[r.nextInt(LEVELS.length)]).append("\",\"source\":\"")
          .append(SOURCES[r.nextInt(SOURCES.length)]).append("\",\"corr\":\"")
          .append(Long.toHexString(r.nextLong())).append("\",\"msg\":\"");
      while (sb.length() < size - 2) {
        sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
        if (r.nextInt(8) == 0) {
          sb.append(r.nextInt(100_000)).append(' ');
        }
      }
      sb.setLength(Math.max(0, size - 2));
      sb.append("\"}");
      out[i] = sb.toString().getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }
}
