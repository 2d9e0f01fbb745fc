package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefaultReaderOptionsTest {

  @Test
  void defaultReaderOptionsHaveASkipListener() {
    // A tolerated torn tail is reported to onSkip(); a null listener made it a NullPointerException.
    assertThat(ReaderOptions.defaults().onSkip()).isNotNull();
    assertThat(ReaderOptions.defaults()).isEqualTo(ReaderOptions.builder().build());
  }
}
