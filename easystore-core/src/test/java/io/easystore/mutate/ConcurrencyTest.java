package io.easystore.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer, many readers: every reader sees one consistent committed state from open on, while
 * the writer commits, reuses space and compacts; a reader in another process keeps its snapshot;
 * a writer in another process is refused with the lock error.
 */
class ConcurrencyTest {
  static final int FILES = 16;
  static final UpdateOptions RAW = UpdateOptions.defaults().withWriterOptions(WriterOptions.defaults()
      .withCodec(CodecId.NONE));

  @TempDir
  Path dir;

  /** Version {@code v} of file {@code i}: its first line names both, then filler of varying length. */
  static byte[] body(int v, int i) {
    Random r = new Random(v * 1000L + i);
    String head = "v" + v + ":" + i + "\n";
    byte[] b = new byte[head.length() + 200 + r.nextInt(3000)];
    r.nextBytes(b);
    System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, b, 0, head.length());
    return b;
  }

  static int versionOf(byte[] b, int i) {
    String s = new String(b, 0, Math.min(b.length, 20), StandardCharsets.ISO_8859_1);
    int colon = s.indexOf(':');
    assertThat(s.substring(colon + 1, s.indexOf('\n'))).isEqualTo(Integer.toString(i));
    return Integer.parseInt(s.substring(1, colon));
  }

  Path container() throws IOException {
    Path c = dir.resolve("c.des");
    try (DesWriter w = DesWriter.create(c, WriterOptions.defaults().withCodec(CodecId.NONE))) {
      for (int i = 0; i < FILES; i++) {
        w.addFile("f/" + i, body(0, i));
      }
    }
    return c;
  }

  /** Reads every file; all must carry one version, checked against its body. */
  static int readConsistent(DesReader r) throws IOException {
    int version = -1;
    for (int i = 0; i < FILES; i++) {
      byte[] b = r.getFile("f/" + i);
      int v = versionOf(b, i);
      assertThat(b).isEqualTo(body(v, i));
      if (version < 0) {
        version = v;
      }
      assertThat(v).as("file " + i + " belongs to the same commit").isEqualTo(version);
    }
    return version;
  }

  @Test
  void readerThreadsSeeOneConsistentStateWhileTheWriterCommitsAndCompacts() throws Exception {
    Path c = container();
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger opens = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        try {
          while (!done.get()) {
            try (DesReader r = DesReader.open(c)) {
              opens.incrementAndGet();
              int v = readConsistent(r);
              if (id == 0) {
                Thread.sleep(5);
                assertThat(readConsistent(r)).as("a reader keeps its snapshot").isEqualTo(v);
              }
            }
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      });
      th.start();
      readers.add(th);
    }
    try (DesUpdater u = DesUpdater.open(c, RAW)) {
      for (int v = 1; v <= 120; v++) {
        for (int i = 0; i < FILES; i++) {
          u.put("f/" + i, body(v, i), null, null);
        }
        if (v % 40 == 0) {
          u.compact();
        } else {
          u.commit();
        }
      }
    } finally {
      done.set(true);
      for (Thread th : readers) {
        th.join(60_000);
      }
    }
    assertThat(errors).isEmpty();
    assertThat(opens.get()).isGreaterThan(3);
    try (DesReader r = DesReader.open(c)) {
      assertThat(readConsistent(r)).isEqualTo(120);
    }
  }

  @Test
  void aReaderOpenedBeforeCompactionKeepsReadingTheOldFile() throws IOException {
    Path c = container();
    try (DesUpdater u = DesUpdater.open(c, RAW)) {
      for (int i = 0; i < FILES; i++) {
        u.put("f/" + i, body(1, i), null, null);
      }
      u.commit();
      try (DesReader before = DesReader.open(c)) {
        u.delete("f/0");
        u.compact();
        assertThat(readConsistent(before)).isEqualTo(1);
        try (DesReader after = DesReader.open(c)) {
          assertThat(after.exists("f/0")).isFalse();
          assertThat(after.getFile("f/1")).isEqualTo(body(1, 1));
        }
      }
    }
  }

  static Process probe(String mode, Path c) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), ProcessProbeMain.class.getName(), mode, c.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  @Test
  void aReaderInAnotherProcessKeepsItsSnapshotWhileTheWriterReusesSpace() throws Exception {
    Path c = container();
    try (DesUpdater u = DesUpdater.open(c, RAW)) {
      for (int i = 0; i < FILES; i++) {
        u.delete("f/" + i);
        u.put("g/" + i, body(1, i), null, null);
      }
      u.commit();
      for (int i = 0; i < FILES; i++) {
        u.delete("g/" + i);
        u.put("f/" + i, body(2, i), null, null);
      }
      u.commit();
      Process p = probe("reader", c);
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
          OutputStream in = p.getOutputStream()) {
        String open = out.readLine();
        assertThat(open).startsWith("open ");
        long before = Files.size(c);
        for (int v = 3; v < 13; v++) {
          for (int i = 0; i < FILES; i++) {
            u.put("f/" + i, body(v, i), null, null);
          }
          u.commit();
        }
        assertThat(Files.size(c)).as("space of the child's snapshot was not reused")
            .isGreaterThan(before + 8 * FILES * 200);
        in.write('\n');
        in.flush();
        String read = out.readLine();
        assertThat(read).isEqualTo("read " + open.substring(5) + " 0");
      }
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      long settled = Files.size(c);
      for (int v = 13; v < 16; v++) {
        for (int i = 0; i < FILES; i++) {
          u.put("f/" + i, body(v, i), null, null);
        }
        u.commit();
      }
      assertThat(Files.size(c)).as("once the reader is gone, space is reused").isLessThan(settled + 4 * 4096);
    }
    try (DesReader r = DesReader.open(c)) {
      assertThat(readConsistent(r)).isEqualTo(15);
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  @Test
  void aSecondWriterInAnotherProcessGetsTheLockError() throws Exception {
    Path c = container();
    try (DesUpdater u = DesUpdater.open(c)) {
      Process p = probe("writer", c);
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        assertThat(out.readLine()).isEqualTo("locked");
      }
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    Process p = probe("writer", c);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("opened");
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
  }
}
