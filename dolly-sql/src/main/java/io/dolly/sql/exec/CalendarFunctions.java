package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.ast.Expression.Call;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The parts of a date and arithmetic in calendar units: YEAR(), MONTH(), ..., EXTRACT(unit FROM d),
 * TIMESTAMPDIFF(unit, from, to), and day-number conversions. Arguments arrive evaluated and
 * non-NULL; one that is not a valid date gives NULL, as MySQL does.
 *
 * <p>Day numbers (TO_DAYS, FROM_DAYS) count from year 0 of the proleptic Gregorian calendar as
 * MySQL's do: TO_DAYS('0000-01-01') is 1, TO_DAYS('1970-01-01') is 719528.
 */
final class CalendarFunctions {
  private static final Pattern TIME_OF_DAY =
      Pattern.compile("\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?");

  /** TO_DAYS of 1970-01-01, i.e. the day number of the epoch day 0. */
  private static final long EPOCH_DAY_NUMBER = 719_528;

  private CalendarFunctions() {}

  /** True when {@code name} is one of this class's functions. */
  static boolean handles(String name) {
    return switch (name) {
      case "YEAR",
          "MONTH",
          "DAY",
          "DAYOFMONTH",
          "HOUR",
          "MINUTE",
          "SECOND",
          "MICROSECOND",
          "QUARTER",
          "DAYOFWEEK",
          "WEEKDAY",
          "DAYOFYEAR",
          "WEEK",
          "WEEKOFYEAR",
          "DAYNAME",
          "MONTHNAME",
          "DATE",
          "TIME",
          "TIMESTAMP",
          "LAST_DAY",
          "TO_DAYS",
          "FROM_DAYS",
          "TO_SECONDS",
          "TIME_TO_SEC",
          "SEC_TO_TIME",
          "MAKEDATE",
          "EXTRACT",
          "TIMESTAMPDIFF" ->
          true;
      default -> false;
    };
  }

  static Value call(Call c, List<Value> a) {
    String name = c.name();
    return switch (name) {
      case "EXTRACT" -> {
        arity(c, 2);
        LocalDateTime t = TemporalFunctions.toDateTime(a.get(1));
        yield t == null ? Value.NULL : Value.of(extract(a.get(0).text(), t));
      }
      case "TIMESTAMPDIFF" -> {
        arity(c, 3);
        LocalDateTime from = TemporalFunctions.toDateTime(a.get(1));
        LocalDateTime to = TemporalFunctions.toDateTime(a.get(2));
        yield from == null || to == null
            ? Value.NULL
            : Value.of(unit(a.get(0).text()).between(from, to) / multiple(a.get(0).text()));
      }
      case "FROM_DAYS" -> {
        arity(c, 1);
        long n = a.get(0).asLong();
        // MySQL answers 0000-00-00 below day 366 (year 0 is not a real year to it).
        yield n < 366
            ? Value.of("0000-00-00")
            : new Value(Value.Kind.DATE, LocalDate.ofEpochDay(n - EPOCH_DAY_NUMBER), 0);
      }
      case "SEC_TO_TIME" -> {
        arity(c, 1);
        long s = a.get(0).asLong();
        long abs = Math.abs(s);
        yield Value.of(
            String.format(
                "%s%02d:%02d:%02d", s < 0 ? "-" : "", abs / 3600, abs / 60 % 60, abs % 60));
      }
      case "MAKEDATE" -> {
        arity(c, 2);
        long year = a.get(0).asLong();
        long day = a.get(1).asLong();
        yield day <= 0 || year < 0 || year > 9999
            ? Value.NULL
            : new Value(Value.Kind.DATE, LocalDate.of((int) year, 1, 1).plusDays(day - 1), 0);
      }
      default -> {
        arity(c, 1, name.equals("WEEK") ? 2 : 1);
        LocalDateTime t = dateOrTime(a.get(0));
        if (t == null) {
          yield Value.NULL;
        }
        yield part(name, t, a);
      }
    };
  }

  /**
   * A DATETIME, DATE or TIME value, or a string of one; a time of day alone ({@code '10:05:03'}) is
   * taken on today's date, so that HOUR(), TIME_TO_SEC() and the like read it as MySQL does.
   */
  private static LocalDateTime dateOrTime(Value v) {
    if (v.kind() == Value.Kind.STRING && TIME_OF_DAY.matcher(v.text().trim()).matches()) {
      try {
        return LocalDate.now().atTime(LocalTime.parse(padHour(v.text().trim())));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return TemporalFunctions.toDateTime(v);
  }

  private static String padHour(String time) {
    return time.indexOf(':') == 1 ? "0" + time : time;
  }

  private static Value part(String name, LocalDateTime t, List<Value> a) {
    LocalDate d = t.toLocalDate();
    return switch (name) {
      case "YEAR" -> Value.of(d.getYear());
      case "MONTH" -> Value.of(d.getMonthValue());
      case "DAY", "DAYOFMONTH" -> Value.of(d.getDayOfMonth());
      case "HOUR" -> Value.of(t.getHour());
      case "MINUTE" -> Value.of(t.getMinute());
      case "SECOND" -> Value.of(t.getSecond());
      case "MICROSECOND" -> Value.of(t.getNano() / 1000);
      case "QUARTER" -> Value.of((d.getMonthValue() + 2) / 3);
      // DAYOFWEEK: 1 = Sunday ... 7 = Saturday; WEEKDAY: 0 = Monday ... 6 = Sunday.
      case "DAYOFWEEK" -> Value.of(d.getDayOfWeek().getValue() % 7 + 1);
      case "WEEKDAY" -> Value.of(d.getDayOfWeek().getValue() - 1);
      case "DAYOFYEAR" -> Value.of(d.getDayOfYear());
      case "WEEK" -> Value.of(week(d, a.size() > 1 ? (int) a.get(1).asLong() : 0));
      case "WEEKOFYEAR" -> Value.of(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case "DAYNAME" -> Value.of(d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
      case "MONTHNAME" -> Value.of(d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
      case "DATE" -> new Value(Value.Kind.DATE, d, 0);
      case "TIME" -> new Value(Value.Kind.TIME, t.toLocalTime(), 0);
      case "TIMESTAMP" -> new Value(Value.Kind.DATETIME, t, 0);
      case "LAST_DAY" -> new Value(Value.Kind.DATE, d.with(TemporalAdjusters.lastDayOfMonth()), 0);
      case "TO_DAYS" -> Value.of(d.toEpochDay() + EPOCH_DAY_NUMBER);
      case "TO_SECONDS" ->
          Value.of((d.toEpochDay() + EPOCH_DAY_NUMBER) * 86_400 + t.toLocalTime().toSecondOfDay());
      case "TIME_TO_SEC" -> Value.of(t.toLocalTime().toSecondOfDay());
      default -> throw new MysqlException(ErrorCode.ER_SP_DOES_NOT_EXIST, "FUNCTION", name);
    };
  }

  /**
   * WEEK(d, mode) for the modes whose weeks start on Sunday with week 0 before the first Sunday (0,
   * the default) or follow ISO 8601 within the year (1 and 3: Monday first, week 1 has four days or
   * more; mode 1 counts the days before it as week 0, mode 3 as the previous year's week).
   */
  private static int week(LocalDate d, int mode) {
    return switch (mode) {
      case 0 -> {
        LocalDate firstSunday =
            d.withDayOfYear(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        yield d.isBefore(firstSunday) ? 0 : (int) (ChronoUnit.DAYS.between(firstSunday, d) / 7) + 1;
      }
      case 3 -> d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case 1 -> {
        int iso = d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        yield iso > 50 && d.getMonthValue() == 1 ? 0 : iso;
      }
      default -> throw new MysqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "WEEK mode " + mode);
    };
  }

  private static long extract(String unit, LocalDateTime t) {
    LocalTime time = t.toLocalTime();
    return switch (unit) {
      case "YEAR" -> t.getYear();
      case "QUARTER" -> (t.getMonthValue() + 2) / 3;
      case "MONTH" -> t.getMonthValue();
      case "WEEK" -> week(t.toLocalDate(), 0);
      case "DAY" -> t.getDayOfMonth();
      case "HOUR" -> t.getHour();
      case "MINUTE" -> t.getMinute();
      case "SECOND" -> t.getSecond();
      case "MICROSECOND" -> t.getNano() / 1000;
      case "YEAR_MONTH" -> t.getYear() * 100L + t.getMonthValue();
      case "DAY_HOUR" -> t.getDayOfMonth() * 100L + t.getHour();
      case "DAY_MINUTE" -> (t.getDayOfMonth() * 100L + t.getHour()) * 100 + t.getMinute();
      case "DAY_SECOND" ->
          ((t.getDayOfMonth() * 100L + t.getHour()) * 100 + t.getMinute()) * 100 + t.getSecond();
      case "HOUR_MINUTE" -> time.getHour() * 100L + time.getMinute();
      case "HOUR_SECOND" -> (time.getHour() * 100L + time.getMinute()) * 100 + time.getSecond();
      case "MINUTE_SECOND" -> time.getMinute() * 100L + time.getSecond();
      default -> throw SyntaxErrors.unsupported("EXTRACT unit " + unit);
    };
  }

  /** The Java unit a TIMESTAMPDIFF unit counts in (with {@link #multiple}). */
  private static ChronoUnit unit(String unit) {
    return switch (unit) {
      case "MICROSECOND" -> ChronoUnit.MICROS;
      case "SECOND" -> ChronoUnit.SECONDS;
      case "MINUTE" -> ChronoUnit.MINUTES;
      case "HOUR" -> ChronoUnit.HOURS;
      case "DAY" -> ChronoUnit.DAYS;
      case "WEEK" -> ChronoUnit.WEEKS;
      case "MONTH", "QUARTER" -> ChronoUnit.MONTHS;
      case "YEAR" -> ChronoUnit.YEARS;
      default -> throw SyntaxErrors.unsupported("TIMESTAMPDIFF unit " + unit);
    };
  }

  private static long multiple(String unit) {
    return unit.equals("QUARTER") ? 3 : 1;
  }

  private static void arity(Call c, int n) {
    arity(c, n, n);
  }

  private static void arity(Call c, int min, int max) {
    int n = c.args().size();
    if (n < min || n > max) {
      throw new MysqlException(ErrorCode.ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, c.name());
    }
  }
}
