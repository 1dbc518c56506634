package io.dolly.clone.status;

/** The STATE column of clone_status and clone_progress, with MySQL's exact texts. */
public enum CloneState {
  NOT_STARTED("Not Started"),
  IN_PROGRESS("In Progress"),
  COMPLETED("Completed"),
  FAILED("Failed");

  private final String label;

  CloneState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static CloneState ofLabel(String label) {
    for (CloneState s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown clone state '" + label + "'");
  }
}
