package io.dolly.bench;

import java.util.SplittableRandom;

/**
 * The statements sysbench's oltp_read_write sends most often, with values filled in as sysbench
 * does ({@code c} is 10 groups of 11 digits, {@code pad} 5 groups), so the parser sees the same
 * token mix as under the real load.
 */
public enum SysbenchStatement {
  POINT_SELECT {
    @Override
    String text(SplittableRandom rnd) {
      return "SELECT c FROM sbtest1 WHERE id=" + id(rnd);
    }
  },
  UPDATE_BY_ID {
    @Override
    String text(SplittableRandom rnd) {
      return "UPDATE sbtest1 SET k=k+1 WHERE id=" + id(rnd);
    }
  },
  RANGE_ORDER_BY {
    @Override
    String text(SplittableRandom rnd) {
      int from = id(rnd);
      return "SELECT c FROM sbtest1 WHERE id BETWEEN "
          + from
          + " AND "
          + (from + 99)
          + " ORDER BY c";
    }
  },
  INSERT {
    @Override
    String text(SplittableRandom rnd) {
      return "INSERT INTO sbtest1 (id, k, c, pad) VALUES ("
          + id(rnd)
          + ", "
          + id(rnd)
          + ", '"
          + digitGroups(rnd, 10)
          + "', '"
          + digitGroups(rnd, 5)
          + "')";
    }
  };

  /** sysbench's default table size. */
  static final int TABLE_SIZE = 100_000;

  /** One statement of this kind with fresh random values. */
  abstract String text(SplittableRandom rnd);

  /** {@code count} statements of this kind, generated from {@code seed}. */
  public String[] texts(int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      out[i] = text(rnd);
    }
    return out;
  }

  private static int id(SplittableRandom rnd) {
    return 1 + rnd.nextInt(TABLE_SIZE);
  }

  /** sysbench's {@code ###########-} groups: 11 digits and a dash each, the last without dash. */
  private static String digitGroups(SplittableRandom rnd, int groups) {
    StringBuilder sb = new StringBuilder(groups * 12);
    for (int g = 0; g < groups; g++) {
      if (g > 0) {
        sb.append('-');
      }
      for (int d = 0; d < 11; d++) {
        sb.append((char) ('0' + rnd.nextInt(10)));
      }
    }
    return sb.toString();
  }
}
