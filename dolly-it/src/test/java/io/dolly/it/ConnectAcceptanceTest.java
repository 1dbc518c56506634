package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every client the project promises to work with connects, with and without TLS, and fails alike.
 */
class ConnectAcceptanceTest {
  static final String VERSION_PREFIX = "8.0.40-dolly-";
  @TempDir static Path dir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dir.resolve("data"));
    try (Connection c = server.root();
        Statement s = c.createStatement()) {
      s.execute("CREATE USER 'app'@'%' IDENTIFIED BY 's3cret'");
      s.execute("CREATE USER 'native'@'%' IDENTIFIED WITH mysql_native_password BY 'n4tive'");
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      assertThat(server.stop()).isZero();
    }
  }

  @Test
  void mariadbCliPrintsTheVersion() throws Exception {
    Cli.Result r = Cli.mariadb(server.port(), "root", "", "SELECT VERSION()");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains(VERSION_PREFIX);
  }

  @Test
  void mariadbCliWithAndWithoutTls() throws Exception {
    String sql = "SHOW STATUS LIKE 'Ssl_cipher'";
    Cli.Result tls = Cli.mariadb(server.port(), "app", "s3cret", sql, "--ssl", "-N", "-B");
    assertThat(tls.exitCode()).as(tls.stderr()).isZero();
    assertThat(tls.stdout().strip()).matches("Ssl_cipher\\t\\S+");
    Cli.Result plain = Cli.mariadb(server.port(), "app", "s3cret", sql, "--skip-ssl", "-N", "-B");
    assertThat(plain.exitCode()).as(plain.stderr()).isZero();
    assertThat(plain.stdout().strip()).isEqualTo("Ssl_cipher");
    Cli.Result wrong = Cli.mariadb(server.port(), "app", "nope", "SELECT 1");
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.stderr())
        .contains(
            "ERROR 1045 (28000): Access denied for user 'app'@'localhost' (using password: YES)");
  }

  @Test
  void connectorJDefaultsUseTlsAndCachingSha2() throws Exception {
    try (Connection c = server.connectorJ("app", "s3cret", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'Ssl_cipher'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).isNotEmpty();
      assertThat(c.getMetaData().getDatabaseProductVersion()).startsWith(VERSION_PREFIX);
    }
  }

  @Test
  void connectorJRsaPathWithoutTls() throws Exception {
    // A fresh account has nothing in the fast-auth cache, so this takes the full path over RSA.
    try (Connection root = server.root();
        Statement s = root.createStatement()) {
      s.execute("CREATE USER 'rsa'@'%' IDENTIFIED BY 'rsa-pw'");
    }
    try (Connection c =
            server.connectorJ("rsa", "rsa-pw", "sslMode=DISABLED&allowPublicKeyRetrieval=true");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'Ssl_cipher'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).isEmpty();
    }
  }

  @Test
  void connectorJNativePassword() throws Exception {
    try (Connection c = server.connectorJ("native", "n4tive", "sslMode=DISABLED");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("native@%");
    }
  }

  @Test
  void mariadbConnectorJWithAndWithoutTls() throws Exception {
    try (Connection c = server.mariadbJ("app", "s3cret", "sslMode=trust");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'Ssl_version'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).startsWith("TLSv1.");
    }
    try (Connection c =
            server.mariadbJ("app", "s3cret", "sslMode=disable&allowPublicKeyRetrieval=true");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1 + 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(2);
    }
  }

  @Test
  void pyMySqlConnects() throws Exception {
    String script =
        """
        import sys, pymysql
        c = pymysql.connect(host='127.0.0.1', port=int(sys.argv[1]), user='app', password='s3cret')
        cur = c.cursor()
        cur.execute('SELECT VERSION(), CONNECTION_ID()')
        print(cur.fetchone()[0])
        try:
            pymysql.connect(host='127.0.0.1', port=int(sys.argv[1]), user='app', password='bad')
        except pymysql.err.OperationalError as e:
            print(e.args[0], e.args[1])
        """;
    Cli.Result r = Cli.python(script, String.valueOf(server.port()));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout())
        .contains(VERSION_PREFIX)
        .contains("1045 Access denied for user 'app'@'localhost' (using password: YES)");
  }

  @Test
  void wrongPasswordIs1045InJdbcDrivers() {
    assertAccessDenied(() -> server.connectorJ("app", "wrong", "").close(), "app", "YES");
    // MariaDB Connector/J needs TLS (or the RSA key) to send a caching_sha2 password at all.
    assertAccessDenied(
        () -> server.mariadbJ("app", "wrong", "sslMode=trust").close(), "app", "YES");
    assertAccessDenied(() -> server.connectorJ("nobody", "", "").close(), "nobody", "NO");
  }

  private static void assertAccessDenied(
      ThrowingCallable connect, String user, String usingPassword) {
    assertThatThrownBy(connect)
        .isInstanceOfSatisfying(
            SQLException.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo(1045);
              assertThat(e.getSQLState()).isEqualTo("28000");
              assertThat(e.getMessage())
                  .contains(
                      "Access denied for user '"
                          + user
                          + "'@'localhost' (using password: "
                          + usingPassword
                          + ")");
            });
  }
}
