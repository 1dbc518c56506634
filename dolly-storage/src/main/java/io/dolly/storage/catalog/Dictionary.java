package io.dolly.storage.catalog;

import io.dolly.storage.StorageEngine;
import io.dolly.storage.StorageException;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.btree.BTreeCursor;
import io.dolly.storage.io.StorageFileSystem;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.record.KeyEncoder;
import io.dolly.storage.space.SpaceHeader;
import io.dolly.storage.space.TablespaceFile;
import io.dolly.storage.space.TablespaceRegistry;
import io.dolly.storage.txn.Transaction;
import io.dolly.storage.txn.TransactionManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent data dictionary: one B-tree in the system tablespace {@code mysql.ibd} whose root
 * is page 1 (the first page allocated there, when the dictionary is first opened), holding the
 * records {@link DefinitionCodec} describes: schemas, tables (columns, indexes with their root
 * pages, options, space id and file) and AUTO_INCREMENT counters. Everything is also kept in
 * memory; reads never touch the tree.
 *
 * <p>Crash safety: every DDL changes dictionary records in one storage {@link Transaction}, so
 * recovery rolls back a DDL whose commit did not reach the redo log. A table's tablespace file is
 * created (and its trees built) before its dictionary record commits, and deleted only after the
 * drop committed; {@link #open} deletes every user tablespace the dictionary does not name, which
 * is what a crash in between leaves. So after a crash a table is fully there or not at all.
 *
 * <p>DDL is serialized here; DML on {@link Table}s runs concurrently with it and with itself.
 */
public final class Dictionary {
  /** The root page of the dictionary tree in mysql.ibd. */
  static final int ROOT_PAGE = 1;

  public static final String SYSTEM_SCHEMA = "mysql";

  private static final Logger LOG = LoggerFactory.getLogger(Dictionary.class);
  private static final Set<StorageEngine> OPENED =
      java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

  private final StorageEngine engine;
  private final TransactionManager transactions;
  private final BTree tree;
  private final ReentrantLock ddl = new ReentrantLock();
  private final Map<String, SchemaDefinition> schemas = new ConcurrentSkipListMap<>();
  private final Map<TableName, Table> tables = new ConcurrentHashMap<>();
  private final Table.TableHooks hooks = new Hooks();

  private record TableName(String schema, String name) {}

  private Dictionary(StorageEngine engine, TransactionManager transactions, BTree tree) {
    this.engine = engine;
    this.transactions = transactions;
    this.tree = tree;
  }

  /**
   * Opens (creating on a new instance) the dictionary; call after TransactionManager.open. Once per
   * engine: two in-memory views of one dictionary would disagree after the first DDL.
   */
  public static Dictionary open(StorageEngine engine, TransactionManager transactions) {
    synchronized (OPENED) {
      if (!OPENED.add(engine)) {
        throw new IllegalStateException("data dictionary of " + engine.datadir() + " already open");
      }
    }
    Dictionary d = new Dictionary(engine, transactions, openTree(engine));
    d.load();
    d.removeOrphans();
    if (!d.schemas.containsKey(SYSTEM_SCHEMA)) {
      d.createSchema(
          new SchemaDefinition(SYSTEM_SCHEMA, "utf8mb4", "utf8mb4_0900_ai_ci", false, false));
    }
    return d;
  }

  private static BTree openTree(StorageEngine engine) {
    int highWater;
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      highWater =
          mtr.readPage(TablespaceRegistry.SYSTEM_SPACE_ID, 0).getInt(SpaceHeader.HIGH_WATER);
    }
    if (highWater <= ROOT_PAGE) {
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        int root = BTree.create(mtr, TablespaceRegistry.SYSTEM_SPACE_ID);
        if (root != ROOT_PAGE) {
          throw new StorageException(
              TablespaceRegistry.SYSTEM_FILE + ": data dictionary root allocated at page " + root);
        }
        mtr.commit();
      }
    }
    return BTree.open(engine::beginMiniTransaction, TablespaceRegistry.SYSTEM_SPACE_ID, ROOT_PAGE);
  }

  private void load() {
    try (BTreeCursor c = tree.scan()) {
      while (c.next()) {
        byte[] key = c.key();
        switch (key[0]) {
          case DefinitionCodec.SCHEMA -> {
            String name = DefinitionCodec.schemaName(key);
            schemas.put(name, DefinitionCodec.decodeSchema(name, c.value()));
          }
          case DefinitionCodec.TABLE -> {
            StoredTable st = DefinitionCodec.decodeTable(key, c.value());
            String schema = st.definition().schema();
            String name = st.definition().name();
            if (engine.tablespaces().get(st.spaceId()) == null) {
              throw new StorageException(
                  "table "
                      + schema
                      + "."
                      + name
                      + ": its tablespace "
                      + st.file()
                      + " (space "
                      + st.spaceId()
                      + ") is missing");
            }
            tables.put(new TableName(schema, name), new Table(hooks, st));
          }
          default -> {}
        }
      }
    }
  }

  /** Deletes what a crash in the middle of a DDL left: unnamed tablespaces and their counters. */
  private void removeOrphans() {
    Set<Integer> named = new HashSet<>();
    for (Table t : tables.values()) {
      named.add(t.spaceId());
    }
    for (TablespaceFile f : engine.tablespaces().files()) {
      if (f.spaceId() >= TablespaceRegistry.FIRST_USER_SPACE_ID && !named.contains(f.spaceId())) {
        LOG.warn(
            "removing tablespace {} (space {}): no table uses it", f.relativePath(), f.spaceId());
        engine.dropTablespace(f.spaceId());
      }
    }
    List<byte[]> staleCounters = new ArrayList<>();
    byte[] from = {DefinitionCodec.COUNTER};
    try (BTreeCursor c = tree.scan(from, true, KeyEncoder.prefixEnd(from), false, true)) {
      while (c.next()) {
        if (!named.contains(DefinitionCodec.counterSpace(c.key()))) {
          staleCounters.add(c.key());
        }
      }
    }
    for (byte[] k : staleCounters) {
      tree.delete(k);
    }
  }

  // ------------------------------------------------------------------ schemas

  /** Every schema, sorted by name. */
  public List<SchemaDefinition> schemas() {
    return List.copyOf(schemas.values());
  }

  public Optional<SchemaDefinition> schema(String name) {
    return Optional.ofNullable(schemas.get(name));
  }

  /** CREATE DATABASE; SchemaExistsException if it exists. */
  public void createSchema(SchemaDefinition schema) {
    ddl.lock();
    try {
      if (schemas.containsKey(schema.name())) {
        throw new SchemaExistsException(schema.name());
      }
      writeSchema(schema, true);
    } finally {
      ddl.unlock();
    }
  }

  /** ALTER DATABASE; NoSuchSchemaException if it does not exist. */
  public void alterSchema(SchemaDefinition schema) {
    ddl.lock();
    try {
      requireSchema(schema.name());
      writeSchema(schema, false);
    } finally {
      ddl.unlock();
    }
  }

  private void writeSchema(SchemaDefinition schema, boolean create) {
    byte[] key = DefinitionCodec.schemaKey(schema.name());
    byte[] value = DefinitionCodec.encodeSchema(schema);
    change(
        trx -> {
          if (create) {
            trx.insertEntry(tree, key, value);
          } else {
            trx.updateEntry(tree, key, value);
          }
        });
    schemas.put(schema.name(), schema);
  }

  /** DROP DATABASE with all its tables, in one transaction; NoSuchSchemaException. */
  public void dropSchema(String name) {
    ddl.lock();
    try {
      requireSchema(name);
      List<Table> dropped = new ArrayList<>();
      for (String t : tableNames(name)) {
        dropped.add(tables.get(new TableName(name, t)));
      }
      for (Table t : dropped) {
        refuseSystemTable(t, "dropped");
      }
      change(
          trx -> {
            for (Table t : dropped) {
              trx.delete(tree, DefinitionCodec.tableKey(name, t.definition().name()));
            }
            trx.delete(tree, DefinitionCodec.schemaKey(name));
          });
      schemas.remove(name);
      for (Table t : dropped) {
        tables.remove(new TableName(name, t.definition().name()));
        discard(t);
      }
      removeDirectoryIfEmpty(name);
    } finally {
      ddl.unlock();
    }
  }

  private void requireSchema(String name) {
    if (!schemas.containsKey(name)) {
      throw new NoSuchSchemaException(name);
    }
  }

  // ------------------------------------------------------------------ tables

  /** Names of the tables of {@code schema}, sorted (empty for an unknown schema). */
  public List<String> tableNames(String schema) {
    List<String> names = new ArrayList<>();
    for (TableName n : tables.keySet()) {
      if (n.schema().equals(schema)) {
        names.add(n.name());
      }
    }
    names.sort(null);
    return names;
  }

  public Optional<Table> table(String schema, String name) {
    return Optional.ofNullable(tables.get(new TableName(schema, name)));
  }

  /**
   * Creates the tablespace {@code <schema>/<name>.ibd} and the table's indexes, then commits its
   * dictionary record. TableExistsException, NoSuchSchemaException.
   */
  public Table createTable(TableDefinition definition) {
    ddl.lock();
    try {
      requireAbsent(definition);
      Table t = build(definition);
      try {
        commitNew(t);
      } catch (RuntimeException e) {
        discard(t);
        throw e;
      }
      return t;
    } finally {
      ddl.unlock();
    }
  }

  /**
   * Creates a table whose trees live in the system tablespace {@code mysql.ibd} itself, as MySQL
   * keeps its grant tables there, so that they are recovered and cloned with the dictionary. Such a
   * table is never dropped or rebuilt: its pages belong to mysql.ibd, which no DDL may delete.
   */
  public Table createSystemTable(TableDefinition definition) {
    ddl.lock();
    try {
      requireAbsent(definition);
      TableValidator.check(definition);
      // Pages of a record that never commits stay allocated in mysql.ibd: a few pages, once.
      Table t =
          trees(definition, TablespaceRegistry.SYSTEM_SPACE_ID, TablespaceRegistry.SYSTEM_FILE);
      commitNew(t);
      return t;
    } finally {
      ddl.unlock();
    }
  }

  private void requireAbsent(TableDefinition definition) {
    requireSchema(definition.schema());
    if (tables.containsKey(new TableName(definition.schema(), definition.name()))) {
      throw new TableExistsException(definition.schema(), definition.name());
    }
  }

  /** Commits the dictionary record of a table whose trees are built, and makes it visible. */
  private void commitNew(Table t) {
    TableDefinition definition = t.definition();
    change(
        trx ->
            trx.insertEntry(
                tree,
                DefinitionCodec.tableKey(definition.schema(), definition.name()),
                DefinitionCodec.encodeTable(t.stored())));
    tables.put(new TableName(definition.schema(), definition.name()), t);
  }

  /** True for a table kept in mysql.ibd (see {@link #createSystemTable}). */
  public static boolean isSystemTable(Table t) {
    return t.spaceId() == TablespaceRegistry.SYSTEM_SPACE_ID;
  }

  /** DROP TABLE: the record goes in a committed transaction, then the file. */
  public void dropTable(String schema, String name) {
    ddl.lock();
    try {
      Table t = requireTable(schema, name);
      refuseSystemTable(t, "dropped");
      change(trx -> trx.delete(tree, DefinitionCodec.tableKey(schema, name)));
      tables.remove(new TableName(schema, name));
      discard(t);
    } finally {
      ddl.unlock();
    }
  }

  /**
   * RENAME TABLE, also to another schema. The tablespace file keeps its name: the dictionary record
   * says which table a file holds. The {@link Table} object stays valid under its new name.
   */
  public void renameTable(String fromSchema, String from, String toSchema, String to) {
    ddl.lock();
    try {
      Table t = requireTable(fromSchema, from);
      refuseSystemTable(t, "renamed");
      requireSchema(toSchema);
      TableName target = new TableName(toSchema, to);
      if (tables.containsKey(target)) {
        throw new TableExistsException(toSchema, to);
      }
      TableDefinition renamed = t.definition().renamed(toSchema, to);
      change(
          trx -> {
            trx.delete(tree, DefinitionCodec.tableKey(fromSchema, from));
            trx.insertEntry(
                tree,
                DefinitionCodec.tableKey(toSchema, to),
                DefinitionCodec.encodeTable(t.stored().withDefinition(renamed)));
          });
      tables.remove(new TableName(fromSchema, from));
      t.renamed(renamed);
      tables.put(target, t);
    } finally {
      ddl.unlock();
    }
  }

  /**
   * Replaces the table by a new one with this definition (same name): the new table is built in a
   * tablespace of its own, {@code copier} (null = no rows, TRUNCATE) fills it, and one transaction
   * then points the dictionary record at it; the old file is deleted after that commit. A crash
   * before the commit leaves the old table and an orphan file, which the next open deletes. The old
   * {@link Table} then throws NoSuchTableException.
   */
  public Table replaceTable(TableDefinition newDefinition, RowCopier copier) {
    ddl.lock();
    try {
      TableName name = new TableName(newDefinition.schema(), newDefinition.name());
      Table old = requireTable(newDefinition.schema(), newDefinition.name());
      refuseSystemTable(old, "rebuilt");
      Table fresh = build(newDefinition);
      try {
        if (copier != null) {
          copier.copy(old, fresh);
        }
        change(
            trx ->
                trx.updateEntry(
                    tree,
                    DefinitionCodec.tableKey(newDefinition.schema(), newDefinition.name()),
                    DefinitionCodec.encodeTable(fresh.stored())));
      } catch (RuntimeException e) {
        discard(fresh);
        throw e;
      }
      tables.put(name, fresh);
      discard(old);
      return fresh;
    } finally {
      ddl.unlock();
    }
  }

  /** Copies the rows of a table being replaced into its replacement. */
  public interface RowCopier {
    void copy(Table from, Table to);
  }

  private static void refuseSystemTable(Table t, String what) {
    if (isSystemTable(t)) {
      throw new SystemTableException(t.definition().schema(), t.definition().name(), what);
    }
  }

  private Table requireTable(String schema, String name) {
    Table t = tables.get(new TableName(schema, name));
    if (t == null) {
      throw new NoSuchTableException(schema, name);
    }
    return t;
  }

  /** A new tablespace with the table's empty trees; not yet in the dictionary. */
  private Table build(TableDefinition definition) {
    TableValidator.check(definition);
    String file = freshFile(definition.schema(), definition.name());
    int spaceId = engine.createTablespace(file);
    try {
      return trees(definition, spaceId, file);
    } catch (RuntimeException e) {
      engine.dropTablespace(spaceId);
      throw e;
    }
  }

  /** The empty trees of a table's indexes in a tablespace; not yet in the dictionary. */
  private Table trees(TableDefinition definition, int spaceId, String file) {
    int clusteredRoot;
    List<Integer> roots = new ArrayList<>();
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      clusteredRoot = BTree.create(mtr, spaceId);
      for (IndexDefinition x : definition.indexes()) {
        roots.add(x.kind() == IndexKind.PRIMARY ? clusteredRoot : BTree.create(mtr, spaceId));
      }
      mtr.commit();
    }
    return new Table(hooks, new StoredTable(definition, spaceId, file, clusteredRoot, roots));
  }

  /** Invalidates a table whose record is gone (committed) and deletes its file and counter. */
  private void discard(Table t) {
    t.markDropped();
    engine.dropTablespace(t.spaceId());
    tree.delete(DefinitionCodec.counterKey(t.spaceId()));
  }

  /** {@code <schema>/<table>.ibd} with names made file-safe, or with #2, #3... when that exists. */
  private String freshFile(String schema, String table) {
    StorageFileSystem fs = engine.config().fileSystem();
    String base = TableFileNames.encode(schema) + "/" + TableFileNames.encode(table);
    String file = base + ".ibd";
    for (int n = 2; fs.exists(engine.datadir().resolve(file)); n++) {
      file = base + "#" + n + ".ibd";
    }
    return file;
  }

  private void removeDirectoryIfEmpty(String schema) {
    StorageFileSystem fs = engine.config().fileSystem();
    Path dir = engine.datadir().resolve(TableFileNames.encode(schema));
    try {
      if (fs.exists(dir) && fs.isDirectory(dir) && fs.list(dir).isEmpty()) {
        fs.delete(dir);
      }
    } catch (IOException e) {
      LOG.warn("cannot remove the directory of dropped schema {}: {}", schema, e.toString());
    }
  }

  /** Runs one dictionary change in its own transaction and commits it (durably). */
  private void change(Consumer<Transaction> change) {
    try (Transaction trx = transactions.begin()) {
      change.accept(trx);
      trx.commit();
    }
  }

  private final class Hooks implements Table.TableHooks {
    @Override
    public BTree openTree(int spaceId, int rootPageNo) {
      return BTree.open(engine::beginMiniTransaction, spaceId, rootPageNo);
    }

    @Override
    public AutoIncrementCounter.Store counter(int spaceId) {
      byte[] key = DefinitionCodec.counterKey(spaceId);
      return new AutoIncrementCounter.Store() {
        @Override
        public long read() {
          byte[] v = tree.get(key);
          return v == null ? 0 : DefinitionCodec.decodeCounter(v);
        }

        @Override
        public void write(long next) {
          tree.put(key, DefinitionCodec.encodeCounter(next));
        }
      };
    }

    @Override
    public StorageEngine engine() {
      return engine;
    }
  }
}
