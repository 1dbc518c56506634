package io.dolly.clone.wire;

import io.dolly.clone.CloneStage;

/**
 * A stage begins or ends on the donor. BEGIN carries how many files and bytes the stage will send
 * (the ESTIMATE of clone_progress); END tells the recipient to finish the stage and ACK it.
 *
 * <pre>
 *   u8   stage code
 *   u8   event: 1 BEGIN, 2 END
 *   u32  file count (0 .. 2^31-1)
 *   u64  estimated bytes (0 .. 2^63-1)
 * </pre>
 */
public record StageChange(CloneStage stage, Event event, int fileCount, long estimateBytes)
    implements DataDescriptor {
  /** Whether the stage starts or finishes. */
  public enum Event {
    BEGIN,
    END;

    int code() {
      return ordinal() + 1;
    }
  }

  public StageChange {
    if (stage == null || event == null) {
      throw CloneProtocol.malformed("stage change without stage or event");
    }
    if (fileCount < 0 || estimateBytes < 0) {
      throw CloneProtocol.malformed("stage change counts negative");
    }
  }

  @Override
  public int kind() {
    return KIND_STAGE;
  }

  @Override
  public void write(FieldWriter w) {
    w.u8(stage.code()).u8(event.code()).u32(fileCount).u64(estimateBytes);
  }

  static StageChange read(FieldReader r) {
    int code = r.u8("stage");
    CloneStage stage = CloneStage.ofCode(code);
    if (stage == null) {
      throw r.invalid("names unknown stage " + code);
    }
    int ev = r.u8("event");
    if (ev < 1 || ev > 2) {
      throw r.invalid("has unknown stage event " + ev);
    }
    int files = r.u32In("file count", 0, Integer.MAX_VALUE);
    long estimate = r.u64In("estimate", 0, Long.MAX_VALUE);
    return new StageChange(stage, Event.values()[ev - 1], files, estimate);
  }
}
