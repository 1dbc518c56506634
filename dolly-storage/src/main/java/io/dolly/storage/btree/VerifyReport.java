package io.dolly.storage.btree;

import java.util.List;

/**
 * What {@link BTree#verify()} found: the problems (empty when the tree is sound) and the tree's
 * shape, for CHECK TABLE and the inspect tool.
 */
public record VerifyReport(
    List<String> problems,
    int height,
    long records,
    int internalPages,
    int leafPages,
    int overflowPages) {
  public VerifyReport {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  @Override
  public String toString() {
    return (ok() ? "OK" : problems.size() + " problem(s): " + String.join("; ", problems))
        + " [height="
        + height
        + ", records="
        + records
        + ", internal="
        + internalPages
        + ", leaves="
        + leafPages
        + ", overflow="
        + overflowPages
        + "]";
  }
}
