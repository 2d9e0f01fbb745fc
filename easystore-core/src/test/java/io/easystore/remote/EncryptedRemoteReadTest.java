package io.easystore.remote;

import io.easystore.testing.JettyFileServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.crypto.Encryption;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import io.easystore.crypto.KeyUnavailableException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Encrypted containers read over HTTP from a real Range-capable server (Jetty) keep the plaintext
 * request budget: one request to open (footer, key block and root arrive together), at most one per
 * index level plus the body for a cold lookup, one for a warm lookup, one for a batch of neighbours.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EncryptedRemoteReadTest {
  static final KeyProvider KEYS = KeyProviders.of("remote-key", new byte[32]);
  static final RemoteOptions OPTIONS = RemoteOptions.defaults()
      .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)).withRetry(RetryPolicy.none());

  @TempDir static Path root;
  @TempDir Path tmp;
  static JettyFileServer jetty;

  @BeforeAll
  static void start() throws Exception {
    jetty = new JettyFileServer(root);
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.close();
  }

  static byte[] body(int i) {
    byte[] b = new byte[100];
    new Random(i).nextBytes(b);
    return b;
  }

  static byte[] build(Path dir, int n, boolean protectIndex) throws Exception {
    Path out = dir.resolve("enc-" + n + "-" + protectIndex + ".des");
    Encryption enc = Encryption.of("remote-key", KEYS);
    try (DesWriter w = DesWriter.create(out, WriterOptions.defaults().withCodec(CodecId.NONE)
        .withEncryption(protectIndex ? enc : enc.withNamesVisible()))) {
      for (int i = 0; i < n; i++) {
        w.addFile(String.format("dir/f%07d", i), body(i));
      }
    }
    return Files.readAllBytes(out);
  }

  @ParameterizedTest(name = "{0} entries, names protected: {1}")
  @CsvSource({"10, true, 1", "100000, true, 2", "100000, false, 2"})
  void encryptedReadsKeepTheRequestBudget(int n, boolean protectIndex, int height) throws Exception {
    URI uri = jetty.publish(build(tmp, n, protectIndex));
    try (RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
        DesReader r = DesReader.open(s, ReaderOptions.defaults().withKeys(KEYS))) {
      assertThat(s.stats().requests()).as("open").isEqualTo(1);
      assertThat(r.stats().indexLevels()).isEqualTo(height);
      String name = String.format("dir/f%07d", n / 2);
      assertThat(r.getFile(name)).isEqualTo(body(n / 2));
      long cold = s.stats().requests() - 1;
      // A container smaller than the tail is served whole from the open request.
      assertThat(cold).as("cold lookup").isEqualTo(n <= 10 ? 0 : height);
      assertThat(r.getFile(name)).isEqualTo(body(n / 2));
      assertThat(s.stats().requests() - 1 - cold).as("warm lookup").isEqualTo(n <= 10 ? 0 : 1);
      List<String> run = new ArrayList<>();
      for (int i = n / 2; i < Math.min(n, n / 2 + 5); i++) {
        run.add(String.format("dir/f%07d", i));
      }
      long before = s.stats().requests();
      assertThat(r.getFiles(run)).hasSize(run.size());
      assertThat(s.stats().requests() - before).as("batch of neighbours in one cached leaf")
          .isEqualTo(n <= 10 ? 0 : 1);
    }
    if (protectIndex) {
      try (DesReader r = DesReader.open(uri, ReaderOptions.defaults(), OPTIONS)) {
        throw new AssertionError("opened without a key: " + r.name());
      } catch (KeyUnavailableException e) {
        assertThat(e.getMessage()).contains(uri.toString()).contains("remote-key");
      }
    } else {
      // Visible names: the index is plaintext, so it lists without the key; bodies still need it.
      try (DesReader r = DesReader.open(uri, ReaderOptions.defaults(), OPTIONS)) {
        assertThat(r.listFiles()).hasSize(n);
        assertThatThrownBy(() -> r.getFile(String.format("dir/f%07d", 0)))
            .isInstanceOfSatisfying(KeyUnavailableException.class,
                e -> assertThat(e.getMessage()).contains("remote-key"));
      }
    }
    assertThatThrownBy(() -> DesReader.open(uri, ReaderOptions.defaults()
        .withKeys(KeyProviders.of("remote-key", new byte[] {
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1})), OPTIONS))
        .isInstanceOfSatisfying(KeyUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(KeyUnavailableException.Reason.WRONG));
  }
}
