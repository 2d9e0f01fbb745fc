import io.easystore.codec.CodecId;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import io.easystore.records.Bookmark;
import io.easystore.records.Entry;
import io.easystore.records.KeyIndex;
import io.easystore.records.KeyIndexWriter;
import io.easystore.records.KeyIndexes;
import io.easystore.records.KeyType;
import io.easystore.records.LogMessage;
import io.easystore.records.ReaderOptions;
import io.easystore.records.RecordArchives;
import io.easystore.records.RecordCursor;
import io.easystore.records.RecordReader;
import io.easystore.records.RecordTypes;
import io.easystore.records.RecordWriter;
import io.easystore.records.WriterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

public class RecordsExample {
  public record Order(String id, String user, long amount) {}

  public static void main(String[] args) throws Exception {
    System.out.println(run(Files.createTempDirectory("records-example")));
  }

  static String run(Path dir) throws Exception {
    Path path = dir.resolve("orders.rec");
    Path indexPath = dir.resolve("orders.rec.user.rix");
    Path logPath = dir.resolve("app-log.rec");
    // A random key for the example; in production use KeyProviders.environment(), file(...), ...
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    KeyProvider keys = KeyProviders.of("orders-2024", key);

    // Write: pages are flushed at 64 KiB of records, at an age limit (also while no record
    // arrives), on flush() and close(). One archive holds one kind of record.
    WriterOptions opts = WriterOptions.defaults()
        .withCodec(CodecId.ZSTD)
        .withMaxPageAge(Duration.ofSeconds(5))
        .withApplication("billing")
        .withEncryption("orders-2024", keys);          // optional
    List<Order> orders = List.of(new Order("o-1", "alice", 1250), new Order("o-2", "bob", 300),
        new Order("o-3", "alice", 4000));
    List<Bookmark> marks = new ArrayList<>();
    try (RecordWriter w = RecordArchives.create(path, opts);
         KeyIndexWriter byUser = KeyIndexes.writer(indexPath, KeyType.STRING, "user", w.metadata(), w.name())) {
      for (Order order : orders) {
        Bookmark b = w.appendJson(order);          // also append(byte[]), append(String),
        byUser.add(order.user(), b);               // append(value, RecordType)
        marks.add(b);
      }
    }
    try (RecordWriter log = RecordArchives.create(logPath, WriterOptions.defaults())) {
      log.append(LogMessage.of(Instant.now(), LogMessage.Level.INFO, "svc", "started"),
          RecordTypes.logMessages());
    }

    // Read: from the start, from a bookmark, one record, or as a (parallel) stream.
    ReaderOptions ro = ReaderOptions.defaults().withKeys(keys);
    try (RecordReader r = RecordArchives.open(path, ro)) {          // or open(anyRangeSource, ro)
      RecordCursor<Order> c = r.cursor(RecordTypes.json(Order.class), marks.get(1));
      List<String> fromSecond = new ArrayList<>();
      while (c.next()) {
        Entry<Order> e = c.current();             // e.bookmark(), e.value()
        fromSecond.add(e.value().id());
      }
      long total = r.stream(RecordTypes.json(Order.class)).parallel()
          .mapToLong(e -> e.value().amount()).sum();
      try (KeyIndex idx = KeyIndexes.open(indexPath)) {
        List<Entry<Order>> hers = idx.find(r, "alice", RecordTypes.json(Order.class));
        try (RecordReader logs = RecordArchives.open(logPath, ReaderOptions.defaults())) {
          long started = logs.stream(RecordTypes.logMessages())
              .filter(e -> e.value().message().equals("started")).count();
          return "from " + marks.get(1) + ": " + fromSecond + "; total " + total + "; alice: " + hers.size()
              + " orders; log messages 'started': " + started;
        }
      }
    }
  }
}
