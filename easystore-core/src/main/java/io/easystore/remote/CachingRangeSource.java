package io.easystore.remote;

import io.easystore.io.RequestStats;

import io.easystore.io.RangeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link RangeSource} decorator that reads through a {@link BlockCache} in aligned blocks
 * ({@code [i * blockSize, (i + 1) * blockSize)}), so the same byte ranges repeat across reads,
 * threads, sources and processes sharing the cache. Consecutive missing blocks of one read are
 * fetched with one delegate read; each read call covers at most {@link #MAX_BLOCKS_PER_READ}
 * blocks and returns short beyond that.
 *
 * <p>Blocks are keyed by location and version, so a replaced object never serves stale bytes; a
 * delegate without a pinned version gets a key unique to this instance. Reads that fall wholly in
 * a remote source's prefetched tail bypass the cache (they cost no request anyway).
 *
 * <p>Loading is single-flight per source: threads that miss the same block at once fetch it once,
 * the others wait for that fetch (uninterruptibly, as a read of the delegate itself would) and
 * get its bytes, or the very exception it failed with, typed and unwrapped. A failed fetch is not
 * cached: the next read fetches again. A fetch abandoned because its thread was interrupted is
 * taken over by a waiting thread. Sources sharing one cache do not share loads.
 *
 * <p>Thread-safe if the delegate and the cache are. Closing closes the delegate, not the cache.
 */
public final class CachingRangeSource implements RangeSource {
  /** The most blocks one read call fetches or copies. */
  public static final int MAX_BLOCKS_PER_READ = 64;

  private final RangeSource delegate;
  private final BlockCache cache;
  private final String location;
  private final String version;
  private final int blockSize;
  private final long size;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  /** Fetches in flight by block index; an entry lives from the claim until the block is cached. */
  private final ConcurrentHashMap<Long, CompletableFuture<ByteBuffer>> loading = new ConcurrentHashMap<>();
  /** Completes a claim whose fetch was abandoned: the waiter claims the block again. */
  // A stackless, immutable marker compared by identity; it never reaches a caller.
  @SuppressWarnings("StaticAssignmentOfThrowable")
  private static final RuntimeException ABANDONED = new RuntimeException("fetch abandoned", null, false, false) {};

  private CachingRangeSource(RangeSource delegate, String location, String version, BlockCache cache, int blockSize)
      throws IOException {
    if (blockSize <= 0) {
      throw new IllegalArgumentException("blockSize must be positive, got " + blockSize);
    }
    this.delegate = delegate;
    this.cache = Objects.requireNonNull(cache, "cache");
    this.location = Objects.requireNonNull(location, "location");
    this.version = Objects.requireNonNull(version, "version");
    this.blockSize = blockSize;
    this.size = delegate.size();
  }

  /** Caches a remote source under its location and pinned version. */
  public static CachingRangeSource wrap(RemoteRangeSource remote, BlockCache cache, int blockSize) throws IOException {
    String token = remote.version().cacheToken();
    return new CachingRangeSource(remote, remote.location(),
        token != null ? token : "unpinned:" + UUID.randomUUID(), cache, blockSize);
  }

  /**
   * Caches any source; {@code versionToken} must change whenever the content does (for a local
   * file, for example, its size and modification time).
   */
  public static CachingRangeSource wrap(RangeSource delegate, String versionToken, BlockCache cache, int blockSize)
      throws IOException {
    return new CachingRangeSource(delegate, delegate.name(), versionToken, cache, blockSize);
  }

  @Override
  public void scanning(boolean begin) {
    delegate.scanning(begin);
  }

  /** The delegate's sibling, cached in the same cache when it is remote. */
  @Override
  public RangeSource sibling(String relativeKey) throws IOException {
    RangeSource s = delegate.sibling(relativeKey);
    io.easystore.io.RemoteInfo remote = s.remote().orElse(null);
    if (remote != null) {
      try {
        return new CachingRangeSource(s, remote.location(),
            remote.cacheToken() != null ? remote.cacheToken() : "unpinned:" + UUID.randomUUID(), cache, blockSize);
      } catch (IOException | RuntimeException e) {
        s.close();
        throw e;
      }
    }
    return s;
  }

  /** The wrapped source. */
  public RangeSource delegate() {
    return delegate;
  }

  /** Block hits and misses so far. */
  public Stats cacheStats() {
    return new Stats(hits.sum(), misses.sum());
  }

  /**
   * Cache counters.
   *
   * @param hits blocks served from the cache or from another thread's fetch of the same block
   * @param misses blocks read from the delegate
   */
  public record Stats(long hits, long misses) {}

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public int read(long position, ByteBuffer dst) throws IOException {
    if (position < 0) {
      throw new IllegalArgumentException("negative position " + position);
    }
    if (position >= size) {
      return -1;
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    if (delegate.remote().filter(r -> position >= r.tailOffset()).isPresent()) {
      return delegate.read(position, dst);
    }
    long first = position / blockSize;
    long lastWanted = (Math.min(size, position + dst.remaining()) - 1) / blockSize;
    long last = Math.min(lastWanted, first + MAX_BLOCKS_PER_READ - 1);
    ByteBuffer[] blocks = new ByteBuffer[(int) (last - first + 1)];
    boolean missing = false;
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = lookup(first + i);
      missing |= blocks[i] == null;
    }
    while (missing) {
      missing = fill(first, blocks);
    }
    int n = 0;
    long pos = position;
    for (int i = 0; i < blocks.length && dst.hasRemaining(); i++) {
      ByteBuffer b = blocks[i];
      int off = (int) (pos - (first + i) * blockSize);
      int len = Math.min(dst.remaining(), b.remaining() - off);
      dst.put(b.duplicate().position(b.position() + off).limit(b.position() + off + len));
      n += len;
      pos += len;
    }
    return n;
  }

  private int blockLength(long index) {
    return (int) Math.min(blockSize, size - index * blockSize);
  }

  private BlockKey key(long index) {
    return new BlockKey(location, version, blockSize, index);
  }

  /** The cached block, or null on a miss. */
  private ByteBuffer lookup(long index) throws IOException {
    Optional<ByteBuffer> hit = cache.get(key(index));
    // A block of the wrong length can only come from a damaged or foreign shared cache: refetch it.
    if (hit.isPresent() && hit.get().remaining() == blockLength(index)) {
      hits.increment();
      return hit.get();
    }
    return null;
  }

  /**
   * Fills the null entries of {@code blocks}: claims each missing block, fetches the claimed ones
   * in runs of consecutive blocks, then waits for the blocks other threads claimed first. Every
   * claim is completed before any wait, so two readers never wait on each other.
   *
   * @return whether a block is still missing because the fetch it waited for was abandoned
   */
  // Arrays of a generic type can only be created raw.
  @SuppressWarnings({"unchecked", "rawtypes"})
  private boolean fill(long first, ByteBuffer[] blocks) throws IOException {
    int n = blocks.length;
    CompletableFuture<ByteBuffer>[] claims = new CompletableFuture[n];
    CompletableFuture<ByteBuffer>[] waits = new CompletableFuture[n];
    try {
      for (int i = 0; i < n; i++) {
        if (blocks[i] != null) {
          continue;
        }
        CompletableFuture<ByteBuffer> claim = new CompletableFuture<>();
        CompletableFuture<ByteBuffer> other = loading.putIfAbsent(first + i, claim);
        if (other != null) {
          waits[i] = other;
          continue;
        }
        claims[i] = claim;
        // A fetch that ended between our lookup and our claim has cached the block by now.
        blocks[i] = lookup(first + i);
        if (blocks[i] != null) {
          claim.complete(blocks[i]);
        }
      }
      for (int i = 0; i < n; ) {
        if (claims[i] == null || claims[i].isDone()) {
          i++;
          continue;
        }
        int j = i;
        while (j + 1 < n && claims[j + 1] != null && !claims[j + 1].isDone()) {
          j++;
        }
        fetchRun(first, blocks, claims, i, j);
        i = j + 1;
      }
    } catch (Throwable t) {
      // Waiters for blocks this thread never fetched must not hang: they take the claim over.
      for (CompletableFuture<ByteBuffer> claim : claims) {
        if (claim != null) {
          claim.completeExceptionally(ABANDONED);
        }
      }
      throw t;
    } finally {
      for (int i = 0; i < n; i++) {
        if (claims[i] != null) {
          loading.remove(first + i, claims[i]);
        }
      }
    }
    boolean abandoned = false;
    for (int i = 0; i < n; i++) {
      if (waits[i] != null) {
        blocks[i] = await(waits[i]);
        if (blocks[i] == null) {
          abandoned = true;
        } else {
          hits.increment();
        }
      }
    }
    return abandoned;
  }

  /** Reads blocks {@code from..to} (indexes into {@code blocks}) with one delegate read. */
  private void fetchRun(long first, ByteBuffer[] blocks, CompletableFuture<ByteBuffer>[] claims, int from, int to)
      throws IOException {
    long start = (first + from) * blockSize;
    long end = (first + to) * blockSize + blockLength(first + to);
    byte[] run = new byte[(int) (end - start)];
    try {
      delegate.readFully(start, ByteBuffer.wrap(run));
    } catch (IOException | RuntimeException e) {
      // An interrupted fetch says nothing about the block: let a waiter fetch it. Any other
      // failure is what every waiter sees.
      boolean interrupted = Thread.currentThread().isInterrupted() || e instanceof ClosedByInterruptException;
      for (int i = from; i <= to; i++) {
        claims[i].completeExceptionally(interrupted ? ABANDONED : e);
      }
      throw e;
    }
    byte[][] fetched = new byte[to - from + 1][];
    for (int i = from; i <= to; i++) {
      int off = (i - from) * blockSize;
      fetched[i - from] = from == to ? run : Arrays.copyOfRange(run, off, off + blockLength(first + i));
      blocks[i] = ByteBuffer.wrap(fetched[i - from]).asReadOnlyBuffer();
      misses.increment();
      claims[i].complete(blocks[i]);
    }
    // Until these puts return, the claims stay registered, so a late reader waits on a completed
    // claim instead of missing the cache and fetching again.
    for (int i = from; i <= to; i++) {
      cache.put(key(first + i), fetched[i - from]);
    }
  }

  /** The block another thread fetched, or null if it abandoned the fetch; rethrows its failure as it was. */
  private static ByteBuffer await(CompletableFuture<ByteBuffer> claim) throws IOException {
    try {
      return claim.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause == ABANDONED) {
        return null;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  @Override
  public java.util.Optional<RequestStats.Snapshot> requestStats() {
    return delegate.requestStats();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  @Override
  public String toString() {
    return "cached " + delegate + " (" + blockSize + "-byte blocks in " + cache + ")";
  }
}
