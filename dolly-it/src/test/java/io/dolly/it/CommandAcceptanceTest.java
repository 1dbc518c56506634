package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.protocol.client.ClientConnection;
import io.dolly.protocol.client.ConnectOptions;
import io.dolly.protocol.client.SslMode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.packet.Command;
import io.dolly.protocol.packet.ErrPacket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands besides COM_QUERY, and the first slice of SQL, over real connections. */
class CommandAcceptanceTest {
  @TempDir static Path dir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dir.resolve("data"));
    try (Connection c = server.root();
        Statement s = c.createStatement()) {
      s.execute("CREATE USER 'other'@'%' IDENTIFIED BY 'pw2'");
    }
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static ClientConnection connect(String user, String password) throws Exception {
    return ClientConnection.connect(
        ConnectOptions.of("127.0.0.1", server.port(), user, password)
            .withSsl(SslMode.REQUIRED, io.dolly.protocol.tls.TlsContexts.clientTrustingAll()));
  }

  @Test
  void pingStatisticsInitDbResetAndUnknownCommands() throws Exception {
    try (ClientConnection c = connect("root", "")) {
      c.ping();
      c.sendCommand(Command.COM_STATISTICS, new byte[0]);
      String stats = new String(c.readPacket(), StandardCharsets.UTF_8);
      assertThat(stats).startsWith("Uptime: ").contains("Threads: ").contains("Questions: ");

      c.sendCommand(Command.COM_INIT_DB, "mysql".getBytes(StandardCharsets.UTF_8));
      c.expectOk();
      assertThat(c.query("SELECT DATABASE()").scalar()).isEqualTo("mysql");
      c.sendCommand(Command.COM_INIT_DB, "nope".getBytes(StandardCharsets.UTF_8));
      ErrPacket bad = ErrPacket.decode(c.readPacket());
      assertThat(bad.errorNumber()).isEqualTo(1049);
      assertThat(bad.message()).isEqualTo("Unknown database 'nope'");

      c.query("SET @x = 5");
      c.sendCommand(Command.COM_RESET_CONNECTION, new byte[0]);
      c.expectOk();
      assertThat(c.query("SELECT @x").scalar()).isNull();

      c.sendCommand(0x1d, new byte[0]); // COM_DAEMON is never valid from a client
      ErrPacket unknown = ErrPacket.decode(c.readPacket());
      assertThat(unknown.errorNumber()).isEqualTo(1047);
      assertThat(unknown.sqlState()).isEqualTo("08S01");
      c.ping();
    }
  }

  @Test
  void processListShowsConnectionsAndHidesPasswords() throws Exception {
    try (ClientConnection idle = connect("other", "pw2");
        ClientConnection c = connect("root", "")) {
      var rows = c.query("SHOW FULL PROCESSLIST").rows();
      assertThat(rows)
          .anySatisfy(
              r -> {
                assertThat(r.get(0)).isEqualTo(String.valueOf(idle.connectionId()));
                assertThat(r.get(1)).isEqualTo("other");
                assertThat(r.get(2)).startsWith("localhost:");
                assertThat(r.get(4)).isEqualTo("Sleep");
              })
          .anySatisfy(
              r -> {
                assertThat(r.get(0)).isEqualTo(String.valueOf(c.connectionId()));
                assertThat(r.get(4)).isEqualTo("Query");
                assertThat(r.get(7)).isEqualTo("SHOW FULL PROCESSLIST");
              });
    }
  }

  @Test
  void changeUserReauthenticates() throws Exception {
    try (ClientConnection c = connect("root", "")) {
      c.changeUser("other", "pw2", null);
      assertThat(c.query("SELECT CURRENT_USER()").scalar()).isEqualTo("other@%");
      assertThatThrownBy(() -> c.changeUser("other", "wrong", null))
          .isInstanceOfSatisfying(
              MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(1045));
    }
  }

  @Test
  void killEndsAnotherConnectionAndNeedsThePrivilege() throws Exception {
    try (ClientConnection victim = connect("root", "");
        ClientConnection killer = connect("root", "");
        ClientConnection stranger = connect("other", "pw2")) {
      assertThatThrownBy(() -> stranger.query("KILL " + victim.connectionId()))
          .isInstanceOfSatisfying(
              MysqlException.class,
              e -> {
                assertThat(e.errorNumber()).isEqualTo(1095);
                assertThat(e.getMessage())
                    .isEqualTo("You are not owner of thread " + victim.connectionId());
              });
      killer.query("KILL " + victim.connectionId());
      assertThatThrownBy(() -> victim.query("SELECT 1")).isInstanceOf(java.io.IOException.class);
      assertThatThrownBy(() -> killer.query("KILL 999999")).hasMessage("Unknown thread id: 999999");
    }
  }

  @Test
  void variablesHaveMySqlScopesAndErrors() throws Exception {
    try (Connection c = server.root();
        Statement s = c.createStatement()) {
      expectError(
          s,
          "SET SESSION max_connections = 10",
          1229,
          "Variable 'max_connections' is a GLOBAL variable and should be set with SET GLOBAL");
      expectError(
          s, "SET GLOBAL version = 'x'", 1238, "Variable 'version' is a read only variable");
      expectError(
          s, "SET GLOBAL autocommit_typo = 1", 1193, "Unknown system variable 'autocommit_typo'");
      expectError(
          s,
          "SET autocommit = 'maybe'",
          1231,
          "Variable 'autocommit' can't be set to the value of 'maybe'");
      expectError(
          s,
          "SET GLOBAL max_connections = 'many'",
          1232,
          "Incorrect argument type to variable 'max_connections'");
      s.execute("SET GLOBAL max_connections = 0");
      try (ResultSet rs = s.executeQuery("SHOW WARNINGS")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt("Code")).isEqualTo(1292);
        assertThat(rs.getString("Message"))
            .isEqualTo("Truncated incorrect max_connections value: '0'");
      }
      try (ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES LIKE 'max\\_connections'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("max_connections");
        assertThat(rs.getString(2)).isEqualTo("1");
      }
      s.execute("SET GLOBAL max_connections = 151");
      // The longest timeouts MySQL allows (a year) still work as socket timeouts.
      s.execute("SET GLOBAL wait_timeout = 31536000");
      try (Connection fresh = server.root();
          Statement fs = fresh.createStatement();
          ResultSet rs = fs.executeQuery("SELECT @@wait_timeout")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(31536000L);
      }
      s.execute("SET GLOBAL wait_timeout = DEFAULT");
      try (ResultSet rs =
          s.executeQuery("SHOW VARIABLES WHERE Variable_name IN ('have_ssl', 'version')")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(2)).isEqualTo("YES");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(2)).startsWith("8.0.40-dolly-");
      }
    }
    try (Connection c = server.connectorJ("other", "pw2", "");
        Statement s = c.createStatement()) {
      expectError(
          s,
          "SET GLOBAL max_connections = 10",
          1227,
          "Access denied; you need (at least one of) the SUPER or SYSTEM_VARIABLES_ADMIN"
              + " privilege(s) for this operation");
    }
  }

  private static void expectError(Statement s, String sql, int code, String message) {
    assertThatThrownBy(() -> s.execute(sql))
        .as(sql)
        .isInstanceOfSatisfying(
            SQLException.class,
            e -> {
              assertThat(e.getErrorCode()).as(sql).isEqualTo(code);
              assertThat(e.getMessage()).as(sql).isEqualTo(message);
            });
  }
}
