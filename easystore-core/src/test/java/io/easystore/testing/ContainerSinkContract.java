package io.easystore.testing;

import io.easystore.io.ContainerSink;

import io.easystore.testing.ContainerSinkContract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link ContainerSink} must do: nothing visible under the name before
 * {@link ContainerSink#publish()}, exactly the written bytes after it, nothing left by a close
 * without publish (the abort path), siblings removed with an unpublished container. Extend it
 * with a way to create a sink and to look at what is visible; other modules reach it through the
 * core's test jar.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class ContainerSinkContract {

  /** A new sink for a fresh name; {@link #visible} looks at the same place. */
  protected abstract ContainerSink create(String name) throws Exception;

  /** The bytes visible under {@code name} now (a sibling's name is relative to the container's), or empty. */
  protected abstract Optional<byte[]> visible(String name) throws Exception;

  /** Whether the sink creates sibling objects (external bodies). */
  protected boolean siblings() {
    return true;
  }

  /** More than one part or buffer, so multipart sinks cross a part boundary. */
  protected int contentSize() {
    return 300_001;
  }

  private byte[] content() {
    byte[] b = new byte[contentSize()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 31 + (i >>> 9));
    }
    return b;
  }

  @Test
  void nothingIsVisibleBeforePublishAndExactlyTheBytesAfter() throws Exception {
    byte[] c = content();
    try (ContainerSink sink = create("p.des")) {
      sink.write(c, 0, 1000);
      sink.write(ByteBuffer.wrap(c, 1000, c.length - 1000));
      assertThat(sink.position()).isEqualTo(c.length);
      assertThat(visible("p.des")).as("before publish").isEmpty();
      sink.publish();
    }
    assertThat(visible("p.des")).hasValueSatisfying(b -> assertThat(Arrays.equals(b, c)).isTrue());
  }

  @Test
  void closeWithoutPublishLeavesNothing() throws Exception {
    try (ContainerSink sink = create("c.des")) {
      sink.write(content(), 0, contentSize());
    }
    assertThat(visible("c.des")).isEmpty();
  }

  @Test
  void abortBeforeAnyWriteLeavesNothingAndCloseIsIdempotent() throws Exception {
    ContainerSink sink = create("a.des");
    sink.close();
    sink.close();
    assertThat(visible("a.des")).isEmpty();
    assertThatThrownBy(() -> sink.write(new byte[1], 0, 1)).isInstanceOf(IOException.class);
    assertThatThrownBy(sink::publish).isInstanceOf(IOException.class);
  }

  @Test
  void writeAfterPublishFails() throws Exception {
    try (ContainerSink sink = create("w.des")) {
      sink.write(new byte[] {1}, 0, 1);
      sink.publish();
      assertThatThrownBy(() -> sink.write(new byte[1], 0, 1)).isInstanceOf(IOException.class);
    }
    assertThat(visible("w.des")).hasValueSatisfying(b -> assertThat(b).containsExactly(1));
  }

  @Test
  void siblingsOfAnUnpublishedContainerAreRemoved() throws Exception {
    if (!siblings()) {
      try (ContainerSink sink = create("n.des")) {
        assertThatThrownBy(() -> sink.sibling("n.des.x/1")).isInstanceOf(IOException.class);
      }
      return;
    }
    try (ContainerSink sink = create("s.des")) {
      try (ContainerSink sib = sink.sibling("s.ext/body1")) {
        sib.write(new byte[] {4, 5}, 0, 2);
        sib.publish();
      }
      assertThat(visible("s.ext/body1")).as("a published sibling is visible").isPresent();
    }
    assertThat(visible("s.ext/body1")).as("after its container was abandoned").isEmpty();
    assertThat(visible("s.des")).isEmpty();
  }

  @Test
  void siblingsOfAPublishedContainerStay() throws Exception {
    if (!siblings()) {
      return;
    }
    try (ContainerSink sink = create("k.des")) {
      try (ContainerSink sib = sink.sibling("k.ext/body1")) {
        sib.write(new byte[] {6}, 0, 1);
        sib.publish();
      }
      sink.write(new byte[] {7}, 0, 1);
      sink.publish();
    }
    assertThat(visible("k.ext/body1")).hasValueSatisfying(b -> assertThat(b).containsExactly(6));
    assertThat(visible("k.des")).hasValueSatisfying(b -> assertThat(b).containsExactly(7));
  }
}
