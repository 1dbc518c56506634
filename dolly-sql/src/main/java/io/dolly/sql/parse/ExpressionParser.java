package io.dolly.sql.parse;

import io.dolly.sql.ast.DataType;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Expression.Assign;
import io.dolly.sql.ast.Expression.Between;
import io.dolly.sql.ast.Expression.Binary;
import io.dolly.sql.ast.Expression.Call;
import io.dolly.sql.ast.Expression.ColumnRef;
import io.dolly.sql.ast.Expression.InList;
import io.dolly.sql.ast.Expression.InSubquery;
import io.dolly.sql.ast.Expression.IsTest;
import io.dolly.sql.ast.Expression.Like;
import io.dolly.sql.ast.Expression.NumberKind;
import io.dolly.sql.ast.Expression.Unary;
import io.dolly.sql.ast.VarScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Pratt parser for expressions with MySQL's operator precedence, lowest first: {@code :=}; {@code
 * OR ||}; {@code XOR}; {@code AND &&}; {@code NOT}; comparisons, {@code IS}, {@code LIKE}, {@code
 * IN}, {@code BETWEEN}, {@code REGEXP}; {@code |}; {@code &}; {@code << >>}; {@code + -}; {@code *
 * / DIV % MOD}; {@code ^}; unary {@code - ~}; {@code !}; {@code BINARY}, {@code COLLATE}.
 */
final class ExpressionParser {
  static final int ASSIGN = 1;
  static final int OR = 2;
  static final int XOR = 3;
  static final int AND = 4;
  static final int NOT = 5;
  static final int COMPARE = 6;
  static final int BIT_OR = 7;
  static final int BIT_AND = 8;
  static final int SHIFT = 9;
  static final int ADD = 10;
  static final int MUL = 11;
  static final int BIT_XOR = 12;
  static final int UNARY = 13;
  static final int BANG = 14;
  static final int COLLATE = 15;

  /** Words that read as calls with no arguments when written without parentheses. */
  private static final Set<String> NILADIC =
      Set.of(
          "CURRENT_USER",
          "CURRENT_TIMESTAMP",
          "CURRENT_DATE",
          "CURRENT_TIME",
          "LOCALTIME",
          "LOCALTIMESTAMP",
          "UTC_TIMESTAMP",
          "UTC_DATE",
          "UTC_TIME");

  private final TokenStream ts;
  private final Parser parser;

  ExpressionParser(TokenStream ts, Parser parser) {
    this.ts = ts;
    this.parser = parser;
  }

  Expression parse() {
    return parse(ASSIGN);
  }

  List<Expression> list() {
    List<Expression> out = new ArrayList<>();
    do {
      out.add(parse());
    } while (ts.acceptOp(","));
    return out;
  }

  Expression parse(int minLevel) {
    Expression left = prefix();
    while (true) {
      Token t = ts.peek();
      int level = infixLevel(t);
      if (level < minLevel || level == 0) {
        return left;
      }
      left = infix(left, level);
    }
  }

  private int infixLevel(Token t) {
    if (t.type() == TokenType.OP) {
      return switch (t.text()) {
        case ":=" -> ASSIGN;
        case "||" -> OR;
        case "&&" -> AND;
        case "=", "<=>", "<>", "!=", "<", "<=", ">", ">=" -> COMPARE;
        case "|" -> BIT_OR;
        case "&" -> BIT_AND;
        case "<<", ">>" -> SHIFT;
        case "+", "-" -> ADD;
        case "*", "/", "%" -> MUL;
        case "^" -> BIT_XOR;
        default -> 0;
      };
    }
    if (t.type() == TokenType.WORD) {
      return switch (t.upper()) {
        case "OR" -> OR;
        case "XOR" -> XOR;
        case "AND" -> AND;
        case "IS", "LIKE", "IN", "BETWEEN", "REGEXP", "RLIKE" -> COMPARE;
        case "NOT" -> notInfix() ? COMPARE : 0;
        case "DIV", "MOD" -> MUL;
        case "COLLATE" -> COLLATE;
        default -> 0;
      };
    }
    return 0;
  }

  private boolean notInfix() {
    Token n = ts.peek(1);
    return n.isWord("LIKE")
        || n.isWord("IN")
        || n.isWord("BETWEEN")
        || n.isWord("REGEXP")
        || n.isWord("RLIKE");
  }

  private Expression infix(Expression left, int level) {
    Token t = ts.next();
    if (t.type() == TokenType.OP) {
      String op =
          switch (t.text()) {
            case "||" -> "OR";
            case "&&" -> "AND";
            case "!=" -> "<>";
            default -> t.text();
          };
      if (op.equals(":=")) {
        if (!(left instanceof Expression.UserVar v)) {
          throw SyntaxError.near(ts.input(), t.start(), t.line());
        }
        return new Assign(v.name(), parse(ASSIGN));
      }
      return new Binary(op, left, parse(level + 1));
    }
    String word = t.upper();
    switch (word) {
      case "OR", "XOR", "AND" -> {
        return new Binary(word, left, parse(level + 1));
      }
      case "DIV" -> {
        return new Binary("DIV", left, parse(level + 1));
      }
      case "MOD" -> {
        return new Binary("%", left, parse(level + 1));
      }
      case "COLLATE" -> {
        return new Expression.Collate(left, ts.name());
      }
      case "IS" -> {
        boolean not = ts.acceptWord("NOT");
        Token w = ts.next();
        if (w.type() != TokenType.WORD
            || !(w.upper().equals("NULL")
                || w.upper().equals("TRUE")
                || w.upper().equals("FALSE")
                || w.upper().equals("UNKNOWN"))) {
          throw SyntaxError.near(ts.input(), w.start(), w.line());
        }
        return new IsTest(left, w.upper(), not);
      }
      default -> {
        boolean not = word.equals("NOT");
        String op = not ? ts.next().upper() : word;
        return predicate(left, op, not);
      }
    }
  }

  private Expression predicate(Expression left, String op, boolean not) {
    switch (op) {
      case "LIKE" -> {
        Expression pattern = parse(BIT_OR);
        Expression escape = ts.acceptWord("ESCAPE") ? parse(BIT_OR) : null;
        return new Like(left, pattern, escape, not);
      }
      case "REGEXP", "RLIKE" -> {
        Expression r = new Binary("REGEXP", left, parse(BIT_OR));
        return not ? new Unary("NOT", r) : r;
      }
      case "BETWEEN" -> {
        Expression low = parse(BIT_OR);
        ts.expectWord("AND");
        Expression high = parse(BIT_OR);
        return new Between(left, low, high, not);
      }
      default -> {
        ts.expectOp("(");
        if (atQueryStart()) {
          var q = parser.queries().query();
          ts.expectOp(")");
          return new InSubquery(left, q, not);
        }
        List<Expression> items = list();
        ts.expectOp(")");
        return new InList(left, items, not);
      }
    }
  }

  boolean atQueryStart() {
    return ts.atWord("SELECT") || (ts.atOp("(") && ts.peek(1).isWord("SELECT"));
  }

  private Expression prefix() {
    Token t = ts.peek();
    switch (t.type()) {
      case INTEGER -> {
        ts.next();
        return new Expression.NumberLiteral(t.text(), NumberKind.INTEGER);
      }
      case DECIMAL -> {
        ts.next();
        return new Expression.NumberLiteral(t.text(), NumberKind.DECIMAL);
      }
      case FLOAT -> {
        ts.next();
        return new Expression.NumberLiteral(t.text(), NumberKind.FLOAT);
      }
      case STRING -> {
        return stringLiteral(null);
      }
      case HEX -> {
        ts.next();
        return new Expression.HexLiteral(t.text());
      }
      case BIT -> {
        ts.next();
        return new Expression.BitLiteral(t.text());
      }
      case PARAM -> {
        ts.next();
        return new Expression.Param(ts.nextParamIndex());
      }
      case USER_VAR -> {
        ts.next();
        return new Expression.UserVar(t.text());
      }
      case SYS_VAR -> {
        ts.next();
        return sysVar(t);
      }
      case OP -> {
        return prefixOperator(t);
      }
      case QUOTED_ID -> {
        return columnRef();
      }
      case WORD -> {
        return word(t);
      }
      default -> throw ts.error();
    }
  }

  private Expression stringLiteral(String charset) {
    StringBuilder sb = new StringBuilder(ts.next().text());
    // Adjacent string literals concatenate: 'a' 'b' is 'ab'.
    while (ts.peek().type() == TokenType.STRING) {
      sb.append(ts.next().text());
    }
    return new Expression.StringLiteral(sb.toString(), charset);
  }

  static Expression.SysVar sysVar(Token t) {
    String text = t.text();
    String lower = text.toLowerCase(Locale.ROOT);
    VarScope scope = VarScope.DEFAULT;
    String name = text;
    for (VarScope s : new VarScope[] {VarScope.GLOBAL, VarScope.SESSION, VarScope.PERSIST}) {
      String prefix = s.name().toLowerCase(Locale.ROOT) + ".";
      if (lower.startsWith(prefix)) {
        scope = s;
        name = text.substring(prefix.length());
      }
    }
    if (lower.startsWith("local.")) {
      scope = VarScope.SESSION;
      name = text.substring(6);
    } else if (lower.startsWith("persist_only.")) {
      scope = VarScope.PERSIST_ONLY;
      name = text.substring(13);
    }
    return new Expression.SysVar(scope, name.toLowerCase(Locale.ROOT));
  }

  private Expression prefixOperator(Token t) {
    switch (t.text()) {
      case "(" -> {
        ts.next();
        if (atQueryStart()) {
          var q = parser.queries().query();
          ts.expectOp(")");
          return new Expression.Subquery(q);
        }
        Expression first = parse();
        if (ts.acceptOp(",")) {
          List<Expression> items = new ArrayList<>();
          items.add(first);
          items.addAll(list());
          ts.expectOp(")");
          return new Expression.Row(items);
        }
        ts.expectOp(")");
        return first;
      }
      case "-" -> {
        ts.next();
        return new Unary("-", parse(UNARY));
      }
      case "+" -> {
        ts.next();
        return parse(UNARY);
      }
      case "~" -> {
        ts.next();
        return new Unary("~", parse(UNARY));
      }
      case "!" -> {
        ts.next();
        return new Unary("NOT", parse(BANG));
      }
      case "*" -> {
        ts.next();
        return new Expression.Star(null);
      }
      default -> throw ts.error();
    }
  }

  private Expression word(Token t) {
    String w = t.upper();
    Token after = ts.peek(1);
    boolean call = after.isOp("(") && after.start() == t.end();
    switch (w) {
      case "NULL" -> {
        ts.next();
        return new Expression.NullLiteral();
      }
      case "TRUE", "FALSE" -> {
        ts.next();
        return new Expression.BoolLiteral(w.equals("TRUE"));
      }
      case "NOT" -> {
        ts.next();
        return new Unary("NOT", parse(NOT));
      }
      case "BINARY" -> {
        ts.next();
        return new Unary("BINARY", parse(COLLATE));
      }
      case "EXISTS" -> {
        ts.next();
        ts.expectOp("(");
        var q = parser.queries().query();
        ts.expectOp(")");
        return new Expression.Exists(q);
      }
      case "CASE" -> {
        return caseExpression();
      }
      case "INTERVAL" -> {
        if (!call) {
          ts.next();
          Expression value = parse();
          return new Expression.Interval(value, intervalUnit());
        }
      }
      case "DEFAULT" -> {
        if (!call) {
          ts.next();
          return new Expression.Default();
        }
      }
      default -> {}
    }
    if (t.text().startsWith("_") && ts.peek(1).type() == TokenType.STRING) {
      ts.next();
      return stringLiteral(t.text().substring(1).toLowerCase(Locale.ROOT));
    }
    if (after.isOp("(")) {
      ts.next();
      ts.next();
      return new CallParser(ts, this).call(w);
    }
    if (NILADIC.contains(w)) {
      ts.next();
      return new Call(w, List.of(), false);
    }
    return columnRef();
  }

  String intervalUnit() {
    Token u = ts.peek();
    if (u.type() != TokenType.WORD) {
      throw ts.error();
    }
    ts.next();
    return u.upper();
  }

  private Expression caseExpression() {
    ts.next();
    Expression operand = ts.atWord("WHEN") ? null : parse();
    List<Expression.When> whens = new ArrayList<>();
    while (ts.acceptWord("WHEN")) {
      Expression cond = parse();
      ts.expectWord("THEN");
      whens.add(new Expression.When(cond, parse()));
    }
    if (whens.isEmpty()) {
      throw ts.error();
    }
    Expression otherwise = ts.acceptWord("ELSE") ? parse() : null;
    ts.expectWord("END");
    return new Expression.Case(operand, whens, otherwise);
  }

  /** {@code a}, {@code t.a}, {@code db.t.a}, {@code t.*}. */
  Expression columnRef() {
    List<String> parts = new ArrayList<>(3);
    parts.add(ts.identifier());
    while (ts.atOp(".")) {
      ts.next();
      if (ts.acceptOp("*")) {
        return new Expression.Star(String.join(".", parts));
      }
      // After a dot any word is a name, reserved or not (t.key, db.order).
      parts.add(ts.name());
    }
    return new ColumnRef(parts);
  }

  /** A CAST/CONVERT target type. */
  DataType castType() {
    return parser.ddl().dataType();
  }
}
