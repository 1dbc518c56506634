package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.Warning;
import io.dolly.storage.catalog.ColumnDefinition;
import io.dolly.storage.record.ColumnKind;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * Column defaults as the dictionary keeps them: SQL text, either a quoted literal ({@code '0'}),
 * {@code NULL}, or {@code CURRENT_TIMESTAMP} with an optional precision. This is the text SHOW
 * CREATE TABLE prints after DEFAULT.
 */
final class ColumnDefaults {
  private ColumnDefaults() {}

  /** The text for a literal default value (null for DEFAULT NULL). */
  static String literal(Value v) {
    if (v.isNull()) {
      return null;
    }
    return "'" + v.text().replace("'", "''") + "'";
  }

  static boolean isCurrentTimestamp(String text) {
    return text != null && text.toUpperCase(Locale.ROOT).startsWith("CURRENT_TIMESTAMP");
  }

  /** The value a column gets when a row does not give one. */
  static Value value(ColumnDefinition c, SqlSession session) {
    String text = c.defaultValue();
    if (text == null) {
      return Value.NULL;
    }
    if (isCurrentTimestamp(text)) {
      LocalDateTime now = session.statementTime();
      return new Value(Value.Kind.DATETIME, now, c.spec().fsp());
    }
    if (text.startsWith("'") && text.endsWith("'") && text.length() >= 2) {
      return Value.of(text.substring(1, text.length() - 1).replace("''", "'"));
    }
    return Value.of(text);
  }

  /**
   * The value for a NOT NULL column that got none and has no default: an error in strict mode
   * (1364), else a warning and the type's implicit default (0, '', the zero date).
   */
  static Value missing(ColumnDefinition c, long row, boolean strict, SqlSession session) {
    if (strict) {
      throw new MysqlException(ErrorCode.ER_NO_DEFAULT_FOR_FIELD, c.name());
    }
    session.warn(
        Warning.warning(
            ErrorCode.ER_NO_DEFAULT_FOR_FIELD.number(),
            ErrorCode.ER_NO_DEFAULT_FOR_FIELD.message(c.name())));
    return implicit(c);
  }

  /** MySQL's implicit default of a type. */
  static Value implicit(ColumnDefinition c) {
    ColumnKind k = c.spec().kind();
    if (k.isString()) {
      return Value.of("");
    }
    if (k.isBinary()) {
      return Value.ofBytes(new byte[0]);
    }
    return switch (k) {
      case DATE, DATETIME, TIMESTAMP -> Value.of("1970-01-01 00:00:00");
      case TIME -> Value.of("00:00:00");
      default -> Value.of(0);
    };
  }
}
