package io.easystore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.easystore.testing.HostileInput;

/**
 * Arbitrary bytes opened as a container must end in correct data or a typed, named error. Plain
 * test runs replay the inputs saved under {@code src/test/resources/.../ContainerFuzzTestInputs};
 * {@code -Pfuzz} searches for new ones (crashes are written there as regression inputs).
 */
class ContainerFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void anyBytesGiveDataOrATypedError(byte[] bytes) {
    HostileInput.exercise("fuzz.des", bytes, "fuzz input of " + bytes.length + " bytes");
  }
}
