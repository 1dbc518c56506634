package io.dolly.sql.ast;

import java.util.List;

/**
 * A column or CAST type: {@code INT(11) UNSIGNED ZEROFILL}, {@code VARCHAR(64) CHARACTER SET x
 * COLLATE y}, {@code ENUM('a','b')}, {@code DECIMAL(10,2)}.
 *
 * @param name upper-cased type name ({@code SIGNED}/{@code UNSIGNED}/{@code CHAR}/... for CAST)
 * @param length the first number in parentheses, or null
 * @param scale the second number, or null
 * @param values ENUM/SET members, empty otherwise
 */
public record DataType(
    String name,
    Integer length,
    Integer scale,
    List<String> values,
    boolean unsigned,
    boolean zerofill,
    String charset,
    String collation) {
  public DataType {
    values = List.copyOf(values);
  }

  public static DataType of(String name) {
    return new DataType(name, null, null, List.of(), false, false, null, null);
  }
}
