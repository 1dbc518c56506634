package io.dolly.storage.record;

/** YEAR is one byte: 0 for the year 0000, otherwise year - 1900 (1901..2155). */
final class YearValues {
  private YearValues() {}

  static int toByte(long year) {
    if (year == 0) {
      return 0;
    }
    if (year < 1901 || year > 2155) {
      throw new IllegalArgumentException("Out of range value for YEAR: " + year);
    }
    return (int) (year - 1900);
  }

  static long fromByte(int b) {
    int v = b & 0xFF;
    return v == 0 ? 0 : 1900 + v;
  }
}
