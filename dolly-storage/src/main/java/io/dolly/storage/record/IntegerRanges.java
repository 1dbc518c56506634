package io.dolly.storage.record;

/** The value ranges of the integer types, checked before a value is stored. */
final class IntegerRanges {
  private IntegerRanges() {}

  static long check(ColumnKind kind, boolean unsigned, long v) {
    int bits = 8 * kind.fixedSize();
    boolean ok;
    if (bits == 64) {
      ok = true; // an unsigned BIGINT uses the whole long
    } else if (unsigned) {
      ok = v >= 0 && v < (1L << bits);
    } else {
      ok = v >= -(1L << (bits - 1)) && v < (1L << (bits - 1));
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "Out of range value for " + kind + (unsigned ? " UNSIGNED" : "") + ": " + v);
    }
    return v;
  }
}
