package io.dolly.storage.catalog;

import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.record.Collation;
import io.dolly.storage.record.ColumnKind;
import io.dolly.storage.record.ColumnSpec;
import io.dolly.storage.txn.TransactionManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An engine, its transactions and dictionary on a directory, reopened as tests need. */
final class CatalogFixture implements AutoCloseable {
  final Path dir;
  StorageEngine engine;
  TransactionManager txns;
  Dictionary dictionary;

  CatalogFixture(Path dir) {
    this.dir = dir;
    open();
  }

  static StorageConfig config() {
    return StorageConfig.defaults()
        .withBufferPoolSize(8 << 20)
        .withRedoLogCapacity(16 << 20)
        .withRedoBufferSize(1 << 20)
        .withFileSystem(ChannelFileSystem.INSTANCE);
  }

  private void open() {
    engine = StorageEngine.open(dir, config());
    txns = TransactionManager.open(engine);
    dictionary = Dictionary.open(engine, txns);
  }

  void reopen() {
    engine.close();
    open();
  }

  @Override
  public void close() {
    engine.close();
  }

  /** A random seed, or {@code -D<name>.seed=} to replay; printed either way. */
  static long seed(String name) {
    String fixed = System.getProperty(name + ".seed");
    long seed = fixed != null ? Long.parseLong(fixed) : new java.util.SplittableRandom().nextLong();
    System.out.println(name + " seed=" + seed);
    return seed;
  }

  static SchemaDefinition schema(String name) {
    return new SchemaDefinition(name, "utf8mb4", "utf8mb4_0900_ai_ci", false, false);
  }

  /** Builds definitions tersely. */
  static final class TableBuilder {
    private final String schema;
    private final String name;
    private final List<ColumnDefinition> columns = new ArrayList<>();
    private final List<IndexDefinition> indexes = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();

    TableBuilder(String schema, String name) {
      this.schema = schema;
      this.name = name;
      options.put("engine", "InnoDB");
    }

    TableBuilder column(String n, ColumnSpec spec, String typeText) {
      columns.add(new ColumnDefinition(n, spec, typeText, false, null, false, ""));
      return this;
    }

    TableBuilder intColumn(String n, boolean nullable) {
      return column(n, ColumnSpec.integer(ColumnKind.INT, false, nullable), "int");
    }

    TableBuilder bigintColumn(String n, boolean nullable) {
      return column(n, ColumnSpec.integer(ColumnKind.BIGINT, false, nullable), "bigint");
    }

    TableBuilder autoIncrement(String n) {
      columns.add(
          new ColumnDefinition(
              n,
              ColumnSpec.integer(ColumnKind.BIGINT, false, false),
              "bigint",
              false,
              null,
              true,
              ""));
      return this;
    }

    TableBuilder varchar(String n, int length, boolean nullable) {
      return column(
          n,
          ColumnSpec.string(ColumnKind.VARCHAR, length, Collation.UTF8MB4_0900_AI_CI, nullable),
          "varchar(" + length + ")");
    }

    TableBuilder index(String n, IndexKind kind, String... cols) {
      indexes.add(IndexDefinition.of(n, kind, cols));
      return this;
    }

    TableBuilder primaryKey(String... cols) {
      return index("PRIMARY", IndexKind.PRIMARY, cols);
    }

    TableBuilder prefixIndex(String n, IndexKind kind, String col, int prefix) {
      indexes.add(new IndexDefinition(n, kind, List.of(col), List.of(prefix)));
      return this;
    }

    TableDefinition build() {
      return new TableDefinition(schema, name, columns, indexes, options);
    }
  }

  static TableBuilder table(String schema, String name) {
    return new TableBuilder(schema, name);
  }
}
