package io.dolly.storage.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded: {@code -Drow.seed=N} replays; failures print the seed. */
class RowFormatTest {
  private static final long SEED = Long.getLong("row.seed", System.nanoTime());

  private static final List<ColumnSpec> ALL =
      List.of(
          ColumnSpec.integer(ColumnKind.TINYINT, false, true),
          ColumnSpec.integer(ColumnKind.TINYINT, true, true),
          ColumnSpec.integer(ColumnKind.SMALLINT, false, true),
          ColumnSpec.integer(ColumnKind.MEDIUMINT, false, true),
          ColumnSpec.integer(ColumnKind.MEDIUMINT, true, true),
          ColumnSpec.integer(ColumnKind.INT, false, true),
          ColumnSpec.integer(ColumnKind.INT, true, true),
          ColumnSpec.integer(ColumnKind.BIGINT, false, true),
          ColumnSpec.integer(ColumnKind.BIGINT, true, true),
          ColumnSpec.decimal(65, 30, true),
          ColumnSpec.decimal(10, 2, true),
          ColumnSpec.of(ColumnKind.FLOAT, true),
          ColumnSpec.of(ColumnKind.DOUBLE, true),
          ColumnSpec.string(ColumnKind.CHAR, 10, Collation.UTF8MB4_0900_AI_CI, true),
          ColumnSpec.string(ColumnKind.VARCHAR, 300, Collation.UTF8MB4_BIN, true),
          ColumnSpec.string(ColumnKind.TEXT, 65535, Collation.UTF8MB4_0900_AI_CI, true),
          ColumnSpec.binary(ColumnKind.BINARY, 16, true),
          ColumnSpec.binary(ColumnKind.VARBINARY, 1000, true),
          ColumnSpec.binary(ColumnKind.BLOB, 65535, true),
          ColumnSpec.of(ColumnKind.DATE, true),
          ColumnSpec.temporal(ColumnKind.TIME, 6, true),
          ColumnSpec.temporal(ColumnKind.DATETIME, 6, true),
          ColumnSpec.temporal(ColumnKind.TIMESTAMP, 3, true),
          ColumnSpec.of(ColumnKind.YEAR, true),
          ColumnSpec.of(ColumnKind.NULL, true));

  private static Object randomValue(ColumnSpec c, SplittableRandom r, boolean max) {
    int bits = 8 * Math.max(1, c.kind().fixedSize());
    return switch (c.kind()) {
      case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT -> {
        if (bits == 64) {
          yield max ? (c.unsigned() ? -1L : Long.MAX_VALUE) : r.nextLong();
        }
        long lo = c.unsigned() ? 0 : -(1L << (bits - 1));
        long hi = c.unsigned() ? (1L << bits) - 1 : (1L << (bits - 1)) - 1;
        yield max ? (r.nextBoolean() ? hi : lo) : r.nextLong(lo, hi + 1);
      }
      case DECIMAL -> {
        BigInteger unscaled =
            max
                ? BigInteger.TEN.pow(c.precision()).subtract(BigInteger.ONE)
                : BigInteger.valueOf(r.nextLong()).mod(BigInteger.TEN.pow(c.precision()));
        yield new BigDecimal(r.nextBoolean() ? unscaled : unscaled.negate(), c.scale());
      }
      case FLOAT -> max ? -Float.MAX_VALUE : (float) r.nextDouble(-1e6, 1e6);
      case DOUBLE -> max ? Double.MAX_VALUE : r.nextDouble(-1e300, 1e300);
      case CHAR, VARCHAR, TEXT -> {
        StringBuilder sb = new StringBuilder();
        int n =
            max
                ? (c.kind() == ColumnKind.TEXT ? c.length() / 4 : c.length())
                : r.nextInt(Math.min(20, c.length() + 1));
        for (int i = 0; i < n; i++) {
          sb.appendCodePoint(max ? 0x1F600 : (r.nextBoolean() ? 'a' + r.nextInt(26) : 0xE9));
        }
        yield sb.toString();
      }
      case BINARY, VARBINARY, BLOB -> {
        byte[] b = new byte[max ? c.length() : r.nextInt(Math.min(200, c.length() + 1))];
        r.nextBytes(b);
        yield b;
      }
      case DATE ->
          max ? LocalDate.of(9999, 12, 31) : LocalDate.ofEpochDay(r.nextInt(-300_000, 2_900_000));
      case TIME ->
          max
              ? Duration.ofSeconds(-(838L * 3600 + 59 * 60 + 59), 0)
              : Duration.ofSeconds(r.nextLong(-3_000_000, 3_000_000), r.nextInt(1_000_000) * 1000L);
      case DATETIME ->
          max
              ? LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)
              : LocalDateTime.of(1000, 1, 1, 0, 0).plusSeconds(r.nextLong(280_000_000_000L));
      case TIMESTAMP ->
          Instant.ofEpochSecond(r.nextLong(1, 2_147_483_647L), r.nextInt(1000) * 1_000_000L);
      case YEAR -> max ? 2155L : (r.nextInt(10) == 0 ? 0L : 1901L + r.nextInt(255));
      case NULL -> null;
    };
  }

  private static void roundTrip(Object[] values, SplittableRandom r) {
    RowFormat format = new RowFormat(ALL);
    long trx = r.nextLong(1L << 48);
    long roll = r.nextLong(1L << 56);
    byte[] row = format.encode(trx, roll, values);
    assertThat(RowFormat.trxId(row)).isEqualTo(trx);
    assertThat(RowFormat.rollPointer(row)).isEqualTo(roll);
    Object[] back = format.decode(row);
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      Object b = back[i];
      if (v instanceof BigDecimal d) {
        assertThat((BigDecimal) b).as("seed=%d column %d", SEED, i).isEqualByComparingTo(d);
      } else {
        assertThat(b).as("seed=%d column %d (%s)", SEED, i, ALL.get(i).kind()).isEqualTo(v);
      }
    }
    RowFormat.withHeader(row, 7, 9);
    assertThat(RowFormat.trxId(row)).isEqualTo(7);
    assertThat(RowFormat.rollPointer(row)).isEqualTo(9);
    assertThat(format.decode(row)).isEqualTo(back);
  }

  @Test
  void randomRowsWithNullsRoundTrip() {
    SplittableRandom r = new SplittableRandom(SEED);
    for (int n = 0; n < 2000; n++) {
      Object[] values = new Object[ALL.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = r.nextInt(4) == 0 ? null : randomValue(ALL.get(i), r, false);
      }
      roundTrip(values, r);
    }
  }

  @Test
  void maximumValuesAndLengthsRoundTrip() {
    SplittableRandom r = new SplittableRandom(SEED);
    Object[] values = new Object[ALL.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = randomValue(ALL.get(i), r, true);
    }
    roundTrip(values, r);
    roundTrip(new Object[ALL.size()], r); // all NULL
  }

  @Test
  void tooLongValuesAndNullsInNotNullColumnsAreRefused() {
    RowFormat f =
        new RowFormat(
            List.of(
                ColumnSpec.string(ColumnKind.VARCHAR, 3, Collation.UTF8MB4_BIN, false),
                ColumnSpec.integer(ColumnKind.TINYINT, true, true)));
    assertThatThrownBy(() -> f.encode(1, 0, new Object[] {"abcd", null}))
        .hasMessageContaining("too long");
    assertThatThrownBy(() -> f.encode(1, 0, new Object[] {null, 1L}))
        .hasMessageContaining("cannot be null");
    assertThatThrownBy(() -> f.encode(1, 0, new Object[] {"abc", 256L}))
        .hasMessageContaining("Out of range");
    List<Object> ok = new ArrayList<>();
    ok.add("abc");
    ok.add(255L);
    assertThat(f.decode(f.encode(1, 0, ok.toArray()))).containsExactly("abc", 255L);
  }
}
