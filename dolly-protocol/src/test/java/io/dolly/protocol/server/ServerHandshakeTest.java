package io.dolly.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.protocol.auth.Account;
import io.dolly.protocol.auth.AuthPlugin;
import io.dolly.protocol.auth.CachingSha2Cache;
import io.dolly.protocol.auth.CachingSha2Password;
import io.dolly.protocol.auth.NativePassword;
import io.dolly.protocol.auth.RsaKeys;
import io.dolly.protocol.client.ClientConnection;
import io.dolly.protocol.client.ConnectOptions;
import io.dolly.protocol.client.QueryResult;
import io.dolly.protocol.client.SslMode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.tls.CertificateFiles;
import io.dolly.protocol.tls.TlsContexts;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server handshake against Dolly's own client over real loopback sockets. */
class ServerHandshakeTest {
  static final String VERSION = "8.0.40-dolly-0.1.0";
  @TempDir static Path dir;
  static SSLContext serverTls;
  static RsaKeys rsa;
  static InMemoryAccounts accounts;

  @BeforeAll
  static void setUp() throws Exception {
    CertificateFiles files = new CertificateFiles(dir);
    files.generateIfAbsent("0.1.0");
    serverTls = TlsContexts.server(files);
    rsa = RsaKeys.loadOrGenerate(dir);
    accounts =
        new InMemoryAccounts()
            .add(account("nat", AuthPlugin.MYSQL_NATIVE_PASSWORD, "npw"))
            .add(account("sha", AuthPlugin.CACHING_SHA2_PASSWORD, "spw"))
            .add(account("sha_rsa", AuthPlugin.CACHING_SHA2_PASSWORD, "rpw"))
            .add(account("sha12", AuthPlugin.CACHING_SHA2_PASSWORD, "p12"))
            .add(account("nopw", AuthPlugin.CACHING_SHA2_PASSWORD, ""))
            .add(
                new Account(
                    "old",
                    "%",
                    AuthPlugin.CACHING_SHA2_PASSWORD,
                    CachingSha2Password.storedForm("opw"),
                    true,
                    false,
                    false))
            .add(
                new Account(
                    "locked",
                    "%",
                    AuthPlugin.MYSQL_NATIVE_PASSWORD,
                    NativePassword.storedForm("lpw"),
                    false,
                    true,
                    false))
            .add(
                new Account(
                    "tlsonly",
                    "%",
                    AuthPlugin.MYSQL_NATIVE_PASSWORD,
                    NativePassword.storedForm("tpw"),
                    false,
                    false,
                    true));
  }

  static Account account(String user, String plugin, String password) {
    String stored =
        plugin.equals(AuthPlugin.MYSQL_NATIVE_PASSWORD)
            ? NativePassword.storedForm(password)
            : CachingSha2Password.storedForm(password);
    return new Account(user, "%", plugin, stored, false, false, false);
  }

  static TestServer server(CachingSha2Cache cache, UnaryOperator<HandshakeSettings> tweak)
      throws Exception {
    return new TestServer(
        tweak.apply(HandshakeSettings.of(VERSION, accounts, cache, serverTls, rsa)));
  }

  static ClientConnection connect(TestServer s, String user, String pw, SslMode mode)
      throws Exception {
    return ClientConnection.connect(
        ConnectOptions.of("127.0.0.1", s.port(), user, pw).withSsl(mode, null));
  }

  @Test
  void nativeAccountIsSwitchedFromTheDefaultSha2Plugin() throws Exception {
    try (TestServer s = server(new CachingSha2Cache(), x -> x);
        ClientConnection c = connect(s, "nat", "npw", SslMode.DISABLED)) {
      HandshakeResult r = (HandshakeResult) s.nextOutcome();
      assertThat(r.account().user()).isEqualTo("nat");
      assertThat(r.clientHost()).isEqualTo("localhost");
      assertThat(r.tls()).isFalse();
      assertThat(r.connectAttributes()).containsEntry("_client_name", "dolly");
      assertThat(c.serverVersion()).isEqualTo(VERSION);
      QueryResult q = c.query("SELECT 1 AS one, 'x'");
      assertThat(q.columns()).extracting(col -> col.name()).containsExactly("one", "'x'");
      assertThat(q.rows()).containsExactly(List.of("1", "x"));
      c.ping();
    }
  }

  @Test
  void sha2AccountIsSwitchedFromANativeDefault() throws Exception {
    try (TestServer s =
            server(
                new CachingSha2Cache(),
                x -> x.withDefaultAuthPlugin(AuthPlugin.MYSQL_NATIVE_PASSWORD));
        ClientConnection c = connect(s, "sha", "spw", SslMode.REQUIRED)) {
      assertThat(s.nextOutcome()).isInstanceOf(HandshakeResult.class);
      assertThat(c.query("SELECT 2").scalar()).isEqualTo("2");
    }
  }

  @Test
  void fullAuthOverTls13FillsTheCacheForTheFastPath() throws Exception {
    CachingSha2Cache cache = new CachingSha2Cache();
    try (TestServer s = server(cache, x -> x);
        ClientConnection c = connect(s, "sha", "spw", SslMode.REQUIRED)) {
      HandshakeResult r = (HandshakeResult) s.nextOutcome();
      assertThat(r.tls()).isTrue();
      assertThat(r.tlsVersion()).isEqualTo("TLSv1.3");
      assertThat(c.tlsCipher()).isEqualTo(r.tlsCipher()).isNotNull();
    }
    assertThat(cache.get("sha", "%")).isPresent();
    // Plain TCP and no RSA keys: only the fast path can succeed now.
    try (TestServer s = new TestServer(HandshakeSettings.of(VERSION, accounts, cache, null, null));
        ClientConnection c = connect(s, "sha", "spw", SslMode.PREFERRED)) {
      HandshakeResult r = (HandshakeResult) s.nextOutcome();
      assertThat(r.tls()).isFalse();
      assertThat(c.tlsCipher()).isNull();
    }
  }

  @Test
  void fullAuthOverTls12() throws Exception {
    try (TestServer s = server(new CachingSha2Cache(), x -> x);
        ClientConnection c =
            ClientConnection.connect(
                ConnectOptions.of("127.0.0.1", s.port(), "sha12", "p12")
                    .withSsl(SslMode.REQUIRED, TlsContexts.clientTrustingAll("TLSv1.2")))) {
      HandshakeResult r = (HandshakeResult) s.nextOutcome();
      assertThat(r.tlsVersion()).isEqualTo("TLSv1.2");
      assertThat(c.tlsVersion()).isEqualTo("TLSv1.2");
    }
  }

  @Test
  void verifyCaWithTheServersCa() throws Exception {
    SSLContext verifying =
        TlsContexts.clientVerifyingCa(new CertificateFiles(dir).caCert(), null, null);
    try (TestServer s = server(new CachingSha2Cache(), x -> x);
        ClientConnection c =
            ClientConnection.connect(
                ConnectOptions.of("127.0.0.1", s.port(), "sha", "spw")
                    .withSsl(SslMode.VERIFY_CA, verifying))) {
      assertThat(((HandshakeResult) s.nextOutcome()).tls()).isTrue();
    }
  }

  @Test
  void fullAuthOverPlainTcpUsesTheRsaKey() throws Exception {
    CachingSha2Cache cache = new CachingSha2Cache();
    try (TestServer s = server(cache, x -> x);
        ClientConnection c = connect(s, "sha_rsa", "rpw", SslMode.DISABLED)) {
      assertThat(((HandshakeResult) s.nextOutcome()).tls()).isFalse();
      assertThat(cache.get("sha_rsa", "%")).isPresent();
    }
  }

  @Test
  void emptyPasswordAccount() throws Exception {
    try (TestServer s = server(new CachingSha2Cache(), x -> x);
        ClientConnection c = connect(s, "nopw", "", SslMode.DISABLED)) {
      assertThat(s.nextOutcome()).isInstanceOf(HandshakeResult.class);
    }
  }

  private static void assertDenied(
      TestServer s, String user, String pw, SslMode mode, int number, String message)
      throws Exception {
    assertThatThrownBy(() -> connect(s, user, pw, mode))
        .isInstanceOfSatisfying(
            MysqlException.class,
            e -> {
              assertThat(e.errorNumber()).isEqualTo(number);
              assertThat(e.getMessage()).isEqualTo(message);
            });
    assertThat(s.nextOutcome()).isInstanceOf(MysqlException.class);
  }

  @Test
  void wrongPasswordsAndUnknownUsersGetTheSameDenial() throws Exception {
    try (TestServer s = server(new CachingSha2Cache(), x -> x)) {
      assertDenied(
          s,
          "sha",
          "bad",
          SslMode.REQUIRED,
          1045,
          "Access denied for user 'sha'@'localhost' (using password: YES)");
      assertDenied(
          s,
          "nat",
          "bad",
          SslMode.DISABLED,
          1045,
          "Access denied for user 'nat'@'localhost' (using password: YES)");
      assertDenied(
          s,
          "ghost",
          "x",
          SslMode.DISABLED,
          1045,
          "Access denied for user 'ghost'@'localhost' (using password: YES)");
      assertDenied(
          s,
          "sha",
          "",
          SslMode.DISABLED,
          1045,
          "Access denied for user 'sha'@'localhost' (using password: NO)");
      assertDenied(
          s,
          "locked",
          "lpw",
          SslMode.DISABLED,
          1045,
          "Access denied for user 'locked'@'localhost' (using password: YES)");
      assertDenied(
          s,
          "tlsonly",
          "tpw",
          SslMode.DISABLED,
          1045,
          "Access denied for user 'tlsonly'@'localhost' (using password: YES)");
    }
  }

  @Test
  void requireSslAccountOverTls() throws Exception {
    try (TestServer s = server(new CachingSha2Cache(), x -> x);
        ClientConnection c = connect(s, "tlsonly", "tpw", SslMode.REQUIRED)) {
      assertThat(s.nextOutcome()).isInstanceOf(HandshakeResult.class);
    }
  }

  @Test
  void requireSecureTransportRefusesPlainTcp() throws Exception {
    try (TestServer s = server(new CachingSha2Cache(), x -> x.withRequireSecureTransport(true))) {
      assertDenied(
          s,
          "nat",
          "npw",
          SslMode.DISABLED,
          3159,
          "Connections using insecure transport are prohibited while"
              + " --require_secure_transport=ON.");
      try (ClientConnection c = connect(s, "nat", "npw", SslMode.PREFERRED)) {
        assertThat(((HandshakeResult) s.nextOutcome()).tls()).isTrue();
      }
    }
  }

  @Test
  void expiredPasswordNeedsAClientThatHandlesIt() throws Exception {
    try (TestServer s = server(new CachingSha2Cache(), x -> x)) {
      assertDenied(
          s,
          "old",
          "opw",
          SslMode.REQUIRED,
          1862,
          "Your password has expired. To log in you must change it using a client that supports"
              + " expired passwords.");
      try (ClientConnection c =
          ClientConnection.connect(
              ConnectOptions.of("127.0.0.1", s.port(), "old", "opw")
                  .withExpiredPasswordSupport())) {
        assertThat(((HandshakeResult) s.nextOutcome()).passwordExpired()).isTrue();
      }
    }
  }

  @Test
  void connectWithDatabase() throws Exception {
    try (TestServer s = server(new CachingSha2Cache(), x -> x.withDatabaseExists("shop"::equals))) {
      try (ClientConnection c =
          ClientConnection.connect(
              ConnectOptions.of("127.0.0.1", s.port(), "nat", "npw").withDatabase("shop"))) {
        assertThat(((HandshakeResult) s.nextOutcome()).database()).isEqualTo("shop");
      }
      assertThatThrownBy(
              () ->
                  ClientConnection.connect(
                      ConnectOptions.of("127.0.0.1", s.port(), "nat", "npw").withDatabase("nope")))
          .isInstanceOfSatisfying(
              MysqlException.class,
              e -> {
                assertThat(e.errorNumber()).isEqualTo(1049);
                assertThat(e.getMessage()).isEqualTo("Unknown database 'nope'");
              });
    }
  }

  @Test
  void changeUserReauthenticates() throws Exception {
    try (TestServer s = server(new CachingSha2Cache(), x -> x);
        ClientConnection c = connect(s, "nat", "npw", SslMode.REQUIRED)) {
      s.nextOutcome();
      c.changeUser("sha", "spw", null);
      HandshakeResult r = (HandshakeResult) s.nextOutcome();
      assertThat(r.account().user()).isEqualTo("sha");
      assertThat(c.query("SELECT current_user()").scalar()).isEqualTo("sha@%");
      assertThatThrownBy(() -> c.changeUser("sha", "wrong", null))
          .isInstanceOfSatisfying(
              MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(1045));
    }
  }

  @Test
  void verifyPasswordChecksCleartext() {
    ServerHandshake h =
        new ServerHandshake(
            HandshakeSettings.of(VERSION, accounts, new CachingSha2Cache(), null, null));
    assertThat(h.verifyPassword("sha", "localhost", "spw")).isPresent();
    assertThat(h.verifyPassword("sha", "localhost", "x")).isEmpty();
    assertThat(h.verifyPassword("locked", "localhost", "lpw")).isEmpty();
  }

  @Test
  void handshakesSurviveAStreamSplitAtEveryByte() throws Exception {
    CachingSha2Cache cache = new CachingSha2Cache();
    try (TestServer s = server(cache, x -> x);
        TrickleProxy proxy = new TrickleProxy(s.port())) {
      for (SslMode mode : new SslMode[] {SslMode.REQUIRED, SslMode.DISABLED}) {
        cache.clear();
        try (ClientConnection c =
            ClientConnection.connect(
                ConnectOptions.of("127.0.0.1", proxy.port(), "sha", "spw").withSsl(mode, null))) {
          assertThat(((HandshakeResult) s.nextOutcome()).tls()).isEqualTo(mode == SslMode.REQUIRED);
          assertThat(c.query("SELECT 'trickled'").scalar()).isEqualTo("trickled");
        }
      }
      try (ClientConnection c =
          ClientConnection.connect(ConnectOptions.of("127.0.0.1", proxy.port(), "nat", "npw"))) {
        assertThat(s.nextOutcome()).isInstanceOf(HandshakeResult.class);
      }
    }
  }
}
