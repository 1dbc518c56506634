package io.dolly.sql.sysvar;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.Warning;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The definition of one system variable: what it holds, where it may be set, and how an SQL value
 * becomes a stored one.
 *
 * <p>Stored values are {@link Boolean} for BOOLEAN, {@link Long} for INTEGER and UNSIGNED, {@link
 * Double} for DOUBLE and {@link String} (or null when {@code nullable}) for the others; SET values
 * are the canonical comma-separated upper-case members.
 *
 * @param min lower bound of an INTEGER/UNSIGNED/DOUBLE variable
 * @param max upper bound
 * @param blockSize values are rounded down to a multiple of it (1 for none)
 * @param readOnly cannot be changed with SET (only at start or with PERSIST_ONLY)
 * @param hidden not listed by SHOW VARIABLES
 * @param allowed members of an ENUM/SET
 * @param validator extra check of a converted value, or null; throws 1231 on failure
 * @param onGlobalChange called after a new global value is stored, or null
 */
public record SystemVariable(
    String name,
    Scope scope,
    Type type,
    Object defaultValue,
    long min,
    long max,
    long blockSize,
    boolean readOnly,
    boolean hidden,
    boolean nullable,
    List<String> allowed,
    Validator validator,
    Consumer<Object> onGlobalChange) {

  public enum Scope {
    GLOBAL,
    SESSION,
    BOTH;

    public boolean hasGlobal() {
      return this != SESSION;
    }

    public boolean hasSession() {
      return this != GLOBAL;
    }
  }

  public enum Type {
    BOOLEAN,
    INTEGER,
    UNSIGNED,
    DOUBLE,
    STRING,
    ENUM,
    SET,
    FILENAME
  }

  /** A check beyond the type's own; throw {@code MysqlException} 1231 to reject. */
  @FunctionalInterface
  public interface Validator {
    void check(SystemVariable variable, Object value);
  }

  public SystemVariable {
    name = name.toLowerCase(Locale.ROOT);
    allowed = List.copyOf(allowed);
  }

  public static SystemVariable bool(String name, Scope scope, boolean def) {
    return new SystemVariable(
        name, scope, Type.BOOLEAN, def, 0, 1, 1, false, false, false, List.of(), null, null);
  }

  public static SystemVariable integer(String name, Scope scope, long def, long min, long max) {
    return new SystemVariable(
        name, scope, Type.INTEGER, def, min, max, 1, false, false, false, List.of(), null, null);
  }

  public static SystemVariable unsigned(String name, Scope scope, long def, long min, long max) {
    return new SystemVariable(
        name, scope, Type.UNSIGNED, def, min, max, 1, false, false, false, List.of(), null, null);
  }

  public static SystemVariable string(String name, Scope scope, String def) {
    return new SystemVariable(
        name, scope, Type.STRING, def, 0, 0, 1, false, false, false, List.of(), null, null);
  }

  public static SystemVariable filename(String name, Scope scope, String def) {
    return new SystemVariable(
        name, scope, Type.FILENAME, def, 0, 0, 1, false, false, false, List.of(), null, null);
  }

  public static SystemVariable enumeration(
      String name, Scope scope, String def, String... members) {
    return new SystemVariable(
        name, scope, Type.ENUM, def, 0, 0, 1, false, false, false, List.of(members), null, null);
  }

  public static SystemVariable set(String name, Scope scope, String def, String... members) {
    return new SystemVariable(
        name, scope, Type.SET, def, 0, 0, 1, false, false, false, List.of(members), null, null);
  }

  public static SystemVariable decimal(String name, Scope scope, double def, long min, long max) {
    return new SystemVariable(
        name, scope, Type.DOUBLE, def, min, max, 1, false, false, false, List.of(), null, null);
  }

  public SystemVariable asReadOnly() {
    return new SystemVariable(
        name,
        scope,
        type,
        defaultValue,
        min,
        max,
        blockSize,
        true,
        hidden,
        nullable,
        allowed,
        validator,
        onGlobalChange);
  }

  public SystemVariable asNullable() {
    return new SystemVariable(
        name,
        scope,
        type,
        defaultValue,
        min,
        max,
        blockSize,
        readOnly,
        hidden,
        true,
        allowed,
        validator,
        onGlobalChange);
  }

  public SystemVariable withBlockSize(long block) {
    return new SystemVariable(
        name,
        scope,
        type,
        defaultValue,
        min,
        max,
        block,
        readOnly,
        hidden,
        nullable,
        allowed,
        validator,
        onGlobalChange);
  }

  public SystemVariable withValidator(Validator v) {
    return new SystemVariable(
        name,
        scope,
        type,
        defaultValue,
        min,
        max,
        blockSize,
        readOnly,
        hidden,
        nullable,
        allowed,
        v,
        onGlobalChange);
  }

  public SystemVariable withOnGlobalChange(Consumer<Object> hook) {
    return new SystemVariable(
        name,
        scope,
        type,
        defaultValue,
        min,
        max,
        blockSize,
        readOnly,
        hidden,
        nullable,
        allowed,
        validator,
        hook);
  }

  public SystemVariable asHidden() {
    return new SystemVariable(
        name,
        scope,
        type,
        defaultValue,
        min,
        max,
        blockSize,
        readOnly,
        true,
        nullable,
        allowed,
        validator,
        onGlobalChange);
  }

  /**
   * Converts an SQL value (Long, BigDecimal, Double, String, byte[] or null) to the stored form,
   * with MySQL's errors: 1231 for a value outside the domain, 1232 for the wrong type; integers
   * outside [min, max] are clamped with warning 1292.
   */
  public Object convert(Object value, Consumer<Warning> warnings) {
    if (value instanceof byte[] b) {
      value = new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
    Object result =
        switch (type) {
          case BOOLEAN -> toBoolean(value);
          case INTEGER, UNSIGNED -> toInteger(value, warnings);
          case DOUBLE -> toDouble(value, warnings);
          case STRING, FILENAME -> toText(value);
          case ENUM -> toEnum(value);
          case SET -> toSet(value);
        };
    if (validator != null) {
      validator.check(this, result);
    }
    return result;
  }

  private MysqlException wrongValue(Object value) {
    return new MysqlException(ErrorCode.ER_WRONG_VALUE_FOR_VAR, name, display(value));
  }

  private MysqlException wrongType() {
    return new MysqlException(ErrorCode.ER_WRONG_TYPE_FOR_VAR, name);
  }

  private static String display(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return String.valueOf(value);
  }

  private Object toBoolean(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Long l) {
      if (l == 0 || l == 1) {
        return l == 1;
      }
      throw wrongValue(value);
    }
    if (value instanceof String s) {
      switch (s.toUpperCase(Locale.ROOT)) {
        case "ON", "TRUE" -> {
          return Boolean.TRUE;
        }
        case "OFF", "FALSE" -> {
          return Boolean.FALSE;
        }
        default -> throw wrongValue(value);
      }
    }
    if (value == null) {
      throw wrongValue(null);
    }
    throw wrongType();
  }

  private Object toInteger(Object value, Consumer<Warning> warnings) {
    boolean isUnsigned = type == Type.UNSIGNED;
    String written;
    long v;
    if (value instanceof BigInteger big) {
      written = big.toString();
      if (big.signum() < 0) {
        v = isUnsigned ? min : Math.max(min, Long.MIN_VALUE);
      } else if (isUnsigned && big.bitLength() <= 64) {
        v = big.longValue();
      } else {
        v = max;
      }
    } else if (value instanceof Long l) {
      written = String.valueOf(l);
      v = isUnsigned && l < 0 ? min : l;
    } else {
      throw wrongType();
    }
    long clamped;
    if (isUnsigned) {
      clamped = Long.compareUnsigned(v, min) < 0 ? min : Long.compareUnsigned(v, max) > 0 ? max : v;
      if (blockSize > 1) {
        clamped = Long.divideUnsigned(clamped, blockSize) * blockSize;
      }
    } else {
      clamped = Math.max(min, Math.min(max, v));
      if (blockSize > 1) {
        clamped = clamped / blockSize * blockSize;
      }
    }
    if (clamped != v
        || !written.equals(isUnsigned ? Long.toUnsignedString(v) : String.valueOf(v))) {
      warnings.accept(
          Warning.warning(
              ErrorCode.ER_TRUNCATED_WRONG_VALUE.number(),
              ErrorCode.ER_TRUNCATED_WRONG_VALUE.message(name, written)));
    }
    return clamped;
  }

  private Object toDouble(Object value, Consumer<Warning> warnings) {
    double v;
    if (value instanceof Long l) {
      v = l;
    } else if (value instanceof BigDecimal d) {
      v = d.doubleValue();
    } else if (value instanceof Double d) {
      v = d;
    } else {
      throw wrongType();
    }
    double clamped = Math.max(min, Math.min(max, v));
    if (clamped != v) {
      warnings.accept(
          Warning.warning(
              ErrorCode.ER_TRUNCATED_WRONG_VALUE.number(),
              ErrorCode.ER_TRUNCATED_WRONG_VALUE.message(name, display(value))));
    }
    return clamped;
  }

  private Object toText(Object value) {
    if (value == null) {
      if (nullable) {
        return null;
      }
      throw wrongValue(null);
    }
    if (!(value instanceof String s)) {
      throw wrongType();
    }
    return s;
  }

  private Object toEnum(Object value) {
    if (value instanceof Long l) {
      if (l >= 0 && l < allowed.size()) {
        return allowed.get((int) (long) l);
      }
      throw wrongValue(value);
    }
    if (value instanceof String s) {
      for (String member : allowed) {
        if (member.equalsIgnoreCase(s)) {
          return member;
        }
      }
      throw wrongValue(value);
    }
    if (value == null && nullable) {
      return null;
    }
    if (value == null) {
      throw wrongValue(null);
    }
    throw wrongType();
  }

  private Object toSet(Object value) {
    if (value instanceof Long l) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < allowed.size(); i++) {
        if ((l & (1L << i)) != 0) {
          sb.append(sb.isEmpty() ? "" : ",").append(allowed.get(i));
        }
      }
      if (l < 0 || (allowed.size() < 63 && (l >> allowed.size()) != 0)) {
        throw wrongValue(value);
      }
      return sb.toString();
    }
    if (!(value instanceof String s)) {
      if (value == null) {
        throw wrongValue(null);
      }
      throw wrongType();
    }
    boolean[] present = new boolean[allowed.size()];
    for (String part : s.split(",", -1)) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int index = -1;
      for (int i = 0; i < allowed.size(); i++) {
        if (allowed.get(i).equalsIgnoreCase(p)) {
          index = i;
        }
      }
      if (index < 0) {
        throw new MysqlException(ErrorCode.ER_WRONG_VALUE_FOR_VAR, name, p);
      }
      present[index] = true;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < present.length; i++) {
      if (present[i]) {
        sb.append(sb.isEmpty() ? "" : ",").append(allowed.get(i));
      }
    }
    return sb.toString();
  }

  /** The value as SHOW VARIABLES prints it: ON/OFF for booleans, empty for NULL. */
  public String showText(Object value) {
    if (value == null) {
      return "";
    }
    if (type == Type.BOOLEAN) {
      return Boolean.TRUE.equals(value) ? "ON" : "OFF";
    }
    return text(value);
  }

  /** The value as text for {@code mysqld-auto.cnf} and string contexts. */
  public String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15
          ? String.valueOf((long) (double) d)
          : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (type == Type.BOOLEAN) {
      return Boolean.TRUE.equals(value) ? "ON" : "OFF";
    }
    if (type == Type.UNSIGNED && value instanceof Long l) {
      return Long.toUnsignedString(l);
    }
    return String.valueOf(value);
  }
}
