package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.protocol.client.ClientConnection;
import io.dolly.protocol.client.ConnectOptions;
import io.dolly.protocol.client.SslMode;
import io.dolly.protocol.packet.ErrPacket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS enforcement, large packets and connection limits, against a real server. */
class TransportAcceptanceTest {
  @TempDir Path dir;

  @Test
  void requireSecureTransportRefusesPlainConnections() throws Exception {
    try (ServerProcess server =
        ServerProcess.start(dir.resolve("data"), "--require-secure-transport=ON")) {
      assertThatThrownBy(() -> server.connectorJ("root", "", "sslMode=DISABLED").close())
          .isInstanceOfSatisfying(
              SQLException.class,
              e -> {
                assertThat(e.getErrorCode()).isEqualTo(3159);
                assertThat(e.getMessage())
                    .contains(
                        "Connections using insecure transport are prohibited while"
                            + " --require_secure_transport=ON.");
              });
      try (Connection c = server.root();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'Ssl_cipher'")) {
        rs.next();
        assertThat(rs.getString(2)).isNotEmpty();
      }
    }
  }

  @Test
  void twentyMebibyteStatementRoundTripsOrGets1153() throws Exception {
    try (ServerProcess server =
        ServerProcess.start(dir.resolve("data"), "--max-allowed-packet=64M")) {
      String big = "x".repeat(20 * 1024 * 1024);
      try (Connection c = server.connectorJ("root", "", "sslMode=DISABLED");
          PreparedStatement ps = c.prepareStatement("SELECT LENGTH(?)")) {
        ps.setString(1, big);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(big.length());
        }
      }
      try (Connection c = server.root();
          Statement s = c.createStatement()) {
        s.execute("SET GLOBAL max_allowed_packet = 8388608");
      }
      try (Connection other = server.root();
          Connection c =
              server.connectorJ("root", "", "sslMode=DISABLED&maxAllowedPacket=67108864");
          Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.executeQuery("SELECT LENGTH('" + big + "')"))
            .isInstanceOfSatisfying(
                SQLException.class,
                e ->
                    assertThat(
                            e.getErrorCode() == 1153
                                || e.getMessage().contains("max_allowed_packet"))
                        .as(e.toString())
                        .isTrue());
        try (Statement os = other.createStatement();
            ResultSet rs = os.executeQuery("SELECT 42")) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(42);
        }
      }
    }
  }

  @Test
  void certificatesFromSslOptionsAreServedInsteadOfGeneratedOnes() throws Exception {
    Path a = dir.resolve("a");
    ServerProcess.start(a).stop(); // generates a CA and server certificate in a
    Path b = dir.resolve("b");
    try (ServerProcess server =
        ServerProcess.start(
            b,
            "--ssl-ca=" + a.resolve("ca.pem"),
            "--ssl-cert=" + a.resolve("server-cert.pem"),
            "--ssl-key=" + a.resolve("server-key.pem"))) {
      assertThat(b.resolve("server-cert.pem")).doesNotExist();
      ConnectOptions verifying =
          ConnectOptions.of("127.0.0.1", server.port(), "root", "")
              .withSsl(
                  SslMode.VERIFY_CA,
                  io.dolly.protocol.tls.TlsContexts.clientVerifyingCa(
                      a.resolve("ca.pem"), null, null));
      try (ClientConnection c = ClientConnection.connect(verifying)) {
        assertThat(c.tlsCipher()).isNotEmpty();
        assertThat(c.query("SELECT @@ssl_cert").scalar())
            .isEqualTo(a.resolve("server-cert.pem").toString());
      }
      Path stranger = dir.resolve("stranger");
      ServerProcess.start(stranger).stop();
      ConnectOptions wrongCa =
          ConnectOptions.of("127.0.0.1", server.port(), "root", "")
              .withSsl(
                  SslMode.VERIFY_CA,
                  io.dolly.protocol.tls.TlsContexts.clientVerifyingCa(
                      stranger.resolve("ca.pem"), null, null));
      assertThatThrownBy(() -> ClientConnection.connect(wrongCa).close())
          .isInstanceOf(Exception.class);
    }
  }

  @Test
  void idleConnectionsAndSilentHandshakesAreClosed() throws Exception {
    try (ServerProcess server =
        ServerProcess.start(dir.resolve("data"), "--wait-timeout=1", "--connect-timeout=2")) {
      try (ClientConnection c =
          ClientConnection.connect(
              ConnectOptions.of("127.0.0.1", server.port(), "root", "")
                  .withSsl(SslMode.DISABLED, null)
                  .withTimeouts(5000, 10_000))) {
        // Idle past wait_timeout: the server says why (as the start of a new exchange), then
        // closes.
        c.channel().resetSequence();
        ErrPacket err = ErrPacket.decode(c.readPacket());
        assertThat(err.errorNumber()).isEqualTo(4031);
        assertThat(err.message()).startsWith("The client was disconnected by the server");
      }
      try (java.net.Socket raw = new java.net.Socket("127.0.0.1", server.port())) {
        raw.setSoTimeout(10_000);
        java.io.InputStream in = raw.getInputStream();
        int header = in.readNBytes(4).length;
        assertThat(header).isEqualTo(4);
        long start = System.nanoTime();
        // Say nothing: the server gives up after connect_timeout and closes.
        while (in.read() >= 0) {
          // greeting bytes, then end of stream
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1000L, 9000L);
      }
    }
  }

  @Test
  void twoHundredConcurrentConnectionsAndTheLimit() throws Exception {
    try (ServerProcess server = ServerProcess.start(dir.resolve("data"), "--max-connections=201")) {
      ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
      List<Future<Integer>> done = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int id = i;
        done.add(
            pool.submit(
                () -> {
                  int ok = 0;
                  try (Connection c = server.connectorJ("root", "", "sslMode=DISABLED");
                      Statement s = c.createStatement()) {
                    for (int q = 0; q < 100; q++) {
                      try (ResultSet rs = s.executeQuery("SELECT " + id + " * 1000 + " + q)) {
                        rs.next();
                        if (rs.getInt(1) == id * 1000 + q) {
                          ok++;
                        }
                      }
                    }
                  }
                  return ok;
                }));
      }
      int total = 0;
      for (Future<Integer> f : done) {
        total += f.get();
      }
      pool.close();
      assertThat(total).isEqualTo(200 * 100);
    }

    try (ServerProcess server = ServerProcess.start(dir.resolve("data2"), "--max-connections=3")) {
      List<Connection> open = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          open.add(server.connectorJ("root", "", "sslMode=DISABLED"));
        }
        assertThatThrownBy(() -> server.connectorJ("root", "", "sslMode=DISABLED").close())
            .isInstanceOfSatisfying(
                SQLException.class,
                e -> {
                  assertThat(e.getErrorCode()).isEqualTo(1040);
                  assertThat(e.getMessage()).contains("Too many connections");
                });
        open.remove(0).close();
        ServerProcess.sleep(200);
        open.add(server.connectorJ("root", "", "sslMode=DISABLED"));
      } finally {
        for (Connection c : open) {
          c.close();
        }
      }
    }
  }
}
