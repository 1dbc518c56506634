package io.dolly.storage.catalog;

import io.dolly.storage.btree.BTree;
import io.dolly.storage.btree.BTreeCursor;
import io.dolly.storage.btree.VerifyReport;
import io.dolly.storage.space.Tablespace;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * CHECK TABLE: the checksum of every page of the table's file, the structure of every tree, and
 * that the indexes agree with the rows: each secondary entry leads to a row that has it, each row
 * has its entry in every secondary index. Reports at most {@link #MAX_PROBLEMS} problems.
 */
final class TableChecker {
  static final int MAX_PROBLEMS = 100;

  /** A page being flushed while it is read can look torn: read it again before blaming it. */
  private static final int PAGE_READS = 3;

  private final Table table;
  private final List<String> problems = new ArrayList<>();
  private long rows;

  TableChecker(Table table) {
    this.table = table;
  }

  /** The rows counted by {@link #run}. */
  long rows() {
    return rows;
  }

  /** Checks the trees and their agreement (after {@link #checkPages}, if that is wanted). */
  CheckResult run() {
    verify("PRIMARY", table.clusteredTree());
    for (Table.SecondaryIndex s : table.secondaryIndexes()) {
      verify(s.definition().name(), s.tree());
    }
    if (problems.isEmpty()) {
      checkEntries();
    }
    return CheckResult.of(problems);
  }

  private void problem(String p) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(p);
    }
  }

  /** Verifies every page of the table's file; null: the file is missing. */
  void checkPages(Tablespace space) {
    if (space == null) {
      problem("tablespace " + table.spaceId() + " is missing");
      return;
    }
    int pageSize = space.pageSize();
    long pages = space.sizeInBytes() / pageSize;
    byte[] page = new byte[pageSize];
    for (int p = 0; p < pages; p++) {
      String bad = null;
      for (int attempt = 0; attempt < PAGE_READS; attempt++) {
        space.readPageUnverified(p, page);
        bad = space.verify(p, page);
        if (bad == null) {
          break;
        }
      }
      if (bad != null) {
        problem(space.path() + " page " + p + ": " + bad);
      }
    }
  }

  private void verify(String index, BTree tree) {
    VerifyReport r = tree.verify();
    for (String p : r.problems()) {
      problem("index " + index + ": " + p);
    }
  }

  private void checkEntries() {
    BTree clustered = table.clusteredTree();
    try (BTreeCursor c = clustered.scan()) {
      while (c.next()) {
        rows++;
        Object[] row = table.rowFormat().decode(c.value());
        for (Table.SecondaryIndex s : table.secondaryIndexes()) {
          byte[] entry = Table.entryKeyOf(s, row, c.key());
          if (s.tree().get(entry) == null) {
            problem("row " + hex(c.key()) + " has no entry in index " + s.definition().name());
          }
        }
      }
    }
    for (Table.SecondaryIndex s : table.secondaryIndexes()) {
      long entries = 0;
      try (BTreeCursor c = s.tree().scan()) {
        while (c.next()) {
          entries++;
          byte[] key = Table.clusteredKeyOf(s, c.key());
          byte[] stored = clustered.get(key);
          if (stored == null) {
            problem("index " + s.definition().name() + " entry " + hex(c.key()) + " has no row");
          } else if (!Table.entryMatches(s, c.key(), table.rowFormat().decode(stored), key)) {
            problem(
                "index "
                    + s.definition().name()
                    + " entry "
                    + hex(c.key())
                    + " does not match its row");
          }
        }
      }
      if (entries != rows && problems.isEmpty()) {
        problem(
            "index "
                + s.definition().name()
                + " has "
                + entries
                + " entries for "
                + rows
                + " rows");
      }
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
