package io.easystore.nio;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.internal.v2.V2Paths;
import io.easystore.io.RangeSources;
import io.easystore.mutate.DesUpdater;
import io.easystore.mutate.SpaceStats;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately naive {@link DesUpdater} for exercising the provider independently of the
 * mutation engine: it keeps the whole state in memory and writes a complete new container for
 * every view and every commit. Correct by construction, useless for real data (every change costs
 * the whole container). Not thread-safe, like the interface.
 */
final class RewritingUpdater implements DesUpdater {
  private record Node(byte[] body, ObjectNode meta, EntryAttributes attrs) {
    boolean isDirectory() {
      return body == null;
    }
  }

  private final Path container;
  private TreeMap<String, Node> committed = new TreeMap<>();
  private TreeMap<String, Node> pending;

  RewritingUpdater(Path container) throws IOException {
    this.container = container;
    if (Files.exists(container)) {
      try (DesReader r = DesReader.open(container)) {
        r.entries().filter(e -> !e.isDeleted()).forEach(e -> committed.put(e.name(), load(r, e)));
      }
    } else {
      write(container, committed);
    }
    pending = new TreeMap<>(committed);
  }

  private static Node load(DesReader r, IndexEntry e) {
    try {
      if (e.isDirectory()) {
        return new Node(null, null, e.attributes());
      }
      ObjectNode meta = (ObjectNode) r.getMeta(e.name()).deepCopy();
      meta.remove("size");
      return new Node(r.getFile(e.name()), meta.isEmpty() ? null : meta, e.attributes());
    } catch (IOException x) {
      throw new java.io.UncheckedIOException(x);
    }
  }

  private static void write(Path target, Map<String, Node> state) throws IOException {
    try (DesWriter w = DesWriter.create(target)) {
      for (Map.Entry<String, Node> e : state.entrySet()) {
        Node n = e.getValue();
        if (n.isDirectory()) {
          w.addDirectory(e.getKey(), n.attrs());
        } else {
          w.addFile(e.getKey(), n.body(), n.meta(), n.attrs());
        }
      }
    }
  }

  @Override
  public DesReader view() throws IOException {
    Path tmp = Files.createTempFile("rewriting-updater", ".des");
    try {
      Files.delete(tmp);
      write(tmp, pending);
      return DesReader.open(RangeSources.memory(container.toString(), Files.readAllBytes(tmp)),
          ReaderOptions.defaults());
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void parents(String path) {
    String parent = V2Paths.parent(path);
    while (!parent.isEmpty()) {
      pending.putIfAbsent(parent, new Node(null, null, EntryAttributes.NONE));
      parent = V2Paths.parent(parent);
    }
  }

  @Override
  public void put(String path, byte[] body, ObjectNode meta, EntryAttributes attributes) {
    V2Paths.validate(path);
    parents(path);
    pending.put(path, new Node(body.clone(), meta == null ? null : meta.deepCopy(),
        attributes == null ? EntryAttributes.NONE : attributes));
  }

  @Override
  public void put(String path, InputStream body, ObjectNode meta, EntryAttributes attributes) throws IOException {
    put(path, body.readAllBytes(), meta, attributes);
  }

  @Override
  public void createDirectory(String path, EntryAttributes attributes) throws IOException {
    V2Paths.validate(path);
    Node old = pending.get(path);
    if (old != null && !old.isDirectory()) {
      throw new FileAlreadyExistsException(path);
    }
    parents(path);
    pending.put(path, new Node(null, null, attributes == null ? EntryAttributes.NONE : attributes));
  }

  private List<String> below(String path) {
    return new ArrayList<>(pending.subMap(path + "/", path + "0").keySet());
  }

  @Override
  public void delete(String path) throws IOException {
    Node n = pending.get(path);
    if (n == null) {
      throw new NoSuchFileException(path);
    }
    if (n.isDirectory() && !below(path).isEmpty()) {
      throw new DirectoryNotEmptyException(path);
    }
    pending.remove(path);
  }

  @Override
  public void rename(String from, String to, boolean replace) throws IOException {
    Node n = pending.get(from);
    if (n == null) {
      throw new NoSuchFileException(from);
    }
    if (pending.containsKey(to) && !replace) {
      throw new FileAlreadyExistsException(to);
    }
    parents(to);
    for (String child : below(from)) {
      pending.put(to + child.substring(from.length()), pending.remove(child));
    }
    pending.remove(from);
    pending.put(to, n);
  }

  @Override
  public void setAttributes(String path, EntryAttributes attributes) throws IOException {
    Node n = pending.get(path);
    if (n == null) {
      throw new NoSuchFileException(path);
    }
    pending.put(path, new Node(n.body(), n.meta(), attributes));
  }

  @Override
  public boolean hasPendingChanges() {
    return !pending.equals(committed);
  }

  @Override
  public void commit() throws IOException {
    write(container, pending);
    committed = new TreeMap<>(pending);
  }

  @Override
  public void rollback() {
    pending = new TreeMap<>(committed);
  }

  @Override
  public SpaceStats space() throws IOException {
    return new SpaceStats(Files.size(container), 0, 0, committed.size(), 0);
  }

  @Override
  public SpaceStats compact() throws IOException {
    commit();
    return space();
  }

  @Override
  public void close() {
    rollback();
  }
}
