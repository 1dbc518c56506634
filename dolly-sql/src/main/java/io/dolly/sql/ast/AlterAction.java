package io.dolly.sql.ast;

/** One clause of ALTER TABLE. */
public sealed interface AlterAction {
  /** FIRST (first=true) or AFTER column; both absent when position is null. */
  record Position(boolean first, String after) {}

  record AddColumn(ColumnDef column, Position position) implements AlterAction {}

  record DropColumn(String name) implements AlterAction {}

  record ModifyColumn(ColumnDef column, Position position) implements AlterAction {}

  record ChangeColumn(String oldName, ColumnDef column, Position position) implements AlterAction {}

  record AddIndex(IndexDef index) implements AlterAction {}

  record DropIndex(String name) implements AlterAction {}

  record DropPrimaryKey() implements AlterAction {}

  record Rename(TableName to) implements AlterAction {}

  /**
   * DISABLE KEYS / ENABLE KEYS: MyISAM's deferred index maintenance, which InnoDB (and Dolly) do
   * not have; dumps issue it around every table's rows.
   */
  record Keys(boolean enable) implements AlterAction {}

  /** ALGORITHM=, LOCK= and table options. */
  record Option(TableOption option) implements AlterAction {}
}
