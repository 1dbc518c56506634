package io.dolly.storage.catalog;

import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.btree.BTreeCursor;
import io.dolly.storage.io.StorageFileSystem;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.space.SpaceHeader;
import io.dolly.storage.space.TablespaceRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every table of a stopped data directory through its dictionary without opening the engine:
 * pages are read from the files and never written (see {@link FilePages}). What it sees is the
 * files as they are, so a directory that needs recovery (redo after the last checkpoint) must be
 * recovered first for the result to mean anything; the caller checks that. Page checksums of the
 * files are the caller's part too (every page read here is verified on the way).
 */
public final class OfflineCheck {
  /** The outcome for one table. */
  public record TableReport(
      String schema, String table, String file, long rows, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private OfflineCheck() {}

  /**
   * Checks the tables named by the dictionary in {@code mysql.ibd} of {@code datadir}; {@code
   * tablespaces} are all of its tablespace files. Empty when the directory has no dictionary yet.
   */
  public static List<TableReport> run(StorageFileSystem fs, Path datadir, List<Path> tablespaces)
      throws IOException {
    List<TableReport> reports = new ArrayList<>();
    try (FilePages pages = new FilePages(fs, tablespaces)) {
      int system = TablespaceRegistry.SYSTEM_SPACE_ID;
      if (!pages.has(system)) {
        throw new IOException(datadir + " has no " + TablespaceRegistry.SYSTEM_FILE);
      }
      try (MiniTransaction mtr = pages.begin()) {
        if (mtr.readPage(system, 0).getInt(SpaceHeader.HIGH_WATER) <= Dictionary.ROOT_PAGE) {
          return reports;
        }
      }
      Table.TableHooks hooks = new ReadOnlyHooks(pages);
      BTree dictionary = BTree.open(pages, system, Dictionary.ROOT_PAGE);
      try (BTreeCursor c = dictionary.scan()) {
        while (c.next()) {
          if (c.key()[0] == DefinitionCodec.TABLE) {
            reports.add(check(pages, hooks, DefinitionCodec.decodeTable(c.key(), c.value())));
          }
        }
      }
    }
    return reports;
  }

  private static TableReport check(FilePages pages, Table.TableHooks hooks, StoredTable st) {
    TableDefinition d = st.definition();
    if (!pages.has(st.spaceId())) {
      return new TableReport(
          d.schema(),
          d.name(),
          st.file(),
          0,
          List.of("tablespace " + st.file() + " (space " + st.spaceId() + ") is missing"));
    }
    try {
      TableChecker checker = new TableChecker(new Table(hooks, st));
      CheckResult r = checker.run();
      return new TableReport(d.schema(), d.name(), st.file(), checker.rows(), r.problems());
    } catch (RuntimeException e) {
      return new TableReport(d.schema(), d.name(), st.file(), 0, List.of(e.toString()));
    }
  }

  private record ReadOnlyHooks(FilePages pages) implements Table.TableHooks {
    @Override
    public BTree openTree(int spaceId, int rootPageNo) {
      return BTree.open(pages, spaceId, rootPageNo);
    }

    @Override
    public AutoIncrementCounter.Store counter(int spaceId) {
      return new AutoIncrementCounter.Store() {
        @Override
        public long read() {
          return 0;
        }

        @Override
        public void write(long next) {
          throw new UnsupportedOperationException("offline check is read-only");
        }
      };
    }

    @Override
    public StorageEngine engine() {
      throw new UnsupportedOperationException("offline check has no engine");
    }
  }
}
