package io.dolly.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.protocol.auth.AuthPlugin;
import io.dolly.protocol.auth.CachingSha2Cache;
import io.dolly.protocol.auth.RsaKeys;
import io.dolly.protocol.tls.CertificateFiles;
import io.dolly.protocol.tls.TlsContexts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handshake as real drivers perform it: MySQL Connector/J 9.7 and MariaDB Connector/J 3.5. */
class DriverCompatibilityTest {
  @TempDir static Path dir;
  static TestServer server;
  static CachingSha2Cache cache = new CachingSha2Cache();

  @BeforeAll
  static void start() throws Exception {
    CertificateFiles files = new CertificateFiles(dir);
    files.generateIfAbsent("0.1.0");
    InMemoryAccounts accounts =
        new InMemoryAccounts()
            .add(ServerHandshakeTest.account("app", AuthPlugin.CACHING_SHA2_PASSWORD, "s3cret!"))
            .add(ServerHandshakeTest.account("legacy", AuthPlugin.MYSQL_NATIVE_PASSWORD, "old"));
    server =
        new TestServer(
            HandshakeSettings.of(
                ServerHandshakeTest.VERSION,
                accounts,
                cache,
                TlsContexts.server(files),
                RsaKeys.loadOrGenerate(dir)));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static HandshakeResult queryOne(String url, String user, String password)
      throws Exception {
    server.outcomes.clear();
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT 42 AS answer")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("answer")).isEqualTo("42");
      assertThat(rs.next()).isFalse();
    }
    return (HandshakeResult) server.nextOutcome();
  }

  private String mysqlUrl(String params) {
    return "jdbc:mysql://127.0.0.1:" + server.port() + "/?" + params;
  }

  private String mariadbUrl(String params) {
    return "jdbc:mariadb://127.0.0.1:" + server.port() + "/?" + params;
  }

  @Test
  void connectorJDefaultsUseTlsAndCachingSha2() throws Exception {
    cache.clear(); // so the driver goes through full authentication over TLS
    HandshakeResult r = queryOne(mysqlUrl("connectTimeout=10000"), "app", "s3cret!");
    assertThat(r.tls()).isTrue();
    assertThat(r.tlsVersion()).isEqualTo("TLSv1.3");
    assertThat(cache.get("app", "%")).isPresent();
    assertThat(r.account().plugin()).isEqualTo(AuthPlugin.CACHING_SHA2_PASSWORD);
    assertThat(r.connectAttributes()).containsKey("_client_name");
  }

  @Test
  void connectorJWithoutTlsUsesTheRsaKey() throws Exception {
    cache.clear();
    HandshakeResult r =
        queryOne(mysqlUrl("sslMode=DISABLED&allowPublicKeyRetrieval=true"), "app", "s3cret!");
    assertThat(r.tls()).isFalse();
    // Now cached: the next plain connection takes the fast path.
    assertThat(queryOne(mysqlUrl("sslMode=DISABLED"), "app", "s3cret!").tls()).isFalse();
  }

  @Test
  void connectorJNativePasswordAccount() throws Exception {
    assertThat(queryOne(mysqlUrl("sslMode=DISABLED"), "legacy", "old").account().plugin())
        .isEqualTo(AuthPlugin.MYSQL_NATIVE_PASSWORD);
  }

  @Test
  void connectorJSeesTheExactDenial() {
    assertThatThrownBy(() -> queryOne(mysqlUrl("sslMode=REQUIRED"), "app", "wrong"))
        .isInstanceOfSatisfying(
            SQLException.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo(1045);
              assertThat(e.getSQLState()).isEqualTo("28000");
              assertThat(e.getMessage())
                  .isEqualTo("Access denied for user 'app'@'localhost' (using password: YES)");
            });
  }

  @Test
  void mariadbDriverOverTls() throws Exception {
    cache.clear();
    HandshakeResult r = queryOne(mariadbUrl("sslMode=trust"), "app", "s3cret!");
    assertThat(r.tls()).isTrue();
  }

  @Test
  void mariadbDriverWithoutTls() throws Exception {
    cache.clear();
    HandshakeResult r =
        queryOne(mariadbUrl("sslMode=disable&allowPublicKeyRetrieval=true"), "app", "s3cret!");
    assertThat(r.tls()).isFalse();
    assertThat(queryOne(mariadbUrl("sslMode=disable"), "legacy", "old").tls()).isFalse();
  }
}
