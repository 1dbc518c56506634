package io.dolly.storage.catalog;

import io.dolly.storage.record.KeyEncoder;

/**
 * A scan range as key bytes: lower bound {@code from} (inclusive or not), upper bound {@code to}
 * (always exclusive here), null for unbounded. A bound on a prefix of the index's columns covers
 * every key that starts with it: [enc, end(enc)) where end is {@link KeyEncoder#prefixEnd}.
 */
record ByteRange(byte[] from, boolean fromInclusive, byte[] to) {
  /**
   * The range of {@code cols} between the bounds, or null when it is empty. {@code cols} null is a
   * hidden row id index, whose only column is the row id.
   */
  static ByteRange of(KeyColumns cols, KeyBound from, KeyBound to) {
    byte[] lo = null;
    boolean loInclusive = true;
    byte[] hi = null;
    if (from != null && !from.unbounded()) {
      byte[] enc = encode(cols, from.values());
      if (from.inclusive() || (cols != null && cols.truncates(from.values()))) {
        lo = enc;
      } else {
        lo = KeyEncoder.prefixEnd(enc);
        if (lo == null) {
          return null;
        }
      }
    }
    if (to != null && !to.unbounded()) {
      byte[] enc = encode(cols, to.values());
      if (to.inclusive() || (cols != null && cols.truncates(to.values()))) {
        hi = KeyEncoder.prefixEnd(enc);
      } else {
        hi = enc;
      }
    }
    return new ByteRange(lo, loInclusive, hi);
  }

  private static byte[] encode(KeyColumns cols, Object[] values) {
    if (cols == null) {
      if (values.length != 1) {
        throw new IllegalArgumentException("a hidden row id bound has one value");
      }
      return HiddenRowIds.key(((Number) values[0]).longValue());
    }
    if (values.length > cols.size()) {
      throw new IllegalArgumentException(
          values.length + " bound values for an index of " + cols.size() + " columns");
    }
    return cols.encodeValues(values);
  }
}
