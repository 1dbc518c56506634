package io.dolly.sql.parse;

import io.dolly.sql.ast.Assignment;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Limit;
import io.dolly.sql.ast.OrderItem;
import io.dolly.sql.ast.Query;
import io.dolly.sql.ast.SelectItem;
import io.dolly.sql.ast.Statement;
import io.dolly.sql.ast.TableName;
import io.dolly.sql.ast.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** SELECT (with UNION), INSERT/REPLACE, UPDATE and DELETE. */
final class QueryParser {
  /** SELECT modifiers that do not change the result and are accepted and dropped. */
  private static final Set<String> SELECT_HINTS =
      Set.of(
          "HIGH_PRIORITY",
          "STRAIGHT_JOIN",
          "SQL_SMALL_RESULT",
          "SQL_BIG_RESULT",
          "SQL_BUFFER_RESULT",
          "SQL_NO_CACHE",
          "SQL_CALC_FOUND_ROWS");

  private final TokenStream ts;
  private final Parser parser;

  QueryParser(TokenStream ts, Parser parser) {
    this.ts = ts;
    this.parser = parser;
  }

  private ExpressionParser expr() {
    return parser.expressions();
  }

  Query query() {
    Query left = queryTerm();
    if (!ts.atWord("UNION")) {
      return left instanceof Query.Select s ? withTail(s) : left;
    }
    while (ts.acceptWord("UNION")) {
      boolean all = ts.acceptWord("ALL");
      if (!all) {
        ts.acceptWord("DISTINCT");
      }
      left = new Query.Union(left, queryTerm(), all, List.of(), null);
    }
    Query.Union u = (Query.Union) left;
    List<OrderItem> order = orderBy();
    Limit limit = limit();
    return new Query.Union(u.left(), u.right(), u.all(), order, limit);
  }

  private Query queryTerm() {
    if (ts.acceptOp("(")) {
      Query q = query();
      ts.expectOp(")");
      return q;
    }
    return selectCore();
  }

  private Query.Select withTail(Query.Select s) {
    List<OrderItem> order = orderBy();
    Limit limit = limit();
    Query.Lock lock = lock();
    return new Query.Select(
        s.distinct(), s.items(), s.from(), s.where(), s.groupBy(), s.having(), order, limit, lock);
  }

  private Query.Select selectCore() {
    ts.expectWord("SELECT");
    boolean distinct = false;
    while (true) {
      if (ts.atWord("DISTINCT") || ts.atWord("DISTINCTROW")) {
        ts.next();
        distinct = true;
      } else if (ts.atWord("ALL") || SELECT_HINTS.contains(ts.peek().upper())) {
        ts.next();
      } else {
        break;
      }
    }
    List<SelectItem> items = new ArrayList<>();
    do {
      items.add(selectItem());
    } while (ts.acceptOp(","));
    List<TableRef> from = ts.acceptWord("FROM") ? tableRefs() : List.of();
    Expression where = ts.acceptWord("WHERE") ? expr().parse() : null;
    List<Expression> groupBy = List.of();
    if (ts.acceptWord("GROUP")) {
      ts.expectWord("BY");
      groupBy = new ArrayList<>();
      do {
        groupBy.add(expr().parse());
        if (!ts.acceptWord("ASC")) {
          ts.acceptWord("DESC");
        }
      } while (ts.acceptOp(","));
    }
    Expression having = ts.acceptWord("HAVING") ? expr().parse() : null;
    return new Query.Select(
        distinct, items, from, where, groupBy, having, List.of(), null, Query.Lock.NONE);
  }

  private SelectItem selectItem() {
    int start = ts.peek().start();
    Expression e = expr().parse();
    String text = ts.input().substring(start, ts.lastEnd());
    String alias = null;
    if (e instanceof Expression.Star) {
      return new SelectItem(e, null, text);
    }
    if (ts.acceptWord("AS")) {
      alias = ts.identifierOrString();
    } else if (ts.atIdentifier() || ts.peek().type() == TokenType.STRING) {
      alias = ts.identifierOrString();
    }
    return new SelectItem(e, alias, text);
  }

  List<TableRef> tableRefs() {
    List<TableRef> refs = new ArrayList<>();
    do {
      refs.add(joined());
    } while (ts.acceptOp(","));
    return refs;
  }

  private TableRef joined() {
    TableRef left = tableFactor();
    while (true) {
      String kind;
      if (ts.acceptWord("JOIN") || ts.acceptWords("INNER", "JOIN")) {
        kind = "INNER";
      } else if (ts.acceptWords("CROSS", "JOIN")) {
        kind = "CROSS";
      } else if (ts.acceptWord("STRAIGHT_JOIN")) {
        kind = "STRAIGHT_JOIN";
      } else if (ts.atWord("LEFT") || ts.atWord("RIGHT")) {
        kind = ts.next().upper();
        ts.acceptWord("OUTER");
        ts.expectWord("JOIN");
      } else if (ts.acceptWord("NATURAL")) {
        kind = "NATURAL";
        ts.expectWord("JOIN");
      } else {
        return left;
      }
      TableRef right = tableFactor();
      Expression on = null;
      List<String> using = List.of();
      if (ts.acceptWord("ON")) {
        on = expr().parse();
      } else if (ts.acceptWord("USING")) {
        ts.expectOp("(");
        using = identifierList();
      }
      left = new TableRef.Join(left, right, kind, on, using);
    }
  }

  private TableRef tableFactor() {
    if (ts.acceptOp("(")) {
      if (expr().atQueryStart()) {
        Query q = query();
        ts.expectOp(")");
        ts.acceptWord("AS");
        return new TableRef.Derived(q, ts.identifierOrString());
      }
      TableRef inner = joined();
      ts.expectOp(")");
      return inner;
    }
    if (ts.acceptWord("DUAL")) {
      return new TableRef.Dual();
    }
    TableName name = tableName();
    String alias = null;
    if (ts.acceptWord("AS")) {
      alias = ts.identifierOrString();
    } else if (ts.atIdentifier() && !isIndexHint()) {
      alias = ts.identifier();
    }
    skipIndexHints();
    return new TableRef.Table(name, alias);
  }

  private boolean isIndexHint() {
    return ts.atWord("USE") || ts.atWord("FORCE") || ts.atWord("IGNORE");
  }

  private void skipIndexHints() {
    while (isIndexHint() && (ts.peek(1).isWord("INDEX") || ts.peek(1).isWord("KEY"))) {
      ts.next();
      ts.next();
      ts.expectOp("(");
      while (!ts.acceptOp(")")) {
        if (ts.atEnd()) {
          throw ts.error();
        }
        ts.next();
      }
    }
  }

  TableName tableName() {
    String first = ts.identifier();
    if (ts.acceptOp(".")) {
      return new TableName(first, ts.name());
    }
    return new TableName(null, first);
  }

  /** Identifiers up to and including the closing parenthesis. */
  List<String> identifierList() {
    List<String> out = new ArrayList<>();
    do {
      out.add(ts.identifier());
    } while (ts.acceptOp(","));
    ts.expectOp(")");
    return out;
  }

  List<OrderItem> orderBy() {
    if (!ts.atWord("ORDER")) {
      return List.of();
    }
    ts.next();
    ts.expectWord("BY");
    List<OrderItem> items = new ArrayList<>();
    do {
      Expression e = expr().parse();
      boolean desc = ts.acceptWord("DESC");
      if (!desc) {
        ts.acceptWord("ASC");
      }
      items.add(new OrderItem(e, desc));
    } while (ts.acceptOp(","));
    return items;
  }

  Limit limit() {
    if (!ts.acceptWord("LIMIT")) {
      return null;
    }
    Expression first = limitValue();
    if (ts.acceptOp(",")) {
      return new Limit(limitValue(), first);
    }
    if (ts.acceptWord("OFFSET")) {
      return new Limit(first, limitValue());
    }
    return new Limit(first, null);
  }

  private Expression limitValue() {
    TokenType t = ts.peek().type();
    if (t == TokenType.INTEGER || t == TokenType.PARAM || t == TokenType.USER_VAR) {
      return expr().parse(ExpressionParser.COLLATE + 1);
    }
    if (ts.atIdentifier()) {
      return new Expression.ColumnRef(List.of(ts.identifier()));
    }
    throw ts.error();
  }

  private Query.Lock lock() {
    if (ts.atWord("FOR") && (ts.peek(1).isWord("UPDATE") || ts.peek(1).isWord("SHARE"))) {
      ts.next();
      Query.Lock lock =
          ts.next().upper().equals("UPDATE") ? Query.Lock.FOR_UPDATE : Query.Lock.FOR_SHARE;
      if (!ts.acceptWord("NOWAIT")) {
        ts.acceptWords("SKIP", "LOCKED");
      }
      return lock;
    }
    if (ts.atWord("LOCK")) {
      ts.next();
      ts.expectWord("IN");
      ts.expectWord("SHARE");
      ts.expectWord("MODE");
      return Query.Lock.LOCK_IN_SHARE_MODE;
    }
    return Query.Lock.NONE;
  }

  Statement insert(boolean replace) {
    ts.next();
    while (ts.atWord("LOW_PRIORITY") || ts.atWord("DELAYED") || ts.atWord("HIGH_PRIORITY")) {
      ts.next();
    }
    boolean ignore = ts.acceptWord("IGNORE");
    ts.acceptWord("INTO");
    TableName table = tableName();
    List<String> columns = List.of();
    if (ts.atOp("(") && !ts.peek(1).isWord("SELECT")) {
      ts.next();
      columns = ts.acceptOp(")") ? List.of() : identifierList();
    }
    List<List<Expression>> rows = new ArrayList<>();
    List<Assignment> set = List.of();
    Query select = null;
    String rowAlias = null;
    if (ts.acceptWord("VALUES") || ts.acceptWord("VALUE")) {
      do {
        ts.acceptWord("ROW");
        ts.expectOp("(");
        if (ts.acceptOp(")")) {
          rows.add(List.of());
        } else {
          rows.add(expr().list());
          ts.expectOp(")");
        }
      } while (ts.acceptOp(","));
      if (ts.acceptWord("AS")) {
        rowAlias = ts.identifier();
      }
    } else if (ts.acceptWord("SET")) {
      set = assignments();
    } else if (expr().atQueryStart()) {
      select = query();
    } else {
      throw ts.error();
    }
    List<Assignment> onDuplicate = List.of();
    if (ts.acceptWord("ON")) {
      ts.expectWord("DUPLICATE");
      ts.expectWord("KEY");
      ts.expectWord("UPDATE");
      onDuplicate = assignments();
    }
    return new Statement.Insert(
        replace, ignore, table, columns, rows, set, select, rowAlias, onDuplicate);
  }

  List<Assignment> assignments() {
    List<Assignment> out = new ArrayList<>();
    do {
      Expression target = expr().columnRef();
      if (!(target instanceof Expression.ColumnRef col)) {
        throw ts.error();
      }
      if (!ts.acceptOp("=")) {
        ts.expectOp(":=");
      }
      out.add(new Assignment(col, expr().parse()));
    } while (ts.acceptOp(","));
    return out;
  }

  Statement update() {
    ts.next();
    ts.acceptWord("LOW_PRIORITY");
    boolean ignore = ts.acceptWord("IGNORE");
    TableRef table = joined();
    ts.expectWord("SET");
    List<Assignment> set = assignments();
    Expression where = ts.acceptWord("WHERE") ? expr().parse() : null;
    List<OrderItem> order = orderBy();
    Limit limit = limit();
    return new Statement.Update(ignore, table, set, where, order, limit);
  }

  Statement delete() {
    ts.next();
    boolean ignore = false;
    while (ts.atWord("LOW_PRIORITY") || ts.atWord("QUICK") || ts.atWord("IGNORE")) {
      ignore |= ts.next().upper().equals("IGNORE");
    }
    ts.expectWord("FROM");
    TableName table = tableName();
    Expression where = ts.acceptWord("WHERE") ? expr().parse() : null;
    List<OrderItem> order = orderBy();
    Limit limit = limit();
    return new Statement.Delete(ignore, table, where, order, limit);
  }
}
