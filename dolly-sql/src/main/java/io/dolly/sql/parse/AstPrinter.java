package io.dolly.sql.parse;

import static io.dolly.sql.parse.ExpressionPrinter.id;
import static io.dolly.sql.parse.ExpressionPrinter.quote;

import io.dolly.sql.ast.Admin;
import io.dolly.sql.ast.AlterAction;
import io.dolly.sql.ast.Assignment;
import io.dolly.sql.ast.ColumnDef;
import io.dolly.sql.ast.Ddl;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.IndexDef;
import io.dolly.sql.ast.Limit;
import io.dolly.sql.ast.OrderItem;
import io.dolly.sql.ast.Query;
import io.dolly.sql.ast.SelectItem;
import io.dolly.sql.ast.Statement;
import io.dolly.sql.ast.TableName;
import io.dolly.sql.ast.TableOption;
import io.dolly.sql.ast.TableRef;
import io.dolly.sql.ast.UserSpec;
import io.dolly.sql.ast.VarScope;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders a statement as canonical SQL: keywords upper case, identifiers backquoted, compound
 * expressions parenthesized. Parsing the rendering gives back an equal tree.
 */
public final class AstPrinter {
  private final ExpressionPrinter expressions = new ExpressionPrinter(this::query);
  private final AdminPrinter admin = new AdminPrinter(this);

  public static String print(Statement s) {
    return new AstPrinter().statement(s);
  }

  String statement(Statement s) {
    return switch (s) {
      case Query q -> query(q);
      case Statement.Insert i -> insert(i);
      case Statement.Update u -> update(u);
      case Statement.Delete d -> delete(d);
      case Statement.Explain e -> "EXPLAIN " + statement(e.statement());
      case Ddl d -> ddl(d);
      case Admin a -> admin.print(a);
    };
  }

  String expr(Expression e) {
    return expressions.print(e);
  }

  String exprs(List<Expression> list) {
    return expressions.list(list);
  }

  static String table(TableName t) {
    return (t.schema() == null ? "" : id(t.schema()) + ".") + id(t.name());
  }

  static <T> String join(List<T> items, Function<T, String> f) {
    StringBuilder sb = new StringBuilder();
    for (T t : items) {
      if (!sb.isEmpty()) {
        sb.append(", ");
      }
      sb.append(f.apply(t));
    }
    return sb.toString();
  }

  static String user(UserSpec u) {
    return u.current() ? "CURRENT_USER()" : quote(u.user()) + "@" + quote(u.host());
  }

  String query(Query q) {
    return switch (q) {
      case Query.Select s -> select(s);
      case Query.Union u ->
          "("
              + query(u.left())
              + ") UNION "
              + (u.all() ? "ALL " : "")
              + "("
              + query(u.right())
              + ")"
              + orderAndLimit(u.orderBy(), u.limit());
    };
  }

  private String select(Query.Select s) {
    StringBuilder sb = new StringBuilder("SELECT ");
    if (s.distinct()) {
      sb.append("DISTINCT ");
    }
    sb.append(join(s.items(), this::selectItem));
    if (!s.from().isEmpty()) {
      sb.append(" FROM ").append(join(s.from(), this::tableRef));
    }
    if (s.where() != null) {
      sb.append(" WHERE ").append(expr(s.where()));
    }
    if (!s.groupBy().isEmpty()) {
      sb.append(" GROUP BY ").append(exprs(s.groupBy()));
    }
    if (s.having() != null) {
      sb.append(" HAVING ").append(expr(s.having()));
    }
    sb.append(orderAndLimit(s.orderBy(), s.limit()));
    switch (s.lock()) {
      case FOR_UPDATE -> sb.append(" FOR UPDATE");
      case FOR_SHARE -> sb.append(" FOR SHARE");
      case LOCK_IN_SHARE_MODE -> sb.append(" LOCK IN SHARE MODE");
      case NONE -> {}
    }
    return sb.toString();
  }

  private String selectItem(SelectItem item) {
    String e = expr(item.expression());
    return item.alias() == null ? e : e + " AS " + id(item.alias());
  }

  String orderAndLimit(List<OrderItem> order, Limit limit) {
    StringBuilder sb = new StringBuilder();
    if (!order.isEmpty()) {
      sb.append(" ORDER BY ")
          .append(join(order, o -> expr(o.expression()) + (o.descending() ? " DESC" : "")));
    }
    if (limit != null) {
      sb.append(" LIMIT ").append(expr(limit.count()));
      if (limit.offset() != null) {
        sb.append(" OFFSET ").append(expr(limit.offset()));
      }
    }
    return sb.toString();
  }

  private String tableRef(TableRef r) {
    return switch (r) {
      case TableRef.Table t -> table(t.name()) + (t.alias() == null ? "" : " AS " + id(t.alias()));
      case TableRef.Derived d -> "(" + query(d.query()) + ") AS " + id(d.alias());
      case TableRef.Dual d -> "DUAL";
      case TableRef.Join j -> {
        String kind =
            switch (j.kind()) {
              case "INNER" -> " JOIN ";
              case "CROSS" -> " CROSS JOIN ";
              case "LEFT" -> " LEFT JOIN ";
              case "RIGHT" -> " RIGHT JOIN ";
              case "NATURAL" -> " NATURAL JOIN ";
              default -> " STRAIGHT_JOIN ";
            };
        String right = tableRef(j.right());
        if (j.right() instanceof TableRef.Join) {
          right = "(" + right + ")";
        }
        String tail = "";
        if (j.on() != null) {
          tail = " ON " + expr(j.on());
        } else if (!j.using().isEmpty()) {
          tail = " USING (" + join(j.using(), ExpressionPrinter::id) + ")";
        }
        yield tableRef(j.left()) + kind + right + tail;
      }
    };
  }

  private String assignments(List<Assignment> list) {
    return join(list, a -> expr(a.column()) + " = " + expr(a.value()));
  }

  private String insert(Statement.Insert i) {
    StringBuilder sb = new StringBuilder(i.replace() ? "REPLACE " : "INSERT ");
    if (i.ignore()) {
      sb.append("IGNORE ");
    }
    sb.append("INTO ").append(table(i.table()));
    if (!i.columns().isEmpty()) {
      sb.append(" (").append(join(i.columns(), ExpressionPrinter::id)).append(')');
    }
    if (i.select() != null) {
      sb.append(' ').append(query(i.select()));
    } else if (!i.set().isEmpty()) {
      sb.append(" SET ").append(assignments(i.set()));
    } else {
      sb.append(" VALUES ").append(join(i.rows(), r -> "(" + exprs(r) + ")"));
      if (i.rowAlias() != null) {
        sb.append(" AS ").append(id(i.rowAlias()));
      }
    }
    if (!i.onDuplicate().isEmpty()) {
      sb.append(" ON DUPLICATE KEY UPDATE ").append(assignments(i.onDuplicate()));
    }
    return sb.toString();
  }

  private String update(Statement.Update u) {
    StringBuilder sb = new StringBuilder("UPDATE ");
    if (u.ignore()) {
      sb.append("IGNORE ");
    }
    sb.append(tableRef(u.table())).append(" SET ").append(assignments(u.set()));
    if (u.where() != null) {
      sb.append(" WHERE ").append(expr(u.where()));
    }
    return sb.append(orderAndLimit(u.orderBy(), u.limit())).toString();
  }

  private String delete(Statement.Delete d) {
    StringBuilder sb = new StringBuilder("DELETE ");
    if (d.ignore()) {
      sb.append("IGNORE ");
    }
    sb.append("FROM ").append(table(d.table()));
    if (d.where() != null) {
      sb.append(" WHERE ").append(expr(d.where()));
    }
    return sb.append(orderAndLimit(d.orderBy(), d.limit())).toString();
  }

  private String ddl(Ddl d) {
    return switch (d) {
      case Ddl.CreateDatabase c ->
          "CREATE DATABASE "
              + (c.ifNotExists() ? "IF NOT EXISTS " : "")
              + id(c.name())
              + options(c.options());
      case Ddl.DropDatabase x ->
          "DROP DATABASE " + (x.ifExists() ? "IF EXISTS " : "") + id(x.name());
      case Ddl.AlterDatabase a ->
          "ALTER DATABASE" + (a.name() == null ? "" : " " + id(a.name())) + options(a.options());
      case Ddl.CreateTable c -> createTable(c);
      case Ddl.CreateIndex c ->
          "CREATE "
              + (c.index().kind().equals("INDEX") ? "" : c.index().kind() + " ")
              + "INDEX "
              + id(c.index().name())
              + " ON "
              + table(c.table())
              + " "
              + parts(c.index().parts())
              + options(c.options());
      case Ddl.DropIndex x -> "DROP INDEX " + id(x.name()) + " ON " + table(x.table());
      case Ddl.AlterTable a ->
          "ALTER TABLE "
              + table(a.table())
              + (a.actions().isEmpty() ? "" : " " + join(a.actions(), this::alterAction));
      case Ddl.DropTable x ->
          "DROP "
              + (x.temporary() ? "TEMPORARY " : "")
              + "TABLE "
              + (x.ifExists() ? "IF EXISTS " : "")
              + join(x.tables(), AstPrinter::table);
      case Ddl.TruncateTable t -> "TRUNCATE TABLE " + table(t.table());
      case Ddl.RenameTable r -> {
        StringBuilder sb = new StringBuilder("RENAME TABLE ");
        for (int i = 0; i < r.from().size(); i++) {
          sb.append(i == 0 ? "" : ", ")
              .append(table(r.from().get(i)))
              .append(" TO ")
              .append(table(r.to().get(i)));
        }
        yield sb.toString();
      }
      case Ddl.Maintenance m -> m.operation() + " TABLE " + join(m.tables(), AstPrinter::table);
    };
  }

  private String createTable(Ddl.CreateTable c) {
    StringBuilder sb = new StringBuilder("CREATE ");
    if (c.temporary()) {
      sb.append("TEMPORARY ");
    }
    sb.append("TABLE ");
    if (c.ifNotExists()) {
      sb.append("IF NOT EXISTS ");
    }
    sb.append(table(c.name()));
    if (c.like() != null) {
      return sb.append(" LIKE ").append(table(c.like())).toString();
    }
    if (!c.columns().isEmpty() || !c.indexes().isEmpty()) {
      sb.append(" (");
      String defs = join(c.columns(), this::column);
      String keys = join(c.indexes(), this::index);
      sb.append(defs);
      if (!defs.isEmpty() && !keys.isEmpty()) {
        sb.append(", ");
      }
      sb.append(keys).append(')');
    }
    sb.append(options(c.options()));
    if (c.asSelect() != null) {
      sb.append(" AS ").append(query(c.asSelect()));
    }
    return sb.toString();
  }

  private String column(ColumnDef c) {
    StringBuilder sb =
        new StringBuilder(id(c.name())).append(' ').append(ExpressionPrinter.dataType(c.type()));
    if (c.nullable() != null) {
      sb.append(c.nullable() ? " NULL" : " NOT NULL");
    }
    if (c.defaultValue() != null) {
      sb.append(" DEFAULT ").append(expr(c.defaultValue()));
    }
    if (c.onUpdate() != null) {
      sb.append(" ON UPDATE ").append(expr(c.onUpdate()));
    }
    if (c.autoIncrement()) {
      sb.append(" AUTO_INCREMENT");
    }
    if (c.unique()) {
      sb.append(" UNIQUE KEY");
    }
    if (c.primaryKey()) {
      sb.append(" PRIMARY KEY");
    }
    if (c.comment() != null) {
      sb.append(" COMMENT ").append(quote(c.comment()));
    }
    return sb.toString();
  }

  private String index(IndexDef i) {
    String head =
        switch (i.kind()) {
          case "PRIMARY" -> "PRIMARY KEY";
          case "UNIQUE" -> "UNIQUE KEY";
          case "FULLTEXT" -> "FULLTEXT KEY";
          default -> "KEY";
        };
    return head + (i.name() == null ? "" : " " + id(i.name())) + " " + parts(i.parts());
  }

  private static String parts(List<IndexDef.Part> parts) {
    return "("
        + join(
            parts,
            p ->
                id(p.column())
                    + (p.length() == null ? "" : "(" + p.length() + ")")
                    + (p.descending() ? " DESC" : ""))
        + ")";
  }

  static String options(List<TableOption> options) {
    StringBuilder sb = new StringBuilder();
    for (TableOption o : options) {
      sb.append(' ').append(option(o));
    }
    return sb.toString();
  }

  static String option(TableOption o) {
    return o.name() + "=" + (o.quoted() ? quote(o.value()) : o.value());
  }

  private String alterAction(AlterAction a) {
    return switch (a) {
      case AlterAction.AddColumn c -> "ADD COLUMN " + column(c.column()) + position(c.position());
      case AlterAction.DropColumn c -> "DROP COLUMN " + id(c.name());
      case AlterAction.ModifyColumn c ->
          "MODIFY COLUMN " + column(c.column()) + position(c.position());
      case AlterAction.ChangeColumn c ->
          "CHANGE COLUMN " + id(c.oldName()) + " " + column(c.column()) + position(c.position());
      case AlterAction.AddIndex i -> "ADD " + index(i.index());
      case AlterAction.DropIndex i -> "DROP INDEX " + id(i.name());
      case AlterAction.DropPrimaryKey p -> "DROP PRIMARY KEY";
      case AlterAction.Rename r -> "RENAME TO " + table(r.to());
      case AlterAction.Option o -> option(o.option());
      case AlterAction.Keys k -> k.enable() ? "ENABLE KEYS" : "DISABLE KEYS";
    };
  }

  private static String position(AlterAction.Position p) {
    if (p == null) {
      return "";
    }
    return p.first() ? " FIRST" : " AFTER " + id(p.after());
  }

  static String scope(VarScope scope) {
    return scope == VarScope.DEFAULT ? "" : scope.name() + " ";
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
