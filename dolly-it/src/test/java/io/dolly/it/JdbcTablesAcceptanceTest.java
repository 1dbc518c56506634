package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tables through real JDBC drivers, Connector/J and MariaDB Connector/J, each with client-side and
 * server-side prepared statements: DDL, DML, transactions, batches, DatabaseMetaData and the error
 * codes and SQLSTATEs applications branch on.
 */
class JdbcTablesAcceptanceTest {
  @org.junit.jupiter.api.io.TempDir static Path dir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dir.resolve("data"));
    try (Connection c = server.root();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE app");
    }
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static Connection connect(String driver) throws SQLException {
    Connection c =
        switch (driver) {
          case "mysql-client" -> server.connectorJ("root", "", "rewriteBatchedStatements=true");
          case "mysql-server" ->
              server.connectorJ("root", "", "useServerPrepStmts=true&cachePrepStmts=true");
          case "mariadb-client" -> server.mariadbJ("root", "", "");
          case "mariadb-server" -> server.mariadbJ("root", "", "useServerPrepStmts=true");
          default -> throw new IllegalArgumentException(driver);
        };
    c.setCatalog("app");
    return c;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mysql-client", "mysql-server", "mariadb-client", "mariadb-server"})
  void ddlDmlTransactionsAndMetadata(String driver) throws Exception {
    String t = "orders_" + driver.replace('-', '_');
    try (Connection c = connect(driver);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE "
              + t
              + " (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, customer VARCHAR(40) NOT NULL,"
              + " amount DECIMAL(10,2) NOT NULL DEFAULT '0.00', placed DATETIME,"
              + " UNIQUE KEY uq_customer (customer), KEY ix_amount (amount))");

      try (PreparedStatement ins =
          c.prepareStatement(
              "INSERT INTO " + t + " (customer, amount, placed) VALUES (?, ?, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        ins.setString(1, "ada");
        ins.setBigDecimal(2, new BigDecimal("12.50"));
        ins.setTimestamp(3, Timestamp.valueOf(LocalDateTime.of(2024, 5, 6, 7, 8, 9)));
        assertThat(ins.executeUpdate()).isEqualTo(1);
        try (ResultSet keys = ins.getGeneratedKeys()) {
          assertThat(keys.next()).isTrue();
          assertThat(keys.getLong(1)).isEqualTo(1);
        }
        for (int i = 0; i < 5; i++) {
          ins.setString(1, "batch" + i);
          ins.setBigDecimal(2, BigDecimal.valueOf(i));
          ins.setTimestamp(3, null);
          ins.addBatch();
        }
        int[] counts = ins.executeBatch();
        assertThat(counts).hasSize(5);
      }

      try (PreparedStatement q =
          c.prepareStatement("SELECT id, customer, amount, placed FROM " + t + " WHERE id = ?")) {
        q.setInt(1, 1);
        try (ResultSet rs = q.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt("id")).isEqualTo(1);
          assertThat(rs.getString("customer")).isEqualTo("ada");
          assertThat(rs.getBigDecimal("amount")).isEqualByComparingTo("12.50");
          assertThat(rs.getTimestamp("placed").toLocalDateTime())
              .isEqualTo(LocalDateTime.of(2024, 5, 6, 7, 8, 9));
          assertThat(rs.next()).isFalse();
        }
      }
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT COUNT(*), SUM(amount) FROM " + t + " WHERE amount BETWEEN ? AND ?")) {
        q.setInt(1, 1);
        q.setInt(2, 3);
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(3);
          assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("6");
        }
      }

      // Transactions: rollback undoes, commit keeps.
      c.setAutoCommit(false);
      s.executeUpdate("UPDATE " + t + " SET amount = amount + 100 WHERE customer = 'ada'");
      c.rollback();
      s.executeUpdate("DELETE FROM " + t + " WHERE customer = 'batch0'");
      c.commit();
      c.setAutoCommit(true);
      assertThat(strings(s, "SELECT customer FROM " + t + " WHERE amount < 1 OR amount > 100"))
          .isEmpty();
      assertThat(strings(s, "SELECT amount FROM " + t + " WHERE customer = 'ada'"))
          .containsExactly("12.50");

      // Errors with MySQL's numbers and SQLSTATEs.
      assertError(s, "INSERT INTO " + t + " (customer) VALUES ('ada')", 1062, "23000");
      assertError(s, "INSERT INTO " + t + " (customer) VALUES (NULL)", 1048, "23000");
      assertError(s, "SELECT nope FROM " + t, 1054, "42S22");
      assertError(s, "SELECT * FROM missing_table", 1146, "42S02");
      assertError(s, "CREATE TABLE " + t + " (a INT)", 1050, "42S01");

      DatabaseMetaData md = c.getMetaData();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables("app", null, t, new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables).containsExactly(t);
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = md.getColumns("app", null, t, "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
        }
      }
      assertThat(columns)
          .containsExactly("id:INT", "customer:VARCHAR", "amount:DECIMAL", "placed:DATETIME");
      try (ResultSet rs = md.getPrimaryKeys("app", null, t)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
        assertThat(rs.next()).isFalse();
      }
      List<String> indexes = new ArrayList<>();
      try (ResultSet rs = md.getIndexInfo("app", null, t, false, false)) {
        while (rs.next()) {
          indexes.add(
              rs.getString("INDEX_NAME")
                  + ":"
                  + rs.getString("COLUMN_NAME")
                  + ":"
                  + rs.getBoolean("NON_UNIQUE"));
        }
      }
      assertThat(indexes)
          .contains("PRIMARY:id:false", "uq_customer:customer:false", "ix_amount:amount:true");
      s.execute("DROP TABLE " + t);
    }
  }

  private static List<String> strings(Statement s, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static void assertError(Statement s, String sql, int code, String state) {
    assertThatThrownBy(() -> s.execute(sql))
        .isInstanceOf(SQLException.class)
        .satisfies(
            e -> {
              SQLException x = (SQLException) e;
              assertThat(x.getErrorCode()).as(x.getMessage()).isEqualTo(code);
              assertThat(x.getSQLState()).as(x.getMessage()).isEqualTo(state);
            });
  }
}
