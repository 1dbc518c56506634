package io.dolly.storage.record;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The integer forms of temporal values shared by keys and rows: DATE packs {@code year << 9 | month
 * << 5 | day} (ordered like the date); TIME, DATETIME and TIMESTAMP are microseconds (of duration,
 * since 1970-01-01T00:00 taken as UTC, and since the epoch) rounded half-up to the column's
 * fractional-seconds precision, as MySQL rounds on store.
 */
final class TemporalValues {
  private static final long[] UNIT = {1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

  private TemporalValues() {}

  static int packDate(LocalDate d) {
    return (d.getYear() << 9) | (d.getMonthValue() << 5) | d.getDayOfMonth();
  }

  static LocalDate unpackDate(int packed) {
    return LocalDate.of(packed >>> 9, (packed >>> 5) & 0xF, packed & 0x1F);
  }

  /** The value of a TIME, DATETIME or TIMESTAMP column in rounded microseconds. */
  static long micros(ColumnKind kind, Object value, int fsp) {
    long micros =
        switch (kind) {
          case TIME -> {
            Duration d = (Duration) value;
            yield Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
          }
          case DATETIME -> {
            LocalDateTime t = (LocalDateTime) value;
            yield t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
          }
          case TIMESTAMP -> {
            Instant t = (Instant) value;
            yield Math.addExact(
                Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
          }
          default -> throw new IllegalArgumentException(kind + " is not a time type");
        };
    return round(micros, fsp, kind == ColumnKind.TIME);
  }

  static Object fromMicros(ColumnKind kind, long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
    return switch (kind) {
      case TIME -> Duration.ofSeconds(seconds, nanos);
      case DATETIME -> LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
      case TIMESTAMP -> Instant.ofEpochSecond(seconds, nanos);
      default -> throw new IllegalArgumentException(kind + " is not a time type");
    };
  }

  /**
   * Rounds to the precision: a point in time rounds its fraction half up (to the later instant,
   * also before 1970), a TIME duration rounds half away from zero, as MySQL does.
   */
  private static long round(long micros, int fsp, boolean duration) {
    long unit = UNIT[fsp];
    if (unit == 1) {
      return micros;
    }
    long floor = Math.floorDiv(micros, unit) * unit;
    long rest = micros - floor;
    if (micros >= 0 || !duration) {
      return rest * 2 >= unit ? floor + unit : floor;
    }
    return rest * 2 > unit ? floor + unit : floor;
  }
}
