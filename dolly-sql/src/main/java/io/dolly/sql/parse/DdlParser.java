package io.dolly.sql.parse;

import io.dolly.sql.ast.AlterAction;
import io.dolly.sql.ast.ColumnDef;
import io.dolly.sql.ast.DataType;
import io.dolly.sql.ast.Ddl;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.IndexDef;
import io.dolly.sql.ast.Query;
import io.dolly.sql.ast.Statement;
import io.dolly.sql.ast.TableName;
import io.dolly.sql.ast.TableOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** CREATE/ALTER/DROP of databases, tables and indexes, and the table maintenance statements. */
final class DdlParser {
  private final TokenStream ts;
  private final Parser parser;

  DdlParser(TokenStream ts, Parser parser) {
    this.ts = ts;
    this.parser = parser;
  }

  private QueryParser queries() {
    return parser.queries();
  }

  /** After CREATE: DATABASE/SCHEMA, [TEMPORARY] TABLE, [UNIQUE|FULLTEXT] INDEX. */
  Statement create() {
    if (ts.acceptWord("DATABASE") || ts.acceptWord("SCHEMA")) {
      boolean ifNotExists = ifNotExists();
      String name = ts.identifier();
      return new Ddl.CreateDatabase(name, ifNotExists, databaseOptions());
    }
    boolean temporary = ts.acceptWord("TEMPORARY");
    if (ts.acceptWord("TABLE")) {
      return createTable(temporary);
    }
    if (!temporary && (ts.atWord("UNIQUE") || ts.atWord("FULLTEXT") || ts.atWord("INDEX"))) {
      String kind = ts.atWord("INDEX") ? "INDEX" : ts.next().upper();
      ts.expectWord("INDEX");
      String name = ts.identifier();
      skipIndexType();
      ts.expectWord("ON");
      TableName table = queries().tableName();
      List<IndexDef.Part> parts = indexParts();
      return new Ddl.CreateIndex(new IndexDef(kind, name, parts), table, alterOptions());
    }
    throw ts.error();
  }

  private boolean ifNotExists() {
    if (ts.acceptWord("IF")) {
      ts.expectWord("NOT");
      ts.expectWord("EXISTS");
      return true;
    }
    return false;
  }

  private boolean ifExists() {
    if (ts.acceptWord("IF")) {
      ts.expectWord("EXISTS");
      return true;
    }
    return false;
  }

  List<TableOption> databaseOptions() {
    List<TableOption> options = new ArrayList<>();
    while (!ts.atEnd()) {
      ts.acceptWord("DEFAULT");
      String name;
      if (ts.acceptWord("CHARSET") || ts.acceptWords("CHARACTER", "SET")) {
        name = "CHARACTER SET";
      } else if (ts.acceptWord("COLLATE")) {
        name = "COLLATE";
      } else if (ts.acceptWord("ENCRYPTION")) {
        name = "ENCRYPTION";
      } else if (ts.acceptWords("READ", "ONLY")) {
        name = "READ ONLY";
      } else {
        throw ts.error();
      }
      ts.acceptOp("=");
      options.add(optionValue(name));
    }
    return options;
  }

  private TableOption optionValue(String name) {
    Token v = ts.peek();
    switch (v.type()) {
      case STRING -> {
        ts.next();
        return new TableOption(name, v.text(), true);
      }
      case INTEGER, WORD, QUOTED_ID -> {
        ts.next();
        String text = v.type() == TokenType.WORD ? v.text().toLowerCase(Locale.ROOT) : v.text();
        if (v.type() == TokenType.WORD && (name.equals("ENGINE") || name.equals("ROW_FORMAT"))) {
          text = v.text();
        }
        return new TableOption(name, text, false);
      }
      default -> throw ts.error();
    }
  }

  private Statement createTable(boolean temporary) {
    boolean ifNotExists = ifNotExists();
    TableName name = queries().tableName();
    if (ts.acceptWord("LIKE")) {
      return new Ddl.CreateTable(
          temporary,
          ifNotExists,
          name,
          List.of(),
          List.of(),
          List.of(),
          queries().tableName(),
          null);
    }
    List<ColumnDef> columns = new ArrayList<>();
    List<IndexDef> indexes = new ArrayList<>();
    if (ts.atOp("(") && !ts.peek(1).isWord("SELECT")) {
      ts.next();
      if (ts.acceptWord("LIKE")) {
        TableName like = queries().tableName();
        ts.expectOp(")");
        return new Ddl.CreateTable(
            temporary, ifNotExists, name, List.of(), List.of(), List.of(), like, null);
      }
      do {
        IndexDef index = indexDefinition();
        if (index != null) {
          indexes.add(index);
        } else {
          columns.add(columnDefinition());
        }
      } while (ts.acceptOp(","));
      ts.expectOp(")");
    }
    List<TableOption> options = tableOptions();
    Query select = null;
    ts.acceptWord("AS");
    if (parser.expressions().atQueryStart()) {
      select = queries().query();
    }
    return new Ddl.CreateTable(
        temporary, ifNotExists, name, columns, indexes, options, null, select);
  }

  /** A table constraint, or null when the next item is a column. */
  private IndexDef indexDefinition() {
    if (ts.acceptWord("CONSTRAINT")) {
      if (ts.atIdentifier()) {
        ts.next();
      }
    }
    String kind;
    if (ts.acceptWord("PRIMARY")) {
      ts.expectWord("KEY");
      skipIndexType();
      return new IndexDef("PRIMARY", null, indexParts());
    } else if (ts.acceptWord("UNIQUE")) {
      if (!ts.acceptWord("KEY")) {
        ts.acceptWord("INDEX");
      }
      kind = "UNIQUE";
    } else if (ts.acceptWord("FULLTEXT")) {
      if (!ts.acceptWord("KEY")) {
        ts.acceptWord("INDEX");
      }
      kind = "FULLTEXT";
    } else if (ts.acceptWord("KEY") || ts.acceptWord("INDEX")) {
      kind = "INDEX";
    } else {
      return null;
    }
    String name = ts.atIdentifier() && !ts.atWord("USING") ? ts.identifier() : null;
    skipIndexType();
    return new IndexDef(kind, name, indexParts());
  }

  private void skipIndexType() {
    if (ts.acceptWord("USING")) {
      ts.name();
    }
  }

  private List<IndexDef.Part> indexParts() {
    ts.expectOp("(");
    List<IndexDef.Part> parts = new ArrayList<>();
    do {
      String column = ts.identifier();
      Integer length = null;
      if (ts.acceptOp("(")) {
        length = ts.integer();
        ts.expectOp(")");
      }
      boolean desc = ts.acceptWord("DESC");
      if (!desc) {
        ts.acceptWord("ASC");
      }
      parts.add(new IndexDef.Part(column, length, desc));
    } while (ts.acceptOp(","));
    ts.expectOp(")");
    skipIndexType();
    while (ts.atWord("COMMENT") || ts.atWord("KEY_BLOCK_SIZE")) {
      ts.next();
      ts.acceptOp("=");
      ts.next();
    }
    return parts;
  }

  ColumnDef columnDefinition() {
    String name = ts.identifier();
    DataType type = dataType();
    Boolean nullable = null;
    Expression defaultValue = null;
    Expression onUpdate = null;
    boolean autoIncrement = false;
    boolean unique = false;
    boolean primary = false;
    String comment = null;
    String charset = type.charset();
    String collation = type.collation();
    while (true) {
      if (ts.acceptWord("NOT")) {
        ts.expectWord("NULL");
        nullable = false;
      } else if (ts.acceptWord("NULL")) {
        nullable = true;
      } else if (ts.acceptWord("DEFAULT")) {
        defaultValue = parser.expressions().parse(ExpressionParser.UNARY);
      } else if (ts.acceptWord("ON")) {
        ts.expectWord("UPDATE");
        onUpdate = parser.expressions().parse(ExpressionParser.UNARY);
      } else if (ts.acceptWord("AUTO_INCREMENT")) {
        autoIncrement = true;
      } else if (ts.acceptWord("UNIQUE")) {
        ts.acceptWord("KEY");
        unique = true;
      } else if (ts.acceptWord("PRIMARY")) {
        ts.expectWord("KEY");
        primary = true;
      } else if (ts.acceptWord("KEY")) {
        primary = true;
      } else if (ts.acceptWord("COMMENT")) {
        comment = ts.string();
      } else if (ts.acceptWord("COLLATE")) {
        collation = ts.name().toLowerCase(Locale.ROOT);
      } else if (ts.acceptWord("CHARSET") || ts.acceptWords("CHARACTER", "SET")) {
        charset = ts.name().toLowerCase(Locale.ROOT);
      } else {
        break;
      }
    }
    if (charset != type.charset() || collation != type.collation()) {
      type =
          new DataType(
              type.name(),
              type.length(),
              type.scale(),
              type.values(),
              type.unsigned(),
              type.zerofill(),
              charset,
              collation);
    }
    return new ColumnDef(
        name, type, nullable, defaultValue, onUpdate, autoIncrement, unique, primary, comment);
  }

  /** A column type, also used for CAST targets. */
  DataType dataType() {
    Token t = ts.peek();
    if (t.type() != TokenType.WORD) {
      throw ts.error();
    }
    ts.next();
    String name = t.upper();
    if (name.equals("DOUBLE")) {
      ts.acceptWord("PRECISION");
    }
    Integer length = null;
    Integer scale = null;
    List<String> values = List.of();
    if (ts.acceptOp("(")) {
      if (name.equals("ENUM") || name.equals("SET")) {
        values = new ArrayList<>();
        do {
          values.add(ts.string());
        } while (ts.acceptOp(","));
      } else {
        length = ts.integer();
        if (ts.acceptOp(",")) {
          scale = ts.integer();
        }
      }
      ts.expectOp(")");
    }
    boolean unsigned = false;
    boolean zerofill = false;
    String charset = null;
    String collation = null;
    if (name.equals("SIGNED") || name.equals("UNSIGNED")) {
      ts.acceptWord("INTEGER");
      ts.acceptWord("INT");
    }
    while (true) {
      if (ts.acceptWord("UNSIGNED")) {
        unsigned = true;
      } else if (ts.acceptWord("SIGNED")) {
        unsigned = false;
      } else if (ts.acceptWord("ZEROFILL")) {
        zerofill = true;
        unsigned = true;
      } else if (ts.acceptWord("BINARY")) {
        collation = "binary";
      } else if (ts.atWord("CHARSET") || (ts.atWord("CHARACTER") && ts.peek(1).isWord("SET"))) {
        if (ts.next().upper().equals("CHARACTER")) {
          ts.next();
        }
        charset = ts.name().toLowerCase(Locale.ROOT);
      } else if (ts.atWord("COLLATE")) {
        ts.next();
        collation = ts.name().toLowerCase(Locale.ROOT);
      } else {
        break;
      }
    }
    return new DataType(name, length, scale, values, unsigned, zerofill, charset, collation);
  }

  private List<TableOption> tableOptions() {
    List<TableOption> options = new ArrayList<>();
    while (!ts.atEnd() && !ts.atWord("AS") && !ts.atWord("SELECT") && !ts.atOp("(")) {
      TableOption o = tableOption();
      if (o == null) {
        throw ts.error();
      }
      options.add(o);
      ts.acceptOp(",");
    }
    return options;
  }

  /** One table option, or null if the next token does not start one. */
  private TableOption tableOption() {
    boolean hadDefault = ts.acceptWord("DEFAULT");
    String name;
    if (ts.acceptWord("CHARSET") || ts.acceptWords("CHARACTER", "SET")) {
      name = "DEFAULT CHARSET";
    } else if (ts.acceptWord("COLLATE")) {
      name = "COLLATE";
    } else if (hadDefault) {
      throw ts.error();
    } else if (ts.acceptWords("DATA", "DIRECTORY")) {
      name = "DATA DIRECTORY";
    } else if (ts.peek().type() == TokenType.WORD
        && !TokenStream.RESERVED.contains(ts.peek().upper())
        && (ts.peek(1).isOp("=")
            || ts.peek(1).type() == TokenType.WORD
            || ts.peek(1).type() == TokenType.STRING
            || ts.peek(1).type() == TokenType.INTEGER)) {
      name = ts.next().upper();
    } else {
      return null;
    }
    ts.acceptOp("=");
    return optionValue(name);
  }

  Statement drop() {
    if (ts.acceptWord("DATABASE") || ts.acceptWord("SCHEMA")) {
      boolean ifExists = ifExists();
      return new Ddl.DropDatabase(ts.identifier(), ifExists);
    }
    boolean temporary = ts.acceptWord("TEMPORARY");
    if (ts.acceptWord("TABLE") || ts.acceptWord("TABLES")) {
      boolean ifExists = ifExists();
      List<TableName> tables = new ArrayList<>();
      do {
        tables.add(queries().tableName());
      } while (ts.acceptOp(","));
      if (!ts.acceptWord("RESTRICT")) {
        ts.acceptWord("CASCADE");
      }
      return new Ddl.DropTable(temporary, ifExists, tables);
    }
    if (!temporary && ts.acceptWord("INDEX")) {
      String name = ts.identifier();
      ts.expectWord("ON");
      TableName table = queries().tableName();
      alterOptions();
      return new Ddl.DropIndex(name, table);
    }
    throw ts.error();
  }

  /** ALGORITHM= and LOCK= after CREATE/DROP INDEX. */
  private List<TableOption> alterOptions() {
    List<TableOption> options = new ArrayList<>();
    while (ts.atWord("ALGORITHM") || ts.atWord("LOCK")) {
      String name = ts.next().upper();
      ts.acceptOp("=");
      options.add(new TableOption(name, ts.name().toUpperCase(Locale.ROOT), false));
    }
    return options;
  }

  /** After ALTER: TABLE or DATABASE/SCHEMA. */
  Statement alter() {
    if (ts.acceptWord("DATABASE") || ts.acceptWord("SCHEMA")) {
      String name = ts.atIdentifier() ? ts.identifier() : null;
      return new Ddl.AlterDatabase(name, databaseOptions());
    }
    ts.expectWord("TABLE");
    TableName table = queries().tableName();
    List<AlterAction> actions = new ArrayList<>();
    if (!ts.atEnd()) {
      do {
        actions.add(alterAction());
      } while (ts.acceptOp(","));
    }
    return new Ddl.AlterTable(table, actions);
  }

  private AlterAction alterAction() {
    if (ts.acceptWord("ADD")) {
      IndexDef index = indexDefinition();
      if (index != null) {
        return new AlterAction.AddIndex(index);
      }
      ts.acceptWord("COLUMN");
      ColumnDef column = columnDefinition();
      return new AlterAction.AddColumn(column, position());
    }
    if (ts.acceptWord("DROP")) {
      if (ts.acceptWord("PRIMARY")) {
        ts.expectWord("KEY");
        return new AlterAction.DropPrimaryKey();
      }
      if (ts.acceptWord("INDEX") || ts.acceptWord("KEY")) {
        return new AlterAction.DropIndex(ts.identifier());
      }
      ts.acceptWord("COLUMN");
      return new AlterAction.DropColumn(ts.identifier());
    }
    if (ts.acceptWord("MODIFY")) {
      ts.acceptWord("COLUMN");
      ColumnDef column = columnDefinition();
      return new AlterAction.ModifyColumn(column, position());
    }
    if (ts.acceptWord("CHANGE")) {
      ts.acceptWord("COLUMN");
      String old = ts.identifier();
      ColumnDef column = columnDefinition();
      return new AlterAction.ChangeColumn(old, column, position());
    }
    if (ts.acceptWord("RENAME")) {
      if (!ts.acceptWord("TO")) {
        ts.acceptWord("AS");
      }
      return new AlterAction.Rename(queries().tableName());
    }
    if (ts.atWord("DISABLE") || ts.atWord("ENABLE")) {
      boolean enable = ts.next().upper().equals("ENABLE");
      ts.expectWord("KEYS");
      return new AlterAction.Keys(enable);
    }
    if (ts.atWord("ALGORITHM") || ts.atWord("LOCK")) {
      String name = ts.next().upper();
      ts.acceptOp("=");
      return new AlterAction.Option(
          new TableOption(name, ts.name().toUpperCase(Locale.ROOT), false));
    }
    TableOption option = tableOption();
    if (option == null) {
      throw ts.error();
    }
    return new AlterAction.Option(option);
  }

  private AlterAction.Position position() {
    if (ts.acceptWord("FIRST")) {
      return new AlterAction.Position(true, null);
    }
    if (ts.acceptWord("AFTER")) {
      return new AlterAction.Position(false, ts.identifier());
    }
    return null;
  }

  Statement truncate() {
    ts.acceptWord("TABLE");
    return new Ddl.TruncateTable(queries().tableName());
  }

  Statement renameTable() {
    List<TableName> from = new ArrayList<>();
    List<TableName> to = new ArrayList<>();
    do {
      from.add(queries().tableName());
      ts.expectWord("TO");
      to.add(queries().tableName());
    } while (ts.acceptOp(","));
    return new Ddl.RenameTable(from, to);
  }

  /** OPTIMIZE/CHECK/ANALYZE/CHECKSUM/REPAIR; the operation word is consumed. */
  Statement maintenance(String operation) {
    if (!ts.acceptWord("NO_WRITE_TO_BINLOG")) {
      ts.acceptWord("LOCAL");
    }
    if (!ts.acceptWord("TABLE")) {
      ts.expectWord("TABLES");
    }
    List<TableName> tables = new ArrayList<>();
    do {
      tables.add(queries().tableName());
    } while (ts.acceptOp(","));
    while (ts.atWord("QUICK")
        || ts.atWord("EXTENDED")
        || ts.atWord("FAST")
        || ts.atWord("MEDIUM")
        || ts.atWord("CHANGED")
        || ts.atWord("FOR")
        || ts.atWord("UPGRADE")) {
      ts.next();
    }
    return new Ddl.Maintenance(operation, tables);
  }
}
