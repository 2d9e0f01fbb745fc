package io.easystore;

import java.util.List;
import java.util.Objects;

/**
 * Outcome of a full verification pass. Immutable.
 *
 * @param container the container's name
 * @param entriesChecked entries whose body and metadata were read
 * @param bytesChecked body bytes read
 * @param problems one line per problem found; empty when the container is sound
 */
public record VerifyReport(String container, long entriesChecked, long bytesChecked, List<String> problems) {

  public VerifyReport {
    Objects.requireNonNull(container, "container");
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
