package io.dolly.clone;

/**
 * The seven stages of a clone, in the fixed order {@code performance_schema.clone_progress} lists
 * them. On the wire a stage travels as {@link #code()} (its position, starting at 1), so the order
 * here is part of the clone protocol and must never change.
 */
public enum CloneStage {
  DROP_DATA("DROP DATA"),
  FILE_COPY("FILE COPY"),
  PAGE_COPY("PAGE COPY"),
  REDO_COPY("REDO COPY"),
  FILE_SYNC("FILE SYNC"),
  RESTART("RESTART"),
  RECOVERY("RECOVERY");

  private static final CloneStage[] BY_POSITION = values();

  private final String label;

  CloneStage(String label) {
    this.label = label;
  }

  /** The STAGE column text, e.g. {@code FILE COPY}. */
  public String label() {
    return label;
  }

  /** The wire code: 1 for DROP DATA through 7 for RECOVERY. */
  public int code() {
    return ordinal() + 1;
  }

  /** True for the stages that stream file data (and so carry chunks). */
  public boolean carriesData() {
    return this == FILE_COPY || this == PAGE_COPY || this == REDO_COPY;
  }

  /** The stage for a wire code, or null when the code names no stage. */
  public static CloneStage ofCode(int code) {
    return code >= 1 && code <= BY_POSITION.length ? BY_POSITION[code - 1] : null;
  }

  /** The stage whose label is {@code label}, or null. */
  public static CloneStage ofLabel(String label) {
    for (CloneStage s : BY_POSITION) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    return null;
  }
}
