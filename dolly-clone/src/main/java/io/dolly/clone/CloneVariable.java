package io.dolly.clone;

/**
 * The definition of one {@code clone_*} system variable as plain data, for the SQL layer's variable
 * registry. All clone variables are GLOBAL and dynamic.
 *
 * <p>For {@link Type#BOOLEAN} the default is {@code 0}/{@code 1}; for {@link Type#UNSIGNED} the
 * default, minimum, maximum and block size are in {@link #unit()}s and an out-of-range value is
 * clamped (warning 1292) and rounded down to a multiple of the block size; for {@link Type#STRING}
 * the numeric fields are unused and {@link #defaultString()} may be null (SQL NULL).
 */
public record CloneVariable(
    String name,
    Type type,
    long defaultValue,
    String defaultString,
    long min,
    long max,
    long blockSize,
    String unit,
    String description) {

  /** The value kinds clone variables use. */
  public enum Type {
    BOOLEAN,
    UNSIGNED,
    STRING
  }

  static CloneVariable bool(String name, boolean dflt, String description) {
    return new CloneVariable(name, Type.BOOLEAN, dflt ? 1 : 0, null, 0, 1, 1, "", description);
  }

  static CloneVariable unsigned(
      String name, long dflt, long min, long max, long block, String unit, String description) {
    return new CloneVariable(name, Type.UNSIGNED, dflt, null, min, max, block, unit, description);
  }

  static CloneVariable string(String name, String dflt, String description) {
    return new CloneVariable(name, Type.STRING, 0, dflt, 0, 0, 0, "", description);
  }

  /** Clamps and rounds an UNSIGNED value as MySQL does; returns it unchanged if already valid. */
  public long clamp(long value) {
    if (type != Type.UNSIGNED) {
      throw new IllegalStateException(name + " is not numeric");
    }
    long v = Math.max(min, Math.min(max, value));
    return v - (v - min) % blockSize;
  }
}
