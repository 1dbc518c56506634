package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, initializing, locking, configuring and stopping the server process. */
class LifecycleAcceptanceTest {
  @TempDir Path dir;

  @Test
  void launcherPrintsVersionAndHelp() throws Exception {
    Cli.Result version =
        Cli.run(List.of(ServerProcess.ROOT.resolve("dolly").toString(), "--version"), null, 60);
    assertThat(version.exitCode()).isZero();
    assertThat(version.stdout()).contains("8.0.40-dolly-0.1.0");
    Cli.Result help =
        Cli.run(List.of(ServerProcess.ROOT.resolve("dolly").toString(), "--help"), null, 60);
    assertThat(help.exitCode()).isZero();
    assertThat(help.stdout()).contains("server");
  }

  @Test
  void initializeGeneratesAnExpiredRootPassword() throws Exception {
    Path data = dir.resolve("data");
    try (ServerProcess server = ServerProcess.start(data, "--initialize")) {
      Matcher m =
          Pattern.compile("temporary password is generated for root@localhost: (\\S+)")
              .matcher(server.output());
      assertThat(m.find()).as(server.output()).isTrue();
      String password = m.group(1);
      assertThatThrownBy(() -> server.connectorJ("root", "", "").close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("using password: NO");
      // useLocalSessionState: no driver-side queries before ours, which the sandbox refuses as it
      // refuses every statement but a password change.
      try (Connection c =
              server.connectorJ(
                  "root",
                  password,
                  "disconnectOnExpiredPasswords=false&useLocalSessionState=true");
          Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.executeQuery("SELECT 1"))
            .isInstanceOfSatisfying(
                SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1820));
        s.execute("ALTER USER USER() IDENTIFIED BY 'chosen'");
      }
      // The CLI's way, as MySQL's documentation shows it, on a second expired account.
      try (Connection c = server.connectorJ("root", "chosen", "");
          Statement s = c.createStatement()) {
        s.execute("CREATE USER 'late'@'localhost' IDENTIFIED BY 'temp' PASSWORD EXPIRE");
      }
      Cli.Result cli =
          Cli.mariadb(
              server.port(),
              "late",
              "temp",
              "ALTER USER USER() IDENTIFIED BY 'fresh'",
              "--connect-expired-password");
      assertThat(cli.exitCode()).as(cli.stderr()).isZero();
      try (Connection c = server.connectorJ("late", "fresh", "");
          Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT 1")) {
          assertThat(rs.next()).isTrue();
        }
      }
    }
    // The chosen password survives a restart, and a restart generates no new temporary one.
    try (ServerProcess again = ServerProcess.start(data);
        Connection c = again.connectorJ("root", "chosen", "")) {
      assertThat(c.isValid(5)).isTrue();
      assertThat(again.output()).doesNotContain("temporary password");
    }
  }

  @Test
  void secondServerOnTheSameDatadirIsRefused() throws Exception {
    Path data = dir.resolve("data");
    try (ServerProcess first = ServerProcess.start(data)) {
      Cli.Result second = ServerProcess.refusedStart(data);
      assertThat(second.exitCode()).isNotZero();
      assertThat(second.stdout() + second.stderr())
          .contains("Another server is already using the data directory");
      assertThat(first.root().isValid(5)).isTrue();
    }
  }

  @Test
  void sigtermAndShutdownStopCleanlyAndTheErrorLogSaysSo() throws Exception {
    Path data = dir.resolve("data");
    ServerProcess server = ServerProcess.start(data);
    assertThat(server.stop()).isZero();
    String log = Files.readString(data.resolve("dolly.err"), StandardCharsets.UTF_8);
    assertThat(log).contains("ready for connections").contains("Shutdown complete");

    ServerProcess again = ServerProcess.start(data);
    try (Connection c = again.root();
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
    assertThat(again.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(again.process().exitValue()).isZero();
  }

  @Test
  void optionsComeFromADefaultsFileAndTheCommandLineWins() throws Exception {
    Path data = dir.resolve("data");
    int port = ServerProcess.freePort();
    Path cnf = dir.resolve("my.cnf");
    Files.writeString(
        cnf,
        """
        [client]
        port = 1
        [mysqld]
        datadir = %s
        port = %d
        max_connections = 77
        wait-timeout = 100   # seconds
        [dolly]
        max_allowed_packet = 16M
        """
            .formatted(data, port));
    try (ServerProcess server =
            ServerProcess.startWithArgs(
                data, port, List.of("--defaults-file=" + cnf, "--wait_timeout", "200"));
        Connection c = server.root();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT @@global.max_connections, @@global.wait_timeout, @@max_allowed_packet,"
                    + " @@port")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(77);
      assertThat(rs.getLong(2)).isEqualTo(200);
      assertThat(rs.getLong(3)).isEqualTo(16 * 1024 * 1024);
      assertThat(rs.getLong(4)).isEqualTo(port);
    }
  }

  @Test
  void unknownOptionIsRefusedAtStart() throws Exception {
    Cli.Result r = ServerProcess.refusedStart(dir.resolve("data"), "--no-such-option=1");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stdout() + r.stderr()).contains("unknown variable 'no_such_option=1'");
  }
}
