package io.easystore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.io.RangeSource;
import io.easystore.testing.RangeSourceContract;
import io.easystore.io.RangeSources;
import io.easystore.remote.BlockCache;
import io.easystore.remote.BlockCaches;
import io.easystore.remote.CachingRangeSource;
import io.easystore.remote.ObjectChangedException;
import io.easystore.remote.RemoteRangeSource;
import io.easystore.remote.RemoteSources;
import io.easystore.io.RequestStats;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/** Request budgets, version pinning, credentials and the s3:// provider, against S3Proxy. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class S3RangeSourceTest {
  static S3ProxyServer s3;
  static int counter;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3ProxyServer();
    s3.createBucket("reads");
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  static S3Location put(byte[] content) {
    S3Location loc = S3Location.of("reads", "c" + counter++ + ".des");
    s3.put(loc, content);
    return loc;
  }

  static byte[] slice(byte[] c, int from, int len) {
    return Arrays.copyOfRange(c, from, from + len);
  }

  @Test
  void openingAndReadingTheFooterAndIndexCostOneRequest() throws Exception {
    byte[] c = RangeSourceContract.content(500_000, 1);
    try (RemoteRangeSource s = S3RangeSource.open(s3.admin, put(c), S3ProxyServer.OPTIONS)) {
      assertThat(s.size()).isEqualTo(500_000);
      assertThat(s.readFully(500_000 - 48, 48)).isEqualTo(slice(c, 500_000 - 48, 48));
      assertThat(s.readFully(450_000, 49_952)).isEqualTo(slice(c, 450_000, 49_952));
      assertThat(s.stats()).isEqualTo(new RequestStats.Snapshot(1, 65_536, 0));
      assertThat(s.version().etag()).startsWith("\"");
      assertThat(s.version().isPinned()).isTrue();
      assertThat(s.readFully(1000, 10)).isEqualTo(slice(c, 1000, 10));
      assertThat(s.stats().requests()).isEqualTo(2);
    }
  }

  @Test
  void aReplacedObjectFailsWithObjectChangedInsteadOfMixingVersions() throws Exception {
    byte[] c = RangeSourceContract.content(200_000, 2);
    S3Location loc = put(c);
    try (RemoteRangeSource s = S3RangeSource.open(s3.admin, loc, S3ProxyServer.OPTIONS)) {
      assertThat(s.readFully(0, 10)).isEqualTo(slice(c, 0, 10));
      s3.put(loc, RangeSourceContract.content(200_000, 3));
      assertThatThrownBy(() -> s.readFully(0, 10))
          .isInstanceOf(ObjectChangedException.class)
          .hasMessageContaining(loc.toString());
      assertThat(s.stats().retries()).isZero();
    }
  }

  @Test
  void aDeletedObjectFailsWithObjectChanged() throws Exception {
    S3Location loc = put(RangeSourceContract.content(200_000, 4));
    try (RemoteRangeSource s = S3RangeSource.open(s3.admin, loc, S3ProxyServer.OPTIONS)) {
      s3.admin.deleteObject(b -> b.bucket(loc.bucket()).key(loc.key()));
      assertThatThrownBy(() -> s.readFully(0, 10)).isInstanceOf(ObjectChangedException.class);
    }
  }

  @Test
  void missingObjectsAndBucketsFailAtOpen() {
    assertThatThrownBy(() -> S3RangeSource.open(s3.admin, S3Location.of("reads", "nope.des"), S3ProxyServer.OPTIONS))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining("s3://reads/nope.des");
    assertThatThrownBy(() -> S3RangeSource.open(s3.admin, S3Location.of("no-such-bucket", "x"), S3ProxyServer.OPTIONS))
        .isInstanceOf(IOException.class).hasMessageContaining("NoSuchBucket");
  }

  @Test
  void wrongCredentialsFailWithAccessDenied() throws Exception {
    S3Location loc = put(RangeSourceContract.content(1000, 5));
    S3Options bad = s3.options().withKeys(S3ProxyServer.ACCESS, "wrong-secret");
    assertThatThrownBy(() -> S3RangeSource.open(loc, bad, S3ProxyServer.OPTIONS))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void inAVersionedBucketTheOpenedVersionStaysReadableAfterAnOverwrite() throws Exception {
    s3.createBucket("versioned");
    s3.admin.putBucketVersioning(b -> b.bucket("versioned")
        .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    S3Location loc = S3Location.of("versioned", "c.des");
    byte[] v1 = RangeSourceContract.content(200_000, 6);
    s3.put(loc, v1);
    try (RemoteRangeSource s = S3RangeSource.open(s3.admin, loc, S3ProxyServer.OPTIONS)) {
      assertThat(s.version().versionId()).isNotNull();
      s3.put(loc, RangeSourceContract.content(200_000, 7));
      assertThat(s.readFully(0, 100)).isEqualTo(slice(v1, 0, 100));
      S3Location pinned = new S3Location("versioned", "c.des", s.version().versionId());
      try (RemoteRangeSource old = S3RangeSource.open(s3.admin, pinned, S3ProxyServer.OPTIONS)) {
        assertThat(old.readFully(5000, 100)).isEqualTo(slice(v1, 5000, 100));
      }
    }
  }

  @Test
  void rangeSourcesOpensS3UrisThroughTheProviderWithCaching() throws Exception {
    byte[] c = RangeSourceContract.content(300_000, 8);
    S3Location loc = put(c);
    BlockCache cache = BlockCaches.memory(4 << 20);
    URI uri = URI.create(loc.toString());
    try (RangeSource s = RangeSources.open(uri, s3.providerOptions().withCache(cache, 65_536))) {
      assertThat(s).isInstanceOf(CachingRangeSource.class);
      assertThat(s.readFully(100, 100)).isEqualTo(slice(c, 100, 100));
    }
    try (RangeSource s = RangeSources.open(uri, s3.providerOptions().withCache(cache, 65_536))) {
      assertThat(s.readFully(100, 100)).isEqualTo(slice(c, 100, 100));
      assertThat(RemoteSources.requestStats(s).orElseThrow().requests()).as("served from the shared cache").isEqualTo(1);
    }
  }

  @Test
  void theDefaultCredentialChainIsUsedWhenNoKeysAreGiven() throws Exception {
    byte[] c = RangeSourceContract.content(1000, 9);
    S3Location loc = put(c);
    System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS);
    System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET);
    try (RemoteRangeSource s = S3RangeSource.open(loc, S3Options.forEndpoint(s3.endpoint()).withRegion("us-east-1"),
        S3ProxyServer.OPTIONS)) {
      assertThat(s.readFully(0, 1000)).isEqualTo(c);
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void aNamedProfileSuppliesKeysAndRegion(@TempDir Path dir) throws Exception {
    byte[] c = RangeSourceContract.content(1000, 10);
    S3Location loc = put(c);
    Path credentials = Files.writeString(dir.resolve("credentials"), "[easystore-test]\naws_access_key_id = "
        + S3ProxyServer.ACCESS + "\naws_secret_access_key = " + S3ProxyServer.SECRET + "\n");
    Path config = Files.writeString(dir.resolve("config"), "[profile easystore-test]\nregion = us-east-1\n");
    System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    System.setProperty("aws.configFile", config.toString());
    try (RemoteRangeSource s = S3RangeSource.open(loc, S3Options.forEndpoint(s3.endpoint()).withProfile("easystore-test"),
        S3ProxyServer.OPTIONS)) {
      assertThat(s.readFully(0, 1000)).isEqualTo(c);
    } finally {
      System.clearProperty("aws.sharedCredentialsFile");
      System.clearProperty("aws.configFile");
    }
  }

  @Test
  void aClientPassedInIsNotClosedWithTheSource() throws Exception {
    S3Location loc = put(RangeSourceContract.content(1000, 11));
    S3Client client = s3.admin;
    S3RangeSource.open(client, loc, S3ProxyServer.OPTIONS).close();
    assertThat(s3.exists(loc)).isTrue();
  }
}
