package io.easystore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3OptionsTest {

  @Test
  void locationsParseBucketKeyAndVersion() {
    assertThat(S3Location.parse(URI.create("s3://bkt/a/b%20c.des"))).isEqualTo(new S3Location("bkt", "a/b c.des", null));
    assertThat(S3Location.parse(URI.create("s3://bkt/k?versionId=v%2B1"))).isEqualTo(new S3Location("bkt", "k", "v+1"));
    assertThat(S3Location.parse(URI.create("s3://bkt/a+b")).key()).isEqualTo("a+b");
    assertThat(new S3Location("bkt", "k", "v1").toString()).isEqualTo("s3://bkt/k?versionId=v1");
    for (String bad : new String[] {"s3://bkt", "s3://bkt/", "http://bkt/k", "s3://bkt/k?acl", "s3://bkt/k?versionId=1&x=2"}) {
      assertThatThrownBy(() -> S3Location.parse(URI.create(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void withPathStyleOverridesWhatTheEndpointImplies() {
    URI endpoint = URI.create("https://minio.example:9000");
    assertThat(S3Options.forEndpoint(endpoint).withPathStyle(false).pathStyle())
        .as("a self-hosted store with virtual-hosted buckets").isFalse();
    assertThat(S3Options.defaults().withPathStyle(true).pathStyle()).isTrue();
    assertThat(S3Options.forEndpoint(endpoint).withPathStyle(false).endpoint()).isEqualTo(endpoint);
  }

  @Test
  void propertiesConfigureEndpointsRegionsAndKeys() {
    S3Options o = S3Options.fromProperties(Map.of("s3.endpoint", "https://rgw.example:8443", "s3.region", "default",
        "s3.accessKeyId", "AK", "s3.secretAccessKey", "SK"));
    assertThat(o.endpoint()).isEqualTo(URI.create("https://rgw.example:8443"));
    assertThat(o.pathStyle()).as("path-style by default with an endpoint").isTrue();
    assertThat(o.region()).isEqualTo("default");
    assertThat(S3Options.fromProperties(Map.of("s3.endpoint", "http://h", "s3.pathStyle", "false")).pathStyle()).isFalse();
    assertThat(S3Options.fromProperties(Map.of()).pathStyle()).isFalse();
    assertThat(S3Options.fromProperties(Map.of("s3.profile", "hcp")).profile()).isEqualTo("hcp");
    assertThat(S3Options.fromProperties(Map.of("s3.anonymous", "true")).anonymous()).isTrue();
  }

  @Test
  void inconsistentOrMistypedSettingsAreRejected() {
    assertThatThrownBy(() -> S3Options.fromProperties(Map.of("s3.endpiont", "http://h")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3.endpiont");
    assertThatThrownBy(() -> S3Options.fromProperties(Map.of("s3.accessKeyId", "AK")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S3Options.fromProperties(Map.of("s3.pathStyle", "yes")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S3Options.forEndpoint(URI.create("ftp://h"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S3Options.defaults().withRegion("EU West")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S3Options.defaults().withKeys("a", "b").withAnonymous(true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretsNeverAppearInToString() {
    S3Options o = S3Options.defaults().withSessionKeys("AKIDPUBLIC", "hunter2", "tok3n");
    assertThat(o.toString()).contains("AKIDPUBLIC").doesNotContain("hunter2").doesNotContain("tok3n");
  }

  @Test
  void defaultsAreUnchangedByBuilderRoundTrip() {
    assertThat(S3Options.defaults().toBuilder().build()).isEqualTo(S3Options.defaults())
        .hasSameHashCodeAs(S3Options.defaults());
    S3Options e = S3Options.forEndpoint(URI.create("http://h:9000"));
    assertThat(e.toBuilder().build()).isEqualTo(e);
    assertThat(e.pathStyle()).isTrue();
  }

  @Test
  void withersDoNotResetOtherSettings() {
    S3Options o = S3Options.builder().endpoint(URI.create("https://h")).pathStyle(true).region("eu-1")
        .sessionKeys("AK", "SK", "T").build();
    S3Options changed = o.withRegion("eu-2").withPathStyle(false);
    assertThat(changed.endpoint()).isEqualTo(URI.create("https://h"));
    assertThat(changed.accessKeyId()).isEqualTo("AK");
    assertThat(changed.secretAccessKey()).isEqualTo("SK");
    assertThat(changed.sessionToken()).isEqualTo("T");
    assertThat(changed.region()).isEqualTo("eu-2");
    assertThat(changed.withRegion("eu-1").withPathStyle(true)).isEqualTo(o);
    assertThat(o.withKeys("AK", "SK").sessionToken()).as("withKeys drops the session token").isNull();
  }

  @Test
  void builderRejectsAnonymousAccessWithAProfile() {
    assertThatThrownBy(() -> S3Options.builder().profile("hcp").anonymous(true).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anonymous")
        .hasMessageContaining("the profile");
    assertThatThrownBy(() -> S3Options.builder().sessionKeys(null, null, "T").build())
        .hasMessageContaining("sessionToken needs accessKeyId and secretAccessKey");
    assertThatThrownBy(() -> S3Options.builder().keys("AK", " ").build())
        .hasMessageContaining("give both accessKeyId and secretAccessKey");
  }
}
