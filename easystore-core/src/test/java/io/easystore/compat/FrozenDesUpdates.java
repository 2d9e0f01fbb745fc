package io.easystore.compat;

import static io.easystore.compat.FrozenDesFixtures.attrs;
import static io.easystore.compat.FrozenDesFixtures.utf8;

import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.compat.FrozenDesInputs.Input;
import io.easystore.mutate.DesUpdater;
import io.easystore.mutate.UpdateOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frozen containers changed in place by {@link DesUpdater}: several commits with deltas, the
 * same state with a torn commit after it, the same state compacted, and a container the updater
 * created. Each step also updates a model of the files, which the generator checks the result
 * against. Not thread-safe.
 */
final class FrozenDesUpdates {
  private final FrozenDesFixtures fixtures;

  FrozenDesUpdates(FrozenDesFixtures fixtures) {
    this.fixtures = fixtures;
  }

  void all(long seed) throws IOException {
    Path dir = fixtures.dir();
    Map<String, Input> model = updated(dir.resolve("v2-updated.des"), seed);
    String how = "DesWriter (zstd), then DesUpdater: 4 commits of put, replace, delete, mkdir, rename of a directory"
        + " and a file, attributes and metadata-only changes";
    fixtures.record("v2-updated.des", "updateInPlace", seed, how, true, model);

    Path torn = dir.resolve("v2-updated-torn-tail.des");
    Files.copy(dir.resolve("v2-updated.des"), torn);
    FrozenDesFixtures.appendGarbage(torn, seed + 1, 333);
    fixtures.record("v2-updated-torn-tail.des", "appendGarbage", seed + 1,
        "v2-updated.des followed by 333 seeded bytes (an incomplete commit, as a crash leaves it)", true, model);

    Path compacted = dir.resolve("v2-updated-compacted.des");
    Files.copy(dir.resolve("v2-updated.des"), compacted);
    try (DesUpdater u = DesUpdater.open(compacted)) {
      u.compact();
    }
    fixtures.record("v2-updated-compacted.des", "compact", seed,
        "v2-updated.des, then DesUpdater.compact()", true, model);

    long s2 = seed + 2;
    fixtures.record("v2-created-by-updater.des", "createWithUpdater", s2,
        "DesUpdater with create=true and deflate: 2 commits", true, created(dir.resolve("v2-created-by-updater.des"), s2));
  }

  private static Map<String, Input> updated(Path file, long seed) throws IOException {
    List<Input> base = FrozenDesInputs.tree(seed, false);
    try (DesWriter w = DesWriter.create(file, WriterOptions.defaults())) {
      for (Input in : base) {
        in.addTo(w);
      }
    }
    Map<String, Input> model = FrozenDesFixtures.files(base);
    try (DesUpdater u = DesUpdater.open(file)) {
      put(u, model, new Input("added/one.txt", utf8("added by commit 1\n"), FrozenDesInputs.meta("commit", 1),
          attrs(10_000, 0644)));
      put(u, model, new Input("README.txt", utf8("README replaced by commit 1\n".repeat(8)),
          FrozenDesInputs.meta("mime", "text/plain", "commit", 1), attrs(11_000, 0644)));
      u.commit();

      u.delete("data/empty.bin");
      model.remove("data/empty.bin");
      u.createDirectory("made-dir", attrs(12_000, 0700));
      u.commit();

      u.rename("docs/nested", "moved/nested", false);
      renamePrefix(model, "docs/nested/", "moved/nested/");
      u.setAttributes("README.txt", attrs(13_000, 0600));
      u.commit();

      Input random = model.get("data/random.bin");
      put(u, model, new Input(random.name(), random.body(), FrozenDesInputs.meta("changed", "metadata only"),
          EntryAttributes.NONE));
      u.rename("z/last.txt", "z/renamed.txt", false);
      renamePrefix(model, "z/last.txt", "z/renamed.txt");
      u.commit();
    }
    return model;
  }

  private static Map<String, Input> created(Path file, long seed) throws IOException {
    Map<String, Input> model = new LinkedHashMap<>();
    UpdateOptions o = UpdateOptions.defaults().withCreate(true)
        .withWriterOptions(WriterOptions.defaults().withCodec(CodecId.DEFLATE));
    try (DesUpdater u = DesUpdater.open(file, o)) {
      for (Input in : FrozenDesInputs.tree(seed, false)) {
        if (in.isDirectory()) {
          u.createDirectory(in.name(), in.attributes());
        } else {
          put(u, model, in);
        }
      }
      u.commit();
      u.delete("z/last.txt");
      model.remove("z/last.txt");
      put(u, model, new Input("second/commit.txt", utf8("written by the second commit\n"), null, null));
      u.commit();
    }
    return model;
  }

  private static void put(DesUpdater u, Map<String, Input> model, Input in) throws IOException {
    u.put(in.name(), in.body(), in.metaNode(), in.attributes());
    model.put(in.name(), in);
  }

  private static void renamePrefix(Map<String, Input> model, String from, String to) {
    for (String name : new ArrayList<>(model.keySet())) {
      if (name.startsWith(from)) {
        Input in = model.remove(name);
        String renamed = to + name.substring(from.length());
        model.put(renamed, new Input(renamed, in.body(), in.meta(), in.attributes()));
      }
    }
  }
}
