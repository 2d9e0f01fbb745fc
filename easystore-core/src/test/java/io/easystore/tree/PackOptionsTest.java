package io.easystore.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PackOptionsTest {
  @Test
  void defaultsAreUnchangedByBuilderRoundTrip() {
    PackOptions d = PackOptions.defaults();
    assertThat(d.toBuilder().build()).isEqualTo(d).hasSameHashCodeAs(d);
    assertThat(PackOptions.builder().build()).isEqualTo(d);
    assertThat(d.includeHidden()).isFalse();
    assertThat(d.followLinks()).isTrue();
    assertThat(d.includeExtensions()).isEmpty();
    assertThat(d.excludeExtensions()).isEmpty();
    assertThat(d.excludeGlobs()).isEmpty();
    assertThat(d.threads()).isEqualTo(4);
    assertThat(d.skipErrors()).isFalse();
    assertThat(d.metadata()).isNull();
  }

  @Test
  void withersDoNotResetOtherSettings() {
    PackOptions.Metadata meta = (file, path) -> null;
    PackOptions o = PackOptions.builder().includeHidden(true).followLinks(false).includeExtensions(List.of(".JPG"))
        .excludeGlobs(List.of("*.tmp")).threads(2).skipErrors(true).metadata(meta).build();
    PackOptions changed = o.withThreads(8).withFollowLinks(true);
    assertThat(changed.includeHidden()).isTrue();
    assertThat(changed.includeExtensions()).containsExactly("jpg");
    assertThat(changed.excludeGlobs()).containsExactly("*.tmp");
    assertThat(changed.skipErrors()).isTrue();
    assertThat(changed.metadata()).isSameAs(meta);
    assertThat(changed.threads()).isEqualTo(8);
    assertThat(changed.followLinks()).isTrue();
    assertThat(changed.withThreads(2).withFollowLinks(false)).isEqualTo(o);
    assertThat(o.toString()).contains("includeExtensions=[jpg]");
  }

  @Test
  void builderRejectsIncludeAndExcludeExtensionsTogether() {
    assertThatThrownBy(() -> PackOptions.builder().excludeExtensions(List.of("png")).includeExtensions(List.of("jpg"))
        .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--include-ext and --exclude-ext are mutually exclusive")
        .hasMessageContaining("got include [jpg], exclude [png]");
  }

  @Test
  void builderRejectsBadFiltersAtTheSetter() {
    PackOptions.Builder b = PackOptions.builder();
    assertThatThrownBy(() -> b.includeExtensions(List.of("a/b"))).hasMessageContaining("not a file extension");
    assertThatThrownBy(() -> b.excludeExtensions(List.of("."))).hasMessageContaining("--exclude-ext");
    assertThatThrownBy(() -> b.excludeGlobs(List.of(""))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.threads(PackOptions.MAX_THREADS + 1)).hasMessageContaining("threads must be 1..256");
    assertThat(b.build()).isEqualTo(PackOptions.defaults());
  }
}
