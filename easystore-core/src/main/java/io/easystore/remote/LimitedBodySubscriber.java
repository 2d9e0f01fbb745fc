package io.easystore.remote;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects at most {@code cap} body bytes into its own array. On more, it cancels the exchange
 * (which closes the connection) and reports the overflow, so a server that ignores {@code Range}
 * cannot make a client download or buffer a whole large object.
 */
final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<LimitedBodySubscriber.Body> {

  /** What arrived: {@code bytes[0, length)}; {@code overflow} if the body went on past the cap. */
  record Body(byte[] bytes, int length, boolean overflow) {}

  private final byte[] buf;
  private final CompletableFuture<Body> result = new CompletableFuture<>();
  private Flow.Subscription subscription;
  private int count;

  LimitedBodySubscriber(int cap) {
    this.buf = new byte[cap];
  }

  @Override
  public CompletionStage<Body> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : items) {
      int n = Math.min(b.remaining(), buf.length - count);
      b.get(buf, count, n);
      count += n;
      if (b.hasRemaining()) {
        subscription.cancel();
        result.complete(new Body(buf, count, true));
        return;
      }
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(new Body(buf, count, false));
  }
}
