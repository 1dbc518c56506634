package io.dolly.sql.exec;

import static io.dolly.sql.exec.StorageFixture.error;
import static io.dolly.sql.exec.StorageFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.io.FaultInjectingFileSystem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table that cannot grow because the disk is full: MySQL reports 1114 "The table 't' is full",
 * undoes the statement only, and the session carries on and succeeds once space is freed.
 */
class TableFullTest {
  private static final long SEED = 1114;

  @TempDir Path dir;

  @Test
  void fullDiskIsTableFullAndRollsBackTheStatementOnly() throws Exception {
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, SEED);
    try (StorageFixture fx = new StorageFixture(dir, fs)) {
      SqlSession s = fx.session();
      SessionFixture.run(s, "CREATE DATABASE db");
      SessionFixture.run(s, "USE db");
      SessionFixture.run(s, "CREATE TABLE t (id INT PRIMARY KEY, pad VARCHAR(2000))");
      SessionFixture.run(s, "BEGIN");
      SessionFixture.run(s, "INSERT INTO t VALUES (1, 'kept')");
      fx.storage.checkpoint();
      // Only tables' files run out of space, so the redo log and undo keep working.
      fs.noSpaceAfter(0, p -> p.getFileName().toString().equals("t.ibd"));

      MysqlException full = error(s, "INSERT INTO t " + manyRows(2, 400));

      assertThat(full.is(ErrorCode.ER_RECORD_FILE_FULL)).as(full.getMessage()).isTrue();
      assertThat(full.errorNumber()).isEqualTo(1114);
      assertThat(full.sqlState()).isEqualTo("HY000");
      assertThat(full).hasMessage("The table 't' is full");
      assertThat(rows(s, "SELECT id, pad FROM t"))
          .as("the failed statement is undone, the transaction's earlier row stays")
          .containsExactly("1|kept");

      fs.unlimitedSpace();
      SessionFixture.run(s, "INSERT INTO t " + manyRows(2, 400));
      SessionFixture.run(s, "COMMIT");
      assertThat(rows(s, "SELECT COUNT(*) FROM t")).containsExactly("401");
      s.close();
    }
  }

  /** {@code VALUES (first, 'xxx…'), …} of {@code count} rows wide enough to need new pages. */
  private static String manyRows(int first, int count) {
    StringBuilder sql = new StringBuilder("VALUES ");
    String pad = "x".repeat(1500);
    for (int i = 0; i < count; i++) {
      sql.append(i == 0 ? "" : ", ").append("(").append(first + i).append(", '").append(pad);
      sql.append("')");
    }
    return sql.toString();
  }
}
