package io.dolly.sql.exec;

import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** MySQL's DATE_FORMAT specifiers. */
final class DateFormat {
  private DateFormat() {}

  static String format(LocalDateTime t, String pattern) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c != '%' || i + 1 >= pattern.length()) {
        sb.append(c);
        continue;
      }
      char f = pattern.charAt(++i);
      int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
      switch (f) {
        case 'Y' -> sb.append(String.format("%04d", t.getYear()));
        case 'y' -> sb.append(String.format("%02d", t.getYear() % 100));
        case 'm' -> sb.append(String.format("%02d", t.getMonthValue()));
        case 'c' -> sb.append(t.getMonthValue());
        case 'M' -> sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'b' -> sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'd' -> sb.append(String.format("%02d", t.getDayOfMonth()));
        case 'e' -> sb.append(t.getDayOfMonth());
        case 'H' -> sb.append(String.format("%02d", t.getHour()));
        case 'k' -> sb.append(t.getHour());
        case 'h', 'I' -> sb.append(String.format("%02d", hour12));
        case 'l' -> sb.append(hour12);
        case 'i' -> sb.append(String.format("%02d", t.getMinute()));
        case 's', 'S' -> sb.append(String.format("%02d", t.getSecond()));
        case 'f' -> sb.append(String.format("%06d", t.getNano() / 1000));
        case 'p' -> sb.append(t.getHour() < 12 ? "AM" : "PM");
        case 'W' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'a' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'w' -> sb.append(t.getDayOfWeek().getValue() % 7);
        case 'j' -> sb.append(String.format("%03d", t.getDayOfYear()));
        case 'T' ->
            sb.append(String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
        case 'r' ->
            sb.append(
                String.format(
                    "%02d:%02d:%02d %s",
                    hour12, t.getMinute(), t.getSecond(), t.getHour() < 12 ? "AM" : "PM"));
        case 'v' -> sb.append(String.format("%02d", t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        case 'x' -> sb.append(t.get(IsoFields.WEEK_BASED_YEAR));
        case '%' -> sb.append('%');
        default -> sb.append(f);
      }
    }
    return sb.toString();
  }
}
