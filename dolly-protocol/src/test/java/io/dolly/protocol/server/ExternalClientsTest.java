package io.dolly.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dolly.protocol.auth.AuthPlugin;
import io.dolly.protocol.auth.CachingSha2Cache;
import io.dolly.protocol.auth.RsaKeys;
import io.dolly.protocol.tls.CertificateFiles;
import io.dolly.protocol.tls.TlsContexts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handshake against clients written in other languages, when installed: the MariaDB command
 * line client (libmariadb, C) and PyMySQL. Skipped where the binaries are missing.
 */
class ExternalClientsTest {
  private static final Path MARIADB = Path.of("/usr/bin/mariadb");
  private static final Path PYTHON = Path.of("/usr/bin/python3");
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

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
    return out;
  }

  private static List<String> mariadb(String user, String password, String... extra) {
    List<String> cmd = new ArrayList<>();
    cmd.add(MARIADB.toString());
    cmd.add("--no-defaults");
    cmd.add("-h127.0.0.1");
    cmd.add("-P" + server.port());
    cmd.add("-u" + user);
    cmd.add("-p" + password);
    cmd.addAll(List.of(extra));
    cmd.addAll(List.of("--batch", "--skip-column-names", "-e", "SELECT 42 AS answer"));
    return cmd;
  }

  @Test
  void mariadbCommandLineClient() throws Exception {
    assumeTrue(Files.isExecutable(MARIADB));
    server.outcomes.clear();
    assertThat(run(mariadb("legacy", "old", "--skip-ssl"))).isEqualTo("42");
    assertThat(((HandshakeResult) server.nextOutcome()).tls()).isFalse();
    assertThat(run(mariadb("app", "s3cret!", "--ssl", "--skip-ssl-verify-server-cert")))
        .isEqualTo("42");
    assertThat(((HandshakeResult) server.nextOutcome()).tls()).isTrue();
  }

  private static final String PYMYSQL_SCRIPT =
      String.join(
          "\n",
          "import sys, pymysql",
          "port, user, pw, ca = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]",
          "kw = {'ssl_ca': ca, 'ssl_verify_identity': False} if ca else {}",
          "c = pymysql.connect(host='127.0.0.1', port=port, user=user, password=pw, **kw)",
          "cur = c.cursor()",
          "cur.execute('SELECT 42 AS answer')",
          "print(cur.fetchone()[0])",
          "c.close()");

  private static String pymysql(String user, String password, String ca) throws Exception {
    return run(
        List.of(
            PYTHON.toString(),
            "-c",
            PYMYSQL_SCRIPT,
            Integer.toString(server.port()),
            user,
            password,
            ca));
  }

  @Test
  void pymysql() throws Exception {
    assumeTrue(Files.isExecutable(PYTHON));
    Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import pymysql").start();
    assumeTrue(probe.waitFor() == 0);
    server.outcomes.clear();
    cache.clear();
    String ca = new CertificateFiles(dir).caCert().toString();
    assertThat(pymysql("app", "s3cret!", ca)).isEqualTo("42");
    assertThat(((HandshakeResult) server.nextOutcome()).tls()).isTrue();
    // The full authentication over TLS filled the cache: plain TCP now takes the fast path.
    assertThat(pymysql("app", "s3cret!", "")).isEqualTo("42");
    assertThat(((HandshakeResult) server.nextOutcome()).tls()).isFalse();
    assertThat(pymysql("legacy", "old", "")).isEqualTo("42");
  }
}
