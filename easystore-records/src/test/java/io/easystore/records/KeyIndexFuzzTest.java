package io.easystore.records;

import static io.easystore.testing.FuzzChecks.attempt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.easystore.io.RangeSources;
import io.easystore.testing.FuzzChecks;
import java.io.IOException;
import java.util.List;

/**
 * {@code .rix} key-index files (seeds: a string index built from an archive, a long index): opening
 * and looking keys up gives bookmarks or a typed, named error; lookups are bounded by the index.
 */
class KeyIndexFuzzTest {
  static final String NAME = "fuzz.rix";
  static final List<String> KEYS = List.of("", "abc", "{\"i", "zzz", "0", "-50", "9223372036854775807",
      "00000000-0000-0000-0000-000000000000");

  @FuzzTest(maxDuration = "5m")
  void keyIndexesLookUpOrFailTyped(byte[] bytes) {
    FuzzChecks.bounded("index of " + bytes.length + " bytes", () -> {
      try (KeyIndex ix = attempt(NAME, "open", () -> KeyIndexes.open(RangeSources.memory(NAME, bytes)))) {
        if (ix == null) {
          return null;
        }
        ix.archiveId();
        ix.keyName();
        ix.entries();
        for (String k : KEYS) {
          byte[] encoded = attempt(NAME, "encode", () -> {
            try {
              return ix.keyType().parse(k);
            } catch (IllegalArgumentException notThisType) {
              return null;  // a key of the wrong type is the caller's mistake, not the file's
            }
          });
          if (encoded != null) {
            List<Bookmark> found = attempt(NAME, "lookup " + k, () -> ix.lookupEncoded(encoded));
            if (found != null && found.size() > Math.max(0, ix.entries())) {
              FuzzChecks.defect("index-count", "lookup returned " + found.size() + " bookmarks from an index of "
                  + ix.entries() + " entries", null);
            }
          }
        }
      } catch (IOException e) {
        FuzzChecks.typed(e, NAME, "close");
      }
      return null;
    });
  }
}
