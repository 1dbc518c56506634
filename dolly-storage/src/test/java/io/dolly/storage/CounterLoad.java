package io.dolly.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import java.util.SplittableRandom;

/**
 * A test page format for generating load without the B+tree. Page 1 of the space is the "total"
 * page, pages 2..n+1 are counter pages. Mini-transaction j adds one to two random counters, adds
 * two to the total and stores j in the total page: so after any recovery the counters must sum to
 * the total (no partial mini-transaction) and the total equals 2 * (last j + 1).
 *
 * <pre>
 * offset              field
 * BODY_START          counter (long)
 * BODY_START + 8      last mini-transaction number (long, total page only)
 * BODY_START + 16 ... filler bytes rewritten by each change (makes redo and pages busier)
 * </pre>
 */
final class CounterLoad {
  static final int TYPE = 100;
  static final int COUNTER = PageHeader.BODY_START;
  static final int LAST = PageHeader.BODY_START + 8;
  static final int FILLER = PageHeader.BODY_START + 16;
  static final int TOTAL_PAGE = 1;

  final StorageEngine engine;
  final int spaceId;
  final int counters;

  private CounterLoad(StorageEngine engine, int spaceId, int counters) {
    this.engine = engine;
    this.spaceId = spaceId;
    this.counters = counters;
  }

  /** Creates the space and its pages; durable on return. */
  static CounterLoad create(StorageEngine engine, String path, int counters) {
    int space = engine.createTablespace(path);
    int done = 0;
    while (done <= counters) {
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        for (int i = 0; i < 32 && done <= counters; i++, done++) {
          PageHandle p = mtr.allocatePage(space, TYPE);
          assertThat(p.pageNo()).isEqualTo(done + 1);
        }
        mtr.commit();
      }
    }
    engine.checkpoint();
    return new CounterLoad(engine, space, counters);
  }

  static CounterLoad attach(StorageEngine engine, int spaceId, int counters) {
    return new CounterLoad(engine, spaceId, counters);
  }

  /** Runs mini-transaction number {@code j}; returns its commit LSN. */
  long step(long j, SplittableRandom rnd) {
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      PageHandle total = mtr.writePage(spaceId, TOTAL_PAGE);
      int a = 2 + rnd.nextInt(counters);
      int b = 2 + rnd.nextInt(counters);
      bump(mtr.writePage(spaceId, a), rnd);
      PageHandle pb = mtr.writePage(spaceId, b);
      bump(pb, rnd);
      total.putLong(COUNTER, total.getLong(COUNTER) + 2);
      total.putLong(LAST, j);
      mtr.commit();
      return mtr.commitLsn();
    }
  }

  private static void bump(PageHandle p, SplittableRandom rnd) {
    p.putLong(COUNTER, p.getLong(COUNTER) + 1);
    byte[] filler = new byte[64 + rnd.nextInt(256)];
    rnd.nextBytes(filler);
    int at = FILLER + rnd.nextInt(p.pageSize() - FILLER - filler.length);
    p.putBytes(at, filler, 0, filler.length);
  }

  /** Checks the invariants; returns the last mini-transaction number present (-1 if none). */
  long verify() {
    long[] r = check();
    assertThat(r[0]).as("total matches the last mini-transaction").isEqualTo(2 * (r[1] + 1));
    return r[1];
  }

  /** Checks only that counters sum to the total; returns the number of mini-transactions. */
  long verifyConcurrent() {
    return check()[0] / 2;
  }

  private long[] check() {
    long t;
    long last;
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      PageHandle total = mtr.readPage(spaceId, TOTAL_PAGE);
      t = total.getLong(COUNTER);
      last = t == 0 ? -1 : total.getLong(LAST);
    }
    long sum = 0;
    for (int i = 0; i < counters; i++) {
      // One page per mini-transaction: a small buffer pool cannot pin them all at once.
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        PageHandle p = mtr.readPage(spaceId, 2 + i);
        assertThat(p.getShort(PageHeader.PAGE_TYPE)).isEqualTo(TYPE);
        sum += p.getLong(COUNTER);
      }
    }
    assertThat(sum).as("counters sum to the total (no partial mini-transaction)").isEqualTo(t);
    return new long[] {t, last};
  }

  static long seed(String name) {
    String v = System.getProperty("dolly.storage.seed");
    long seed = v != null ? Long.parseLong(v) : System.nanoTime();
    System.out.println(name + " seed=" + seed + " (replay with -Ddolly.storage.seed=" + seed + ")");
    return seed;
  }
}
