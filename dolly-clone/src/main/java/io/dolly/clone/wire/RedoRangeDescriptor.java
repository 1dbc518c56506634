package io.dolly.clone.wire;

/**
 * The redo the REDO COPY stage carries: from the LSN where page tracking started to the snapshot's
 * end LSN, the instant the clone is consistent at.
 *
 * <pre>
 *   u64  start LSN
 *   u64  end LSN (≥ start)
 * </pre>
 */
public record RedoRangeDescriptor(long startLsn, long endLsn) implements DataDescriptor {
  public RedoRangeDescriptor {
    if (startLsn < 0 || endLsn < startLsn) {
      throw CloneProtocol.malformed("redo range " + startLsn + ".." + endLsn + " invalid");
    }
  }

  @Override
  public int kind() {
    return KIND_REDO_RANGE;
  }

  @Override
  public void write(FieldWriter w) {
    w.u64(startLsn).u64(endLsn);
  }

  static RedoRangeDescriptor read(FieldReader r) {
    long start = r.u64In("start lsn", 0, Long.MAX_VALUE);
    long end = r.u64In("end lsn", 0, Long.MAX_VALUE);
    if (end < start) {
      throw r.invalid("redo end lsn " + end + " before start " + start);
    }
    return new RedoRangeDescriptor(start, end);
  }
}
