package io.easystore.els;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A bucket path of a {@link FileElsStore}; immutable, resolved again on every call. */
final class FileElsBucket implements ElsBucket {
  private final FileElsStore store;
  private final List<String> path;

  FileElsBucket(FileElsStore store, List<String> path) {
    this.store = store;
    this.path = path;
  }

  @Override
  public List<String> path() {
    return path;
  }

  @Override
  public ElsBucket bucket(String name) throws IOException {
    List<String> p = new ArrayList<>(path);
    p.add(name);
    return store.bucket(p);
  }

  @Override
  public boolean exists() throws IOException {
    return store.existingBucket(path) != null;
  }

  @Override
  public void put(String key, byte[] value) throws IOException {
    store.checkKey(key);
    store.checkValueSize(key, value.length);
    byte[] copy = value.clone();
    synchronized (store.writeLock) {
      store.writeValue(store.ensureBucket(path), path, key, ElsKind.BYTES, copy, -1);
    }
  }

  @Override
  public void append(String key, byte[] more) throws IOException {
    store.checkKey(key);
    byte[] copy = more.clone();
    synchronized (store.writeLock) {
      store.appendValue(store.ensureBucket(path), path, key, copy);
    }
  }

  @Override
  public Optional<byte[]> get(String key) throws IOException {
    store.checkKey(key);
    Path dir = store.existingBucket(path);
    if (dir == null) {
      return Optional.empty();
    }
    RecordDir.Committed c = store.readValue(dir, key, true);
    return c == null ? Optional.empty() : Optional.of(c.value());
  }

  @Override
  public boolean delete(String key) throws IOException {
    store.checkKey(key);
    synchronized (store.writeLock) {
      Path dir = store.existingBucket(path);
      return dir != null && store.deleteEntry(dir, false, key);
    }
  }

  @Override
  public List<String> keys() throws IOException {
    return names(false);
  }

  @Override
  public List<String> buckets() throws IOException {
    return names(true);
  }

  private List<String> names(boolean buckets) throws IOException {
    List<String> out = new ArrayList<>();
    for (ElsEntry e : entries()) {
      if (e.isBucket() == buckets) {
        out.add(e.name());
      }
    }
    return out;
  }

  @Override
  public List<ElsEntry> entries() throws IOException {
    Path dir = store.existingBucket(path);
    List<ElsEntry> out = new ArrayList<>();
    if (dir != null) {
      for (FileElsStore.Child c : store.children(dir)) {
        out.add(c.entry());
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "ElsBucket" + path;
  }
}
