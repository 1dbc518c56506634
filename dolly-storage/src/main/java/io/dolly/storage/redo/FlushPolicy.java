package io.dolly.storage.redo;

/** {@code innodb_flush_log_at_trx_commit}: what a commit waits for. */
public enum FlushPolicy {
  /** 0: redo is written and fsynced about once a second; commits do not wait. */
  WRITE_AND_SYNC_EVERY_SECOND(0),
  /** 1: a commit waits until its redo is fsynced (one fsync serves a whole group). */
  SYNC_AT_COMMIT(1),
  /** 2: a commit waits until its redo is written to the OS; fsync about once a second. */
  WRITE_AT_COMMIT(2);

  private final int mysqlValue;

  FlushPolicy(int mysqlValue) {
    this.mysqlValue = mysqlValue;
  }

  public int mysqlValue() {
    return mysqlValue;
  }

  public static FlushPolicy of(int mysqlValue) {
    for (FlushPolicy p : values()) {
      if (p.mysqlValue == mysqlValue) {
        return p;
      }
    }
    throw new IllegalArgumentException("innodb_flush_log_at_trx_commit must be 0, 1 or 2");
  }
}
