package io.dolly.sql.ast;

import java.util.List;

/** Data definition statements. */
public sealed interface Ddl extends Statement {

  record CreateDatabase(String name, boolean ifNotExists, List<TableOption> options)
      implements Ddl {
    public CreateDatabase {
      options = List.copyOf(options);
    }
  }

  record DropDatabase(String name, boolean ifExists) implements Ddl {}

  record AlterDatabase(String name, List<TableOption> options) implements Ddl {
    public AlterDatabase {
      options = List.copyOf(options);
    }
  }

  record CreateTable(
      boolean temporary,
      boolean ifNotExists,
      TableName name,
      List<ColumnDef> columns,
      List<IndexDef> indexes,
      List<TableOption> options,
      TableName like,
      Query asSelect)
      implements Ddl {
    public CreateTable {
      columns = List.copyOf(columns);
      indexes = List.copyOf(indexes);
      options = List.copyOf(options);
    }
  }

  record CreateIndex(IndexDef index, TableName table, List<TableOption> options) implements Ddl {
    public CreateIndex {
      options = List.copyOf(options);
    }
  }

  record DropIndex(String name, TableName table) implements Ddl {}

  record AlterTable(TableName table, List<AlterAction> actions) implements Ddl {
    public AlterTable {
      actions = List.copyOf(actions);
    }
  }

  record DropTable(boolean temporary, boolean ifExists, List<TableName> tables) implements Ddl {
    public DropTable {
      tables = List.copyOf(tables);
    }
  }

  record TruncateTable(TableName table) implements Ddl {}

  record RenameTable(List<TableName> from, List<TableName> to) implements Ddl {
    public RenameTable {
      from = List.copyOf(from);
      to = List.copyOf(to);
    }
  }

  /** OPTIMIZE, CHECK, ANALYZE, CHECKSUM or REPAIR TABLE. */
  record Maintenance(String operation, List<TableName> tables) implements Ddl {
    public Maintenance {
      tables = List.copyOf(tables);
    }
  }
}
