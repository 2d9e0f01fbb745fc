package io.easystore.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.internal.json.ReferenceJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container encrypted with visible names seals only its bodies, so its index, names and
 * metadata are read without the key (as the format and the CLI help promise); every way of
 * reading a body reports the missing key.
 */
class VisibleNamesWithoutKeyTest {
  static final KeyProvider KEYS = KeyProviders.of("k1", new byte[32]);

  @TempDir Path tmp;

  Path write(boolean namesVisible) throws Exception {
    Path out = tmp.resolve(namesVisible ? "v.des" : "e.des");
    Encryption e = Encryption.of("k1", KEYS);
    try (DesWriter w = DesWriter.create(out, WriterOptions.defaults().withEncryption(namesVisible ? e.withNamesVisible() : e))) {
      ObjectNode meta = ReferenceJson.object().put("mime", "text/plain");
      w.addFile("docs/a.txt", "secret body".getBytes(StandardCharsets.UTF_8), meta);
    }
    return out;
  }

  @Test
  void visibleNamesContainerListsAndReadsMetadataWithoutTheKeyButRefusesBodies() throws Exception {
    Path c = write(true);
    for (ReaderOptions o : new ReaderOptions[] {ReaderOptions.defaults(),
        ReaderOptions.defaults().withKeys(KeyProviders.environment(Map.of()))}) {
      try (DesReader r = DesReader.open(c, o)) {
        assertThat(r.listFiles()).containsExactly("docs/a.txt");
        assertThat(r.getMeta("docs/a.txt").get("mime").asText()).isEqualTo("text/plain");
        assertThat(r.encryption()).hasValueSatisfying(i -> {
          assertThat(i.keyId()).isEqualTo("k1");
          assertThat(i.namesProtected()).isFalse();
        });
        assertThatThrownBy(() -> r.getFile("docs/a.txt")).isInstanceOf(MissingKeyException.class)
            .hasMessageContaining("k1");
        assertThatThrownBy(() -> r.openStream("docs/a.txt")).isInstanceOf(MissingKeyException.class);
        assertThatThrownBy(() -> {
          try (SeekableByteChannel ch = r.newChannel("docs/a.txt")) {
            ch.size();
          }
        }).isInstanceOf(MissingKeyException.class);
        assertThatThrownBy(r::verify).isInstanceOf(MissingKeyException.class);
      }
    }
    try (DesReader r = DesReader.open(c, ReaderOptions.defaults().withKeys(KEYS))) {
      assertThat(new String(r.getFile("docs/a.txt"), StandardCharsets.UTF_8)).isEqualTo("secret body");
    }
  }

  @Test
  void protectedNamesAndWrongKeysStillFailAtOpen() throws Exception {
    assertThatThrownBy(() -> DesReader.open(write(false), ReaderOptions.defaults()))
        .isInstanceOf(MissingKeyException.class);
    Path v = write(true);
    KeyProvider wrong = KeyProviders.of("k1", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
        18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    assertThatThrownBy(() -> DesReader.open(v, ReaderOptions.defaults().withKeys(wrong)))
        .isInstanceOf(WrongKeyException.class);
  }

  @Test
  void aChainOfProvidersSaysNoKeyOnce() {
    KeyProvider chain = KeyProviders.chain(KeyProviders.environmentVariable("default", "UNSET_VAR", Map.of()),
        KeyProviders.environment(Map.of()));
    assertThatThrownBy(() -> chain.key("default")).isInstanceOf(MissingKeyException.class)
        .hasMessage("no key 'default': environment variable UNSET_VAR is not set; environment variable"
            + " EASYSTORE_KEY_DEFAULT is not set");
  }
}
