package io.dolly.storage.catalog;

import java.util.List;

/** What {@link Table#check()} found: ok when problems is empty. */
public record CheckResult(boolean ok, List<String> problems) {
  public CheckResult {
    problems = List.copyOf(problems);
  }

  static CheckResult of(List<String> problems) {
    return new CheckResult(problems.isEmpty(), problems);
  }
}
