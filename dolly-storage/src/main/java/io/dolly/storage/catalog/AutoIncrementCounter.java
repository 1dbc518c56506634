package io.dolly.storage.catalog;

import java.util.function.LongSupplier;

/**
 * A table's AUTO_INCREMENT counter, kept in memory as InnoDB does and persisted in the dictionary
 * tree whenever it grows, in a mini-transaction of its own: like InnoDB's, it is not rolled back
 * with the insert that used a value. Its redo precedes that of the row that used the value, so a
 * committed row's value is never handed out again after a restart. At first use the counter starts
 * at max(persisted value, max(column) + 1, 1).
 */
final class AutoIncrementCounter {
  /** Reads and writes the persisted value of one table. */
  interface Store {
    long read();

    void write(long next);
  }

  private final Store store;
  private final LongSupplier maxInTable;
  private boolean loaded;
  private long next;
  private long persisted;

  AutoIncrementCounter(Store store, LongSupplier maxInTable) {
    this.store = store;
    this.maxInTable = maxInTable;
  }

  private void load() {
    if (!loaded) {
      persisted = store.read();
      next = Math.max(Math.max(persisted, maxInTable.getAsLong() + 1), 1);
      loaded = true;
    }
  }

  /** The value the next insert without one would get. */
  synchronized long peek() {
    load();
    return next;
  }

  /** Hands out the next value. */
  synchronized long allocate() {
    load();
    long v = next++;
    persist();
    return v;
  }

  /** An explicit value was stored: later values are above it. */
  synchronized void observe(long value) {
    load();
    if (value >= next) {
      next = value + 1;
      persist();
    }
  }

  /** ALTER TABLE ... AUTO_INCREMENT = n: as InnoDB, never below max(column) + 1. */
  synchronized void reset(long requested) {
    load();
    next = Math.max(Math.max(requested, maxInTable.getAsLong() + 1), 1);
    store.write(next);
    persisted = next;
  }

  private void persist() {
    if (next > persisted) {
      store.write(next);
      persisted = next;
    }
  }
}
