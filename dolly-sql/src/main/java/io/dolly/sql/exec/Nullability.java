package io.dolly.sql.exec;

import io.dolly.sql.ast.Expression;
import java.util.Set;

/** Whether an expression can be NULL, for the NOT_NULL flag of its result column. */
final class Nullability {
  /** Calls without arguments that always return a value. */
  private static final Set<String> NEVER_NULL =
      Set.of(
          "NOW",
          "CURRENT_TIMESTAMP",
          "SYSDATE",
          "LOCALTIME",
          "LOCALTIMESTAMP",
          "UTC_TIMESTAMP",
          "UTC_DATE",
          "UTC_TIME",
          "CURDATE",
          "CURRENT_DATE",
          "CURTIME",
          "CURRENT_TIME",
          "VERSION",
          "CONNECTION_ID",
          "USER",
          "CURRENT_USER",
          "SESSION_USER",
          "SYSTEM_USER",
          "LAST_INSERT_ID",
          "ROW_COUNT",
          "FOUND_ROWS",
          "RAND",
          "UNIX_TIMESTAMP");

  /** Calls that are NULL only when an argument is. */
  private static final Set<String> STRICT =
      Set.of(
          "CONCAT",
          "UPPER",
          "LOWER",
          "UCASE",
          "LCASE",
          "LENGTH",
          "CHAR_LENGTH",
          "SUBSTRING",
          "SUBSTR",
          "MID",
          "LEFT",
          "RIGHT",
          "REPLACE",
          "REPEAT",
          "LTRIM",
          "RTRIM",
          "HEX",
          "MD5",
          "SHA1",
          "SHA",
          "ABS",
          "ROUND",
          "TRUNCATE",
          "FLOOR",
          "CEIL",
          "CEILING",
          "GREATEST",
          "LEAST",
          "LOCATE",
          "INSTR",
          "IF",
          "CONCAT_WS");

  private Nullability() {}

  static boolean mayBeNull(Expression e) {
    return switch (e) {
      case Expression.NullLiteral n -> true;
      case Expression.BoolLiteral b -> false;
      case Expression.NumberLiteral n -> false;
      case Expression.StringLiteral s -> false;
      case Expression.HexLiteral h -> false;
      case Expression.BitLiteral b -> false;
      case Expression.IsTest t -> false;
      case Expression.Unary u -> mayBeNull(u.operand());
      case Expression.Binary b ->
          switch (b.op()) {
            case "/", "DIV", "%" -> true;
            case "<=>" -> false;
            default -> mayBeNull(b.left()) || mayBeNull(b.right());
          };
      case Expression.Like l -> mayBeNull(l.value()) || mayBeNull(l.pattern());
      case Expression.Between b ->
          mayBeNull(b.value()) || mayBeNull(b.low()) || mayBeNull(b.high());
      case Expression.InList in ->
          mayBeNull(in.value()) || in.list().stream().anyMatch(Nullability::mayBeNull);
      case Expression.Cast c -> mayBeNull(c.value());
      case Expression.Collate c -> mayBeNull(c.value());
      case Expression.Trim t -> mayBeNull(t.source());
      case Expression.Call c -> {
        if (c.args().isEmpty() && NEVER_NULL.contains(c.name())) {
          yield false;
        }
        if (STRICT.contains(c.name())) {
          yield c.args().stream().anyMatch(Nullability::mayBeNull);
        }
        if (c.name().equals("COALESCE") || c.name().equals("IFNULL")) {
          yield c.args().stream().allMatch(Nullability::mayBeNull);
        }
        yield true;
      }
      case Expression.Case c ->
          c.otherwise() == null
              || mayBeNull(c.otherwise())
              || c.whens().stream().anyMatch(w -> mayBeNull(w.result()));
      default -> true;
    };
  }
}
