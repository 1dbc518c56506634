package io.dolly.storage.catalog;

import io.dolly.storage.record.ColumnKind;
import io.dolly.storage.record.ColumnSpec;
import io.dolly.storage.record.KeyEncoder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The columns of one index and how their values become key bytes ({@link KeyEncoder}): a prefix
 * index keeps only the leading characters (strings) or bytes (binary) of a value, so two values
 * that differ after the prefix share a key.
 */
final class KeyColumns {
  private final int[] positions;
  private final int[] prefixes;
  private final ColumnSpec[] specs;
  private final KeyEncoder encoder;
  private final KeyEncoder[] single;

  KeyColumns(TableDefinition table, IndexDefinition index) {
    int n = index.columns().size();
    positions = new int[n];
    prefixes = new int[n];
    specs = new ColumnSpec[n];
    for (int i = 0; i < n; i++) {
      int p = table.column(index.columns().get(i));
      if (p < 0) {
        throw new IllegalArgumentException(
            "Key column '" + index.columns().get(i) + "' doesn't exist in table");
      }
      positions[i] = p;
      prefixes[i] = index.prefixLengths().get(i);
      specs[i] = table.columns().get(p).spec();
    }
    encoder = new KeyEncoder(List.of(specs));
    single = new KeyEncoder[n];
    for (int i = 0; i < n; i++) {
      single[i] = new KeyEncoder(List.of(specs[i]));
    }
  }

  int size() {
    return positions.length;
  }

  int position(int i) {
    return positions[i];
  }

  /** The key of a full row. */
  byte[] encode(Object[] row) {
    Object[] values = new Object[positions.length];
    for (int i = 0; i < positions.length; i++) {
      values[i] = truncate(i, row[positions[i]]);
    }
    return encoder.encode(values);
  }

  /** The key of the first {@code values.length} index columns (a bound or a lookup key). */
  byte[] encodeValues(Object[] values) {
    Object[] v = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      v[i] = truncate(i, values[i]);
    }
    return encoder.encode(v);
  }

  /** True when the key of some of {@code values} lost characters to a prefix length. */
  boolean truncates(Object[] values) {
    for (int i = 0; i < values.length && i < positions.length; i++) {
      if (prefixes[i] > 0 && truncate(i, values[i]) != values[i]) {
        return true;
      }
    }
    return false;
  }

  /** True when the row's values in these columns equal {@code values} (whole values compared). */
  boolean matches(Object[] row, Object[] values) {
    for (int i = 0; i < values.length; i++) {
      Object a = row[positions[i]];
      Object b = values[i];
      if (a == null || b == null) {
        if (a != b) {
          return false;
        }
        continue;
      }
      if (!Arrays.equals(single[i].encode(a), single[i].encode(b))) {
        return false;
      }
    }
    return true;
  }

  boolean hasNull(Object[] row) {
    for (int p : positions) {
      if (row[p] == null) {
        return true;
      }
    }
    return false;
  }

  /** Bytes of {@code key} taken by these columns' part, which a secondary key starts with. */
  int encodedLength(byte[] key) {
    return encoder.encodedLength(key, positions.length);
  }

  private Object truncate(int i, Object value) {
    int prefix = prefixes[i];
    if (prefix <= 0 || value == null) {
      return value;
    }
    if (value instanceof String s && s.codePointCount(0, s.length()) > prefix) {
      return s.substring(0, s.offsetByCodePoints(0, prefix));
    }
    if (value instanceof byte[] b && b.length > prefix) {
      return Arrays.copyOf(b, prefix);
    }
    return value;
  }

  /** The key as MySQL prints it in error 1062: the (prefix) values joined with '-'. */
  String keyText(Object[] row) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < positions.length; i++) {
      parts.add(text(specs[i], truncate(i, row[positions[i]])));
    }
    return String.join("-", parts);
  }

  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

  static String text(ColumnSpec spec, Object v) {
    if (v == null) {
      return "NULL";
    }
    return switch (v) {
      case Long l when spec.kind() == ColumnKind.BIGINT && spec.unsigned() ->
          Long.toUnsignedString(l);
      case BigDecimal d -> d.toPlainString();
      case Double d when d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15 ->
          Long.toString(d.longValue());
      case Float f when f == Math.rint(f) && !f.isInfinite() && Math.abs(f) < 1e7 ->
          Long.toString(f.longValue());
      case byte[] b -> new String(b, StandardCharsets.UTF_8);
      case LocalDateTime t -> fractionless(t.format(DATETIME));
      case Instant t -> fractionless(LocalDateTime.ofInstant(t, ZoneOffset.UTC).format(DATETIME));
      case Duration d -> time(d);
      default -> v.toString();
    };
  }

  private static String fractionless(String s) {
    return s.endsWith(".000000") ? s.substring(0, s.length() - 7) : s;
  }

  private static String time(Duration d) {
    long micros = d.toNanos() / 1000;
    String sign = micros < 0 ? "-" : "";
    micros = Math.abs(micros);
    long seconds = micros / 1_000_000;
    String s =
        String.format("%s%02d:%02d:%02d", sign, seconds / 3600, (seconds / 60) % 60, seconds % 60);
    long frac = micros % 1_000_000;
    return frac == 0 ? s : s + String.format(".%06d", frac);
  }
}
