package io.dolly.sql.ast;

import java.util.List;

/** A value-producing SQL expression. Operators are kept as MySQL spells them canonically. */
public sealed interface Expression {

  /** NULL. */
  record NullLiteral() implements Expression {}

  /** TRUE / FALSE, which MySQL evaluates as 1 / 0 but names as written. */
  record BoolLiteral(boolean value) implements Expression {}

  /**
   * A numeric literal as written.
   *
   * @param kind INTEGER (digits only), DECIMAL (with a point) or FLOAT (with an exponent)
   */
  record NumberLiteral(String text, NumberKind kind) implements Expression {}

  enum NumberKind {
    INTEGER,
    DECIMAL,
    FLOAT
  }

  /** A string literal; charset is the introducer ({@code _utf8mb4'x'}) or null. */
  record StringLiteral(String value, String charset) implements Expression {}

  /** x'..' / 0x.. (digits only). */
  record HexLiteral(String digits) implements Expression {}

  /** b'..' / 0b.. (digits only). */
  record BitLiteral(String digits) implements Expression {}

  /** A {@code ?} placeholder, numbered from 0 in order of appearance. */
  record Param(int index) implements Expression {}

  /** A possibly qualified column name: {@code c}, {@code t.c}, {@code db.t.c}. */
  record ColumnRef(List<String> parts) implements Expression {
    public ColumnRef {
      parts = List.copyOf(parts);
    }

    public String name() {
      return parts.getLast();
    }
  }

  /** {@code *} or {@code t.*} (qualifier null for the bare star). */
  record Star(String qualifier) implements Expression {}

  /** {@code @name}. */
  record UserVar(String name) implements Expression {}

  /** {@code @@[scope.]name}. */
  record SysVar(VarScope scope, String name) implements Expression {}

  /** {@code @name := value}. */
  record Assign(String variable, Expression value) implements Expression {}

  /** Prefix operators: {@code -}, {@code +}, {@code ~}, {@code !}, {@code NOT}, {@code BINARY}. */
  record Unary(String op, Expression operand) implements Expression {}

  /**
   * Infix operators, canonical spelling: OR, XOR, AND, =, &lt;=&gt;, &lt;&gt;, &lt;, &lt;=, &gt;,
   * &gt;=, |, &amp;, &lt;&lt;, &gt;&gt;, +, -, *, /, DIV, MOD, ^, REGEXP.
   */
  record Binary(String op, Expression left, Expression right) implements Expression {}

  record Like(Expression value, Expression pattern, Expression escape, boolean not)
      implements Expression {}

  record InList(Expression value, List<Expression> list, boolean not) implements Expression {
    public InList {
      list = List.copyOf(list);
    }
  }

  record InSubquery(Expression value, Query query, boolean not) implements Expression {}

  record Between(Expression value, Expression low, Expression high, boolean not)
      implements Expression {}

  /** {@code IS [NOT] NULL|TRUE|FALSE|UNKNOWN}. */
  record IsTest(Expression value, String what, boolean not) implements Expression {}

  record Exists(Query query) implements Expression {}

  record Subquery(Query query) implements Expression {}

  /** {@code (a, b)} row constructor. */
  record Row(List<Expression> items) implements Expression {
    public Row {
      items = List.copyOf(items);
    }
  }

  /**
   * A function call; name upper-cased. {@code COUNT(*)} has a {@link Star} argument. Niladic
   * keywords (CURRENT_USER, CURRENT_TIMESTAMP, ...) are calls with no arguments.
   */
  record Call(String name, List<Expression> args, boolean distinct) implements Expression {
    public Call {
      args = List.copyOf(args);
    }
  }

  record When(Expression condition, Expression result) {}

  record Case(Expression operand, List<When> whens, Expression otherwise) implements Expression {
    public Case {
      whens = List.copyOf(whens);
    }
  }

  /** CAST(x AS type) and CONVERT(x, type). */
  record Cast(Expression value, DataType type) implements Expression {}

  /** CONVERT(x USING charset). */
  record ConvertUsing(Expression value, String charset) implements Expression {}

  /** {@code x COLLATE name}. */
  record Collate(Expression value, String collation) implements Expression {}

  /** {@code INTERVAL value unit}, inside DATE_ADD/DATE_SUB or with + and -. */
  record Interval(Expression value, String unit) implements Expression {}

  /** TRIM([BOTH|LEADING|TRAILING] [remove] FROM source); mode null for plain TRIM(x). */
  record Trim(String mode, Expression remove, Expression source) implements Expression {}

  /** The DEFAULT keyword as a value (SET x = DEFAULT, INSERT ... VALUES (DEFAULT)). */
  record Default() implements Expression {}
}
