package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-side prepared statements (COM_STMT_*, the binary protocol) with both JDBC drivers. */
class PreparedStatementAcceptanceTest {
  @TempDir static Path dir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dir.resolve("data"));
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void connectorJBindsEveryTypeAndReadsBinaryRows() throws Exception {
    try (Connection c =
        server.connectorJ("root", "", "useServerPrepStmts=true&cachePrepStmts=false")) {
      roundTrip(c);
    }
  }

  @Test
  void mariadbConnectorJBindsEveryTypeAndReadsBinaryRows() throws Exception {
    try (Connection c = server.mariadbJ("root", "", "useServerPrepStmts=true")) {
      roundTrip(c);
    }
  }

  private static void roundTrip(Connection c) throws SQLException {
    String sql =
        "SELECT ? + 1 AS i, ? AS big, ? * 2 AS d, ? AS dec, CONCAT(?, '!') AS s, ? AS n,"
            + " ? AS day, ? AS ts, LENGTH(?) AS blen, 7 AS seven, NOW() AS now";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int round = 0; round < 3; round++) {
        ps.setInt(1, 41 + round);
        ps.setLong(2, Long.MAX_VALUE - round);
        ps.setDouble(3, 1.25);
        ps.setBigDecimal(4, new BigDecimal("12345.678"));
        ps.setString(5, "héllo");
        ps.setNull(6, Types.INTEGER);
        ps.setDate(7, Date.valueOf("2026-11-25"));
        ps.setTimestamp(8, Timestamp.valueOf("2026-11-25 10:11:12.345678"));
        ps.setBytes(9, new byte[] {0, 1, 2, (byte) 0xff});
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt("i")).isEqualTo(42 + round);
          assertThat(rs.getLong("big")).isEqualTo(Long.MAX_VALUE - round);
          assertThat(rs.getDouble("d")).isEqualTo(2.5);
          assertThat(rs.getBigDecimal("dec")).isEqualByComparingTo("12345.678");
          assertThat(rs.getString("s")).isEqualTo("héllo!");
          assertThat(rs.getObject("n")).isNull();
          assertThat(rs.getString("day")).startsWith("2026-11-25");
          assertThat(rs.getString("ts")).startsWith("2026-11-25 10:11:12");
          assertThat(rs.getInt("blen")).isEqualTo(4);
          assertThat(rs.getInt("seven")).isEqualTo(7);
          assertThat(rs.getTimestamp("now")).isNotNull();
          assertThat(rs.next()).isFalse();
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SET @v = ?")) {
      ps.setString(1, "kept");
      assertThat(ps.executeUpdate()).isZero();
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT @v, ?")) {
      ps.setCharacterStream(1, new StringReader("streamed ".repeat(1000)));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("kept");
        assertThat(rs.getString(2)).hasSize(9000);
      }
      ps.setBinaryStream(1, new ByteArrayInputStream(new byte[] {'a', 'b'}));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getString(2)).isEqualTo("ab");
      }
    }
    assertThatThrownBy(() -> c.prepareStatement("SELEC 1").execute())
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1064));
  }
}
