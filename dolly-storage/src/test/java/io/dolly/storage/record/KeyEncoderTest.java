package io.dolly.storage.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Seeded: {@code -Dkeys.seed=N} replays; failures print the seed. */
class KeyEncoderTest {
  private static final int PAIRS = 20_000;
  private static final long SEED = Long.getLong("keys.seed", System.nanoTime());

  private <T> void checkOrder(
      ColumnSpec col, Function<SplittableRandom, T> gen, Comparator<T> natural) {
    KeyEncoder enc = new KeyEncoder(List.of(col));
    SplittableRandom rnd = new SplittableRandom(SEED ^ col.hashCode());
    for (int i = 0; i < PAIRS; i++) {
      T a = gen.apply(rnd);
      T b = rnd.nextInt(10) == 0 ? a : gen.apply(rnd);
      int expected = Integer.signum(natural.compare(a, b));
      int actual = Integer.signum(Arrays.compareUnsigned(enc.encode(a), enc.encode(b)));
      assertThat(actual).as("seed=%d %s: %s vs %s", SEED, col.kind(), a, b).isEqualTo(expected);
    }
  }

  @Test
  void integersOfEveryWidthAndSign() {
    for (ColumnKind kind :
        List.of(
            ColumnKind.TINYINT,
            ColumnKind.SMALLINT,
            ColumnKind.MEDIUMINT,
            ColumnKind.INT,
            ColumnKind.BIGINT)) {
      int bits = 8 * kind.fixedSize();
      checkOrder(
          ColumnSpec.integer(kind, false, false),
          r -> bits == 64 ? r.nextLong() : r.nextLong(-(1L << (bits - 1)), 1L << (bits - 1)),
          Long::compare);
      checkOrder(
          ColumnSpec.integer(kind, true, false),
          r -> bits == 64 ? r.nextLong() : r.nextLong(0, 1L << bits),
          Long::compareUnsigned);
    }
  }

  @Test
  void decimals() {
    for (int[] ps : new int[][] {{1, 0}, {5, 2}, {10, 0}, {18, 6}, {30, 10}, {65, 30}}) {
      int p = ps[0];
      int s = ps[1];
      checkOrder(
          ColumnSpec.decimal(p, s, false),
          r -> {
            int digits = 1 + r.nextInt(p);
            StringBuilder sb = new StringBuilder(r.nextBoolean() ? "-" : "");
            for (int i = 0; i < digits; i++) {
              sb.append((char) ('0' + r.nextInt(10)));
            }
            return new BigDecimal(new BigInteger(sb.toString()), s);
          },
          BigDecimal::compareTo);
    }
  }

  @Test
  void floatsAndDoublesIncludingSignedZeroAndInfinities() {
    float[] specialF = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -1f, 1f};
    checkOrder(
        ColumnSpec.of(ColumnKind.FLOAT, false),
        r -> {
          if (r.nextInt(5) == 0) {
            return r.nextBoolean()
                ? specialF[r.nextInt(specialF.length)]
                : (r.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY);
          }
          float f = Float.intBitsToFloat(r.nextInt());
          return Float.isNaN(f) ? 1.5f : f;
        },
        (a, b) -> a.floatValue() == b.floatValue() ? 0 : Float.compare(a, b));
    checkOrder(
        ColumnSpec.of(ColumnKind.DOUBLE, false),
        r -> {
          if (r.nextInt(5) == 0) {
            return r.nextBoolean() ? 0.0 : -0.0;
          }
          double d = Double.longBitsToDouble(r.nextLong());
          return Double.isNaN(d) ? -2.5 : d;
        },
        (a, b) -> a.doubleValue() == b.doubleValue() ? 0 : Double.compare(a, b));
  }

  @Test
  void temporalTypes() {
    checkOrder(
        ColumnSpec.of(ColumnKind.DATE, false),
        r -> LocalDate.ofEpochDay(r.nextLong(LocalDate.of(1000, 1, 1).toEpochDay(), 2932896)),
        LocalDate::compareTo);
    long maxTime = 838L * 3600 + 59 * 60 + 59;
    checkOrder(
        ColumnSpec.temporal(ColumnKind.TIME, 6, false),
        r -> Duration.ofSeconds(r.nextLong(-maxTime, maxTime), r.nextInt(1_000_000) * 1000L),
        Duration::compareTo);
    checkOrder(
        ColumnSpec.temporal(ColumnKind.DATETIME, 6, false),
        r ->
            LocalDateTime.of(1000, 1, 1, 0, 0)
                .plusSeconds(r.nextLong(280_000_000_000L))
                .plusNanos(r.nextInt(1_000_000) * 1000L),
        LocalDateTime::compareTo);
    checkOrder(
        ColumnSpec.temporal(ColumnKind.TIMESTAMP, 6, false),
        r -> Instant.ofEpochSecond(r.nextLong(1, 2_147_483_647L), r.nextInt(1_000_000) * 1000L),
        Instant::compareTo);
    checkOrder(
        ColumnSpec.of(ColumnKind.YEAR, false),
        r -> r.nextInt(20) == 0 ? 0L : 1901L + r.nextInt(255),
        Long::compare);
  }

  @Test
  void fractionalSecondsRoundToTheColumnPrecision() {
    KeyEncoder enc = new KeyEncoder(List.of(ColumnSpec.temporal(ColumnKind.DATETIME, 0, false)));
    LocalDateTime t = LocalDateTime.of(2024, 12, 31, 23, 59, 59);
    assertThat(enc.encode(t.plusNanos(500_000_000))).isEqualTo(enc.encode(t.plusSeconds(1)));
    assertThat(enc.encode(t.plusNanos(499_999_000))).isEqualTo(enc.encode(t));
    LocalDateTime old = LocalDateTime.of(1969, 12, 31, 23, 59, 59);
    assertThat(enc.encode(old.plusNanos(500_000_000))).isEqualTo(enc.encode(old.plusSeconds(1)));
    KeyEncoder time = new KeyEncoder(List.of(ColumnSpec.temporal(ColumnKind.TIME, 0, false)));
    assertThat(time.encode(Duration.ofMillis(-1500)))
        .isEqualTo(time.encode(Duration.ofSeconds(-2)));
    assertThat(time.encode(Duration.ofMillis(-1400)))
        .isEqualTo(time.encode(Duration.ofSeconds(-1)));
  }

  @Test
  void binaryAndBinCollatedStringsOrderByBytesAndCodePoints() {
    checkOrder(
        ColumnSpec.binary(ColumnKind.VARBINARY, 64, false),
        r -> {
          byte[] b = new byte[r.nextInt(6)];
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (r.nextInt(3) == 0 ? 0 : r.nextInt(256));
          }
          return b;
        },
        Arrays::compareUnsigned);
    for (Collation c : List.of(Collation.UTF8MB4_BIN, Collation.BINARY)) {
      checkOrder(
          ColumnSpec.string(ColumnKind.VARCHAR, 64, c, false),
          KeyEncoderTest::randomString,
          (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
    }
  }

  private static String randomString(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(10);
      int cp =
          k < 5
              ? 'a' + r.nextInt(3)
              : k < 6 ? 0 : k < 8 ? r.nextInt(0x80, 0x800) : k < 9 ? 0x1F600 + r.nextInt(16) : ' ';
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  @Test
  void accentAndCaseInsensitiveCollationForLatinText() {
    Collation ci = Collation.UTF8MB4_0900_AI_CI;
    assertThat(ci.equals("a", "A")).isTrue();
    assertThat(ci.equals("a", "á")).isTrue();
    assertThat(ci.equals("A", "Á")).isTrue();
    assertThat(ci.equals("résumé", "RESUME")).isTrue();
    assertThat(ci.equals("e\u0301", "é")).isTrue(); // combining and precomposed
    assertThat(ci.equals("Straße", "STRASSE")).isTrue();
    assertThat(ci.equals("Æsop", "aesop")).isTrue();
    assertThat(ci.equals("Øre", "ore")).isTrue();
    assertThat(ci.compare("abc", "abd")).isNegative();
    assertThat(ci.compare("ABC", "abd")).isNegative();
    assertThat(ci.compare("Zebra", "apple")).isPositive();
    assertThat(ci.compare("a", "a ")).isNegative(); // NO PAD: trailing spaces count
    assertThat(ci.equals("a", "a ")).isFalse();
    assertThat(ci.compare(" ", "0")).isNegative(); // spaces and symbols < digits < letters
    assertThat(ci.compare("9", "a")).isNegative();
    assertThat(ci.compare("_", "a")).isNegative();
    assertThat(ci.compare("{", "a")).isNegative();
    assertThat(ci.compare("ä", "b")).isNegative();
    assertThat(ci.compare("", "a")).isNegative();

    KeyEncoder enc = new KeyEncoder(List.of(ColumnSpec.string(ColumnKind.VARCHAR, 20, ci, false)));
    assertThat(enc.encode("Ábc")).isEqualTo(enc.encode("abc"));
    assertThat(Arrays.compareUnsigned(enc.encode("abc"), enc.encode("abd"))).isNegative();
    assertThat(Arrays.compareUnsigned(enc.encode("ab"), enc.encode("abc"))).isNegative();
    assertThat(Arrays.compareUnsigned(enc.encode("abc"), enc.encode("abc "))).isNegative();

    SplittableRandom rnd = new SplittableRandom(SEED);
    for (int i = 0; i < PAIRS; i++) {
      String a = randomString(rnd);
      String b = randomString(rnd);
      assertThat(Integer.signum(Arrays.compareUnsigned(enc.encode(a), enc.encode(b))))
          .as("seed=%d %s vs %s", SEED, a, b)
          .isEqualTo(Integer.signum(ci.compare(a, b)));
    }
  }

  @Test
  void compositeKeysSortNullFirstAndPrefixesBound() {
    ColumnSpec a = ColumnSpec.integer(ColumnKind.INT, false, true);
    ColumnSpec b = ColumnSpec.string(ColumnKind.VARCHAR, 10, Collation.UTF8MB4_BIN, true);
    ColumnSpec c = ColumnSpec.binary(ColumnKind.VARBINARY, 10, false);
    KeyEncoder enc = new KeyEncoder(List.of(a, b, c));
    Comparator<Object[]> natural =
        Comparator.<Object[], Long>comparing(
                v -> (Long) v[0], Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(
                v -> (String) v[1],
                Comparator.nullsFirst(
                    (x, y) -> Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray())))
            .thenComparing(v -> (byte[]) v[2], Arrays::compareUnsigned);
    SplittableRandom rnd = new SplittableRandom(SEED);
    for (int i = 0; i < PAIRS; i++) {
      Object[] x = randomComposite(rnd);
      Object[] y = rnd.nextInt(4) == 0 ? x.clone() : randomComposite(rnd);
      if (rnd.nextBoolean()) {
        y[1] = x[1];
        y[0] = x[0];
      }
      byte[] ex = enc.encode(x);
      byte[] ey = enc.encode(y);
      assertThat(Integer.signum(Arrays.compareUnsigned(ex, ey)))
          .as("seed=%d %s vs %s", SEED, Arrays.deepToString(x), Arrays.deepToString(y))
          .isEqualTo(Integer.signum(natural.compare(x, y)));
      // The encoding of a column prefix is a byte prefix, and every full key within the prefix
      // range [prefix, prefixEnd(prefix)) while others are outside it.
      byte[] prefix = enc.encode(x[0], x[1]);
      assertThat(Arrays.equals(ex, 0, prefix.length, prefix, 0, prefix.length)).isTrue();
      byte[] end = KeyEncoder.prefixEnd(prefix);
      boolean inRange =
          Arrays.compareUnsigned(ey, prefix) >= 0
              && (end == null || Arrays.compareUnsigned(ey, end) < 0);
      boolean samePrefix =
          natural.compare(
                  new Object[] {x[0], x[1], new byte[0]}, new Object[] {y[0], y[1], new byte[0]})
              == 0;
      assertThat(inRange).as("seed=%d prefix range", SEED).isEqualTo(samePrefix);
      // The parts are self-delimiting: the length of the first columns' encoding is found in a
      // longer key (a secondary entry followed by its primary key).
      byte[] joined = Arrays.copyOf(ex, ex.length + ey.length);
      System.arraycopy(ey, 0, joined, ex.length, ey.length);
      assertThat(enc.encodedLength(joined, 3)).as("seed=%d", SEED).isEqualTo(ex.length);
      assertThat(enc.encodedLength(joined, 2)).as("seed=%d", SEED).isEqualTo(prefix.length);
    }
  }

  @Test
  void zeroBytesBeforeALongTailAreEscapedWithoutOverflow() {
    KeyEncoder enc = new KeyEncoder(List.of(ColumnSpec.binary(ColumnKind.VARBINARY, 200, false)));
    byte[] value = new byte[100];
    Arrays.fill(value, 10, 100, (byte) 1);
    byte[] key = enc.encode((Object) value);
    assertThat(key).hasSize(10 * 2 + 90 + 2);
    assertThat(enc.encodedLength(key, 1)).isEqualTo(key.length);
  }

  @Test
  void encodedLengthOfFixedWidthAndDecimalColumns() {
    KeyEncoder enc =
        new KeyEncoder(
            List.of(
                ColumnSpec.decimal(30, 4, true),
                ColumnSpec.of(ColumnKind.DATE, false),
                ColumnSpec.temporal(ColumnKind.DATETIME, 6, true),
                ColumnSpec.of(ColumnKind.DOUBLE, false),
                ColumnSpec.of(ColumnKind.YEAR, true)));
    Object[] v = {
      new java.math.BigDecimal("-12.5"), java.time.LocalDate.of(2020, 1, 1), null, 2.5, 2001L
    };
    byte[] key = enc.encode(v);
    assertThat(enc.encodedLength(key, 5)).isEqualTo(key.length);
    assertThat(enc.encodedLength(key, 1)).isEqualTo(enc.encode(v[0]).length);
    assertThat(enc.encodedLength(key, 3)).isEqualTo(enc.encode(v[0], v[1], v[2]).length);
  }

  private static Object[] randomComposite(SplittableRandom r) {
    Long i = r.nextInt(5) == 0 ? null : (long) r.nextInt(-3, 3);
    String s = r.nextInt(5) == 0 ? null : randomString(r);
    byte[] b = new byte[r.nextInt(3)];
    for (int k = 0; k < b.length; k++) {
      b[k] = (byte) r.nextInt(3);
    }
    return new Object[] {i, s, b};
  }
}
