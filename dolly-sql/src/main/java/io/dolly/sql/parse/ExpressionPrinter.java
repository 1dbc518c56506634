package io.dolly.sql.parse;

import io.dolly.sql.ast.DataType;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Expression.Call;
import io.dolly.sql.ast.Query;
import io.dolly.sql.ast.VarScope;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders expressions as canonical SQL: every compound expression is parenthesized, so the
 * rendering re-parses to the same tree whatever the precedence.
 */
final class ExpressionPrinter {
  private final Function<Query, String> queries;

  ExpressionPrinter(Function<Query, String> queries) {
    this.queries = queries;
  }

  String print(Expression e) {
    return switch (e) {
      case Expression.NullLiteral n -> "NULL";
      case Expression.BoolLiteral b -> b.value() ? "TRUE" : "FALSE";
      case Expression.NumberLiteral n -> n.text();
      case Expression.StringLiteral s ->
          (s.charset() == null ? "" : "_" + s.charset()) + quote(s.value());
      case Expression.HexLiteral h -> "x'" + h.digits() + "'";
      case Expression.BitLiteral b -> "b'" + b.digits() + "'";
      case Expression.Param p -> "?";
      case Expression.ColumnRef c ->
          String.join(".", c.parts().stream().map(ExpressionPrinter::id).toList());
      case Expression.Star s -> s.qualifier() == null ? "*" : qualified(s.qualifier()) + ".*";
      case Expression.UserVar v -> "@" + id(v.name());
      case Expression.SysVar v ->
          "@@"
              + (v.scope() == VarScope.DEFAULT
                  ? ""
                  : v.scope().name().toLowerCase(Locale.ROOT) + ".")
              + v.name();
      case Expression.Assign a -> "(@" + id(a.variable()) + " := " + print(a.value()) + ")";
      case Expression.Unary u ->
          "("
              + u.op()
              + (Character.isLetter(u.op().charAt(0)) ? " " : "")
              + print(u.operand())
              + ")";
      case Expression.Binary b ->
          "(" + print(b.left()) + " " + b.op() + " " + print(b.right()) + ")";
      case Expression.Like l ->
          "("
              + print(l.value())
              + (l.not() ? " NOT LIKE " : " LIKE ")
              + print(l.pattern())
              + (l.escape() == null ? "" : " ESCAPE " + print(l.escape()))
              + ")";
      case Expression.InList i ->
          "(" + print(i.value()) + (i.not() ? " NOT IN (" : " IN (") + list(i.list()) + "))";
      case Expression.InSubquery i ->
          "("
              + print(i.value())
              + (i.not() ? " NOT IN (" : " IN (")
              + queries.apply(i.query())
              + "))";
      case Expression.Between b ->
          "("
              + print(b.value())
              + (b.not() ? " NOT BETWEEN " : " BETWEEN ")
              + print(b.low())
              + " AND "
              + print(b.high())
              + ")";
      case Expression.IsTest t ->
          "(" + print(t.value()) + (t.not() ? " IS NOT " : " IS ") + t.what() + ")";
      case Expression.Exists x -> "EXISTS (" + queries.apply(x.query()) + ")";
      case Expression.Subquery s -> "(" + queries.apply(s.query()) + ")";
      case Expression.Row r -> "(" + list(r.items()) + ")";
      case Call c -> call(c);
      case Expression.Case c -> caseText(c);
      case Expression.Cast c -> "CAST(" + print(c.value()) + " AS " + dataType(c.type()) + ")";
      case Expression.ConvertUsing c ->
          "CONVERT(" + print(c.value()) + " USING " + c.charset() + ")";
      case Expression.Collate c -> "(" + print(c.value()) + " COLLATE " + c.collation() + ")";
      case Expression.Interval i -> "INTERVAL " + print(i.value()) + " " + i.unit();
      case Expression.Trim t -> trim(t);
      case Expression.Default d -> "DEFAULT";
    };
  }

  String list(List<Expression> items) {
    StringBuilder sb = new StringBuilder();
    for (Expression e : items) {
      if (!sb.isEmpty()) {
        sb.append(", ");
      }
      sb.append(print(e));
    }
    return sb.toString();
  }

  private String call(Call c) {
    switch (c.name()) {
      case "EXTRACT" -> {
        return "EXTRACT("
            + ((Expression.StringLiteral) c.args().get(0)).value()
            + " FROM "
            + print(c.args().get(1))
            + ")";
      }
      case "TIMESTAMPDIFF", "TIMESTAMPADD" -> {
        return c.name()
            + "("
            + ((Expression.StringLiteral) c.args().get(0)).value()
            + ", "
            + list(c.args().subList(1, c.args().size()))
            + ")";
      }
      case "GROUP_CONCAT_SEPARATOR" -> {
        List<Expression> values = c.args().subList(0, c.args().size() - 1);
        return "GROUP_CONCAT("
            + (c.distinct() ? "DISTINCT " : "")
            + list(values)
            + " SEPARATOR "
            + print(c.args().getLast())
            + ")";
      }
      default -> {
        return c.name() + "(" + (c.distinct() ? "DISTINCT " : "") + list(c.args()) + ")";
      }
    }
  }

  private String caseText(Expression.Case c) {
    StringBuilder sb = new StringBuilder("CASE");
    if (c.operand() != null) {
      sb.append(' ').append(print(c.operand()));
    }
    for (Expression.When w : c.whens()) {
      sb.append(" WHEN ").append(print(w.condition())).append(" THEN ").append(print(w.result()));
    }
    if (c.otherwise() != null) {
      sb.append(" ELSE ").append(print(c.otherwise()));
    }
    return sb.append(" END").toString();
  }

  private String trim(Expression.Trim t) {
    if (t.mode() == null) {
      return "TRIM(" + print(t.source()) + ")";
    }
    return "TRIM("
        + t.mode()
        + (t.remove() == null ? "" : " " + print(t.remove()))
        + " FROM "
        + print(t.source())
        + ")";
  }

  static String dataType(DataType t) {
    StringBuilder sb = new StringBuilder(t.name());
    if (!t.values().isEmpty()) {
      sb.append('(');
      for (int i = 0; i < t.values().size(); i++) {
        sb.append(i == 0 ? "" : ",").append(quote(t.values().get(i)));
      }
      sb.append(')');
    } else if (t.length() != null) {
      sb.append('(').append(t.length());
      if (t.scale() != null) {
        sb.append(',').append(t.scale());
      }
      sb.append(')');
    }
    if (t.unsigned() && !t.name().equals("UNSIGNED")) {
      sb.append(" UNSIGNED");
    }
    if (t.zerofill()) {
      sb.append(" ZEROFILL");
    }
    if (t.charset() != null) {
      sb.append(" CHARACTER SET ").append(t.charset());
    }
    if (t.collation() != null) {
      sb.append(" COLLATE ").append(t.collation());
    }
    return sb.toString();
  }

  /** A string literal with MySQL's escapes for the quote, backslash and control bytes. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\'' -> sb.append("''");
        case '\\' -> {
          char n = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
          // \% and \_ are kept as two characters by the lexer; write them back unchanged.
          if (n == '%' || n == '_') {
            sb.append('\\').append(n);
            i++;
          } else {
            sb.append("\\\\");
          }
        }
        case '\0' -> sb.append("\\0");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\u001a' -> sb.append("\\Z");
        default -> sb.append(c);
      }
    }
    return sb.append('\'').toString();
  }

  /** An identifier, backquoted always so that reserved words and odd names round-trip. */
  static String id(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static String qualified(String dotted) {
    return String.join(
        ".", java.util.Arrays.stream(dotted.split("\\.")).map(ExpressionPrinter::id).toList());
  }
}
