package io.dolly.sql.parse;

import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Expression.Call;
import java.util.ArrayList;
import java.util.List;

/**
 * Function calls after {@code name(}: the ordinary comma-separated form plus the calls with their
 * own syntax (CAST, CONVERT, TRIM, SUBSTRING ... FROM ... FOR, EXTRACT, POSITION, COUNT(*),
 * aggregate DISTINCT, TIMESTAMPDIFF and TIMESTAMPADD with a bare unit first).
 */
final class CallParser {
  private final TokenStream ts;
  private final ExpressionParser expressions;

  CallParser(TokenStream ts, ExpressionParser expressions) {
    this.ts = ts;
    this.expressions = expressions;
  }

  /** Parses the arguments and the closing parenthesis; the name and "(" are consumed. */
  Expression call(String name) {
    Expression result =
        switch (name) {
          case "CAST" -> cast();
          case "CONVERT" -> convert();
          case "TRIM" -> trim();
          case "EXTRACT" -> extract();
          case "TIMESTAMPDIFF", "TIMESTAMPADD" -> unitFirst(name);
          case "POSITION" -> position();
          case "SUBSTRING", "SUBSTR", "MID" -> substring(name);
          default -> ordinary(name);
        };
    ts.expectOp(")");
    return result;
  }

  private Expression ordinary(String name) {
    if (ts.atOp(")")) {
      return new Call(name, List.of(), false);
    }
    boolean distinct = ts.acceptWord("DISTINCT");
    if (!distinct) {
      ts.acceptWord("ALL");
    }
    List<Expression> args = expressions.list();
    if (name.equals("GROUP_CONCAT") && ts.atWord("SEPARATOR")) {
      ts.next();
      args = new ArrayList<>(args);
      args.add(new Expression.StringLiteral(ts.string(), null));
      return new Call("GROUP_CONCAT_SEPARATOR", args, distinct);
    }
    return new Call(name, args, distinct);
  }

  private Expression cast() {
    Expression value = expressions.parse();
    ts.expectWord("AS");
    return new Expression.Cast(value, expressions.castType());
  }

  private Expression convert() {
    Expression value = expressions.parse();
    if (ts.acceptWord("USING")) {
      return new Expression.ConvertUsing(value, ts.name().toLowerCase(java.util.Locale.ROOT));
    }
    ts.expectOp(",");
    return new Expression.Cast(value, expressions.castType());
  }

  private Expression trim() {
    String mode = null;
    if (ts.atWord("BOTH") || ts.atWord("LEADING") || ts.atWord("TRAILING")) {
      mode = ts.next().upper();
    }
    if (mode != null && ts.acceptWord("FROM")) {
      return new Expression.Trim(mode, null, expressions.parse());
    }
    Expression first = expressions.parse();
    if (ts.acceptWord("FROM")) {
      return new Expression.Trim(mode == null ? "BOTH" : mode, first, expressions.parse());
    }
    if (mode != null) {
      throw ts.error();
    }
    return new Expression.Trim(null, null, first);
  }

  private Expression extract() {
    String unit = expressions.intervalUnit();
    ts.expectWord("FROM");
    return new Call(
        "EXTRACT", List.of(new Expression.StringLiteral(unit, null), expressions.parse()), false);
  }

  /** {@code TIMESTAMPDIFF(unit, a, b)}, {@code TIMESTAMPADD(unit, n, t)}: a bare unit first. */
  private Expression unitFirst(String name) {
    String unit = expressions.intervalUnit();
    ts.expectOp(",");
    Expression first = expressions.parse();
    ts.expectOp(",");
    return new Call(
        name, List.of(new Expression.StringLiteral(unit, null), first, expressions.parse()), false);
  }

  private Expression position() {
    Expression needle = expressions.parse(ExpressionParser.BIT_OR);
    ts.expectWord("IN");
    return new Call("LOCATE", List.of(needle, expressions.parse()), false);
  }

  private Expression substring(String name) {
    List<Expression> args = new ArrayList<>();
    args.add(expressions.parse());
    if (ts.acceptWord("FROM")) {
      args.add(expressions.parse());
      if (ts.acceptWord("FOR")) {
        args.add(expressions.parse());
      }
    } else {
      while (ts.acceptOp(",")) {
        args.add(expressions.parse());
      }
    }
    return new Call(name, args, false);
  }
}
