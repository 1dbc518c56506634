package io.dolly.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Expression.NumberKind;
import io.dolly.sql.ast.Query;
import io.dolly.sql.ast.VarScope;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random expression trees survive rendering and re-parsing unchanged, so the printer's
 * parenthesization and the parser's precedence agree everywhere. Seeded; replay a failure with
 * {@code -Ddolly.roundtrip.seed=<n>}, run longer with {@code -Ddolly.roundtrip.cases=<n>}.
 */
class ExpressionRoundTripTest {
  private static final String[] BINARY = {
    "OR", "XOR", "AND", "=", "<=>", "<>", "<", "<=", ">", ">=", "|", "&", "<<", ">>", "+", "-", "*",
    "/", "DIV", "%", "^", "REGEXP"
  };
  private static final String[] UNARY = {"-", "~", "NOT", "BINARY"};
  private static final String[] FUNCTIONS = {"CONCAT", "IFNULL", "COALESCE", "LEFT", "NOW"};
  private static final String ALPHABET = "ab_Z9 '\"\\`%\n\t€";

  @Test
  void randomExpressionsRoundTrip() {
    long seed = Long.getLong("dolly.roundtrip.seed", System.nanoTime());
    int cases = Integer.getInteger("dolly.roundtrip.cases", 2_000);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < cases; i++) {
      Expression e = expression(random, 4);
      String sql = AstPrinter.print(select(e));
      Expression back;
      try {
        back = ((Query.Select) Parser.parseOne(sql)).items().get(0).expression();
      } catch (RuntimeException ex) {
        throw new AssertionError("seed=" + seed + " case=" + i + " cannot parse " + sql, ex);
      }
      assertThat(back).as("seed=%d case=%d sql=%s", seed, i, sql).isEqualTo(e);
    }
  }

  private static Query.Select select(Expression e) {
    return new Query.Select(
        false,
        List.of(new io.dolly.sql.ast.SelectItem(e, null, "")),
        List.of(),
        null,
        List.of(),
        null,
        List.of(),
        null,
        Query.Lock.NONE);
  }

  private static Expression expression(SplittableRandom r, int depth) {
    if (depth == 0) {
      return leaf(r);
    }
    return switch (r.nextInt(9)) {
      case 0, 1 ->
          new Expression.Binary(
              BINARY[r.nextInt(BINARY.length)], expression(r, depth - 1), expression(r, depth - 1));
      case 2 -> new Expression.Unary(UNARY[r.nextInt(UNARY.length)], expression(r, depth - 1));
      case 3 ->
          new Expression.Like(
              expression(r, depth - 1),
              expression(r, depth - 1),
              r.nextBoolean() ? null : leaf(r),
              r.nextBoolean());
      case 4 ->
          new Expression.InList(
              expression(r, depth - 1),
              List.of(leaf(r), expression(r, depth - 1)),
              r.nextBoolean());
      case 5 ->
          new Expression.Between(
              expression(r, depth - 1),
              expression(r, depth - 1),
              expression(r, depth - 1),
              r.nextBoolean());
      case 6 ->
          new Expression.IsTest(
              expression(r, depth - 1), r.nextBoolean() ? "NULL" : "TRUE", r.nextBoolean());
      case 7 -> {
        String name = FUNCTIONS[r.nextInt(FUNCTIONS.length)];
        List<Expression> args = new ArrayList<>();
        int n = name.equals("NOW") ? 0 : 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
          args.add(expression(r, depth - 1));
        }
        yield new Expression.Call(name, args, false);
      }
      default ->
          new Expression.Case(
              r.nextBoolean() ? null : expression(r, depth - 1),
              List.of(new Expression.When(expression(r, depth - 1), expression(r, depth - 1))),
              r.nextBoolean() ? null : leaf(r));
    };
  }

  private static Expression leaf(SplittableRandom r) {
    return switch (r.nextInt(8)) {
      case 0 -> new Expression.NumberLiteral(String.valueOf(r.nextInt(1000)), NumberKind.INTEGER);
      case 1 ->
          new Expression.NumberLiteral(r.nextInt(100) + "." + r.nextInt(100), NumberKind.DECIMAL);
      case 2 -> new Expression.StringLiteral(text(r), null);
      case 3 ->
          new Expression.ColumnRef(r.nextBoolean() ? List.of(text(r)) : List.of(text(r), text(r)));
      case 4 -> new Expression.UserVar(word(r));
      case 5 -> new Expression.SysVar(VarScope.values()[r.nextInt(3)], word(r).toLowerCase());
      case 6 -> new Expression.NullLiteral();
      default -> new Expression.BoolLiteral(r.nextBoolean());
    };
  }

  private static String text(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(5);
    for (int i = 0; i < n; i++) {
      sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  private static String word(SplittableRandom r) {
    return "v" + r.nextInt(1000);
  }
}
