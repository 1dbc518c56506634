package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.protocol.client.ClientConnection;
import io.dolly.protocol.client.ConnectOptions;
import io.dolly.protocol.client.SslMode;
import io.dolly.protocol.packet.ErrPacket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed input never kills the server: a bounded, seeded fuzz loop sends truncated, oversized
 * and random packets in the handshake and the command phase; a normal client keeps working.
 * Replay a failure with {@code -Dfuzz.seed=<seed>}.
 */
class MalformedInputAcceptanceTest {
  private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 200);

  @TempDir Path dir;

  @Test
  void randomAndTruncatedPacketsInEveryPhase() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("MalformedInputAcceptanceTest seed=" + seed);
    SplittableRandom random = new SplittableRandom(seed);
    try (ServerProcess server = ServerProcess.start(dir.resolve("data"))) {
      for (int round = 0; round < ROUNDS; round++) {
        try {
          if (random.nextBoolean()) {
            handshakePhase(server.port(), random);
          } else {
            commandPhase(server.port(), random);
          }
        } catch (IOException expected) {
          // The server may close on us; that is a correct answer to garbage.
        }
        if (round % 50 == 49) {
          assertWorks(server, "seed=" + seed + " round=" + round);
        }
      }
      assertWorks(server, "seed=" + seed + " at the end");
      assertThat(server.process().isAlive()).isTrue();
    }
  }

  @Test
  void anAnnouncedPacketOverMaxAllowedPacketGets1153AndOthersContinue() throws Exception {
    try (ServerProcess server =
        ServerProcess.start(dir.resolve("data"), "--max-allowed-packet=1M")) {
      try (ClientConnection c = login(server.port())) {
        OutputStream out = c.channel().socket().getOutputStream();
        // Header announcing 2 MiB (sequence 0), then a little of the body.
        out.write(new byte[] {0x00, 0x00, 0x20, 0x00, 0x03, 'S', 'E', 'L'});
        out.flush();
        byte[] reply = readPacket(c.channel().socket().getInputStream());
        ErrPacket err = ErrPacket.decode(reply);
        assertThat(err.errorNumber()).isEqualTo(1153);
        assertThat(err.message()).isEqualTo("Got a packet bigger than 'max_allowed_packet' bytes");
      }
      assertWorks(server, "after 1153");
    }
  }

  private static ClientConnection login(int port) throws IOException {
    return ClientConnection.connect(
        ConnectOptions.of("127.0.0.1", port, "root", "")
            .withSsl(SslMode.DISABLED, null)
            .withTimeouts(5000, 5000));
  }

  private static void handshakePhase(int port, SplittableRandom random) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(150);
      readPacket(s.getInputStream());
      OutputStream out = s.getOutputStream();
      switch (random.nextInt(5)) {
        case 0 -> out.write(randomBytes(random, random.nextInt(1, 200)));
        case 1 -> out.write(new byte[] {(byte) random.nextInt(256), 0}); // truncated header
        case 2 -> out.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 1, 2, 3});
        case 3 -> {
          // A plausible response: capabilities of a 4.1 client, then garbage of random length.
          byte[] body = randomBytes(random, random.nextInt(4, 120));
          body[0] = (byte) 0x0d;
          body[1] = (byte) 0xa6;
          body[2] = (byte) 0x0f;
          body[3] = 0;
          out.write(frame(body, 1));
        }
        default -> {
          // SSLRequest, then plain garbage instead of a TLS ClientHello.
          byte[] ssl = new byte[32];
          ssl[0] = (byte) 0x05;
          ssl[1] = (byte) 0xae;
          ssl[2] = (byte) 0x0f;
          ssl[8] = (byte) 255;
          out.write(frame(ssl, 1));
          out.write(randomBytes(random, random.nextInt(1, 64)));
        }
      }
      out.flush();
      drain(s.getInputStream());
    }
  }

  private static void commandPhase(int port, SplittableRandom random) throws IOException {
    try (ClientConnection c = login(port)) {
      Socket s = c.channel().socket();
      s.setSoTimeout(100);
      OutputStream out = s.getOutputStream();
      int n = random.nextInt(1, 6);
      for (int i = 0; i < n; i++) {
        byte[] body;
        switch (random.nextInt(4)) {
          case 0 -> {
            body = randomBytes(random, random.nextInt(1, 64));
            body[0] = (byte) random.nextInt(0x22); // a real command byte with garbage arguments
            if (body[0] == 0x01) {
              body[0] = 0x03; // COM_QUIT would just end the round
            }
          }
          case 1 -> body = randomBytes(random, random.nextInt(0, 300));
          case 2 -> {
            out.write(new byte[] {5, 0, 0, (byte) random.nextInt(1, 256), 3, 'S', 'E'});
            out.flush();
            drain(s.getInputStream());
            return; // wrong sequence id and a truncated body: the server drops us
          }
          default -> {
            String sql = "SELECT " + "(".repeat(random.nextInt(1, 50)) + randomAscii(random);
            body = ("\u0003" + sql).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          }
        }
        out.write(frame(body, 0));
        out.flush();
        drain(s.getInputStream());
      }
    }
  }

  private static void assertWorks(ServerProcess server, String context) throws Exception {
    try (Connection c = server.connectorJ("root", "", "sslMode=DISABLED&connectTimeout=5000");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT 6 * 7")) {
      assertThat(rs.next()).as(context).isTrue();
      assertThat(rs.getInt(1)).as(context).isEqualTo(42);
    }
  }

  private static byte[] frame(byte[] body, int sequence) {
    byte[] p = new byte[body.length + 4];
    p[0] = (byte) body.length;
    p[1] = (byte) (body.length >> 8);
    p[2] = (byte) (body.length >> 16);
    p[3] = (byte) sequence;
    System.arraycopy(body, 0, p, 4, body.length);
    return p;
  }

  private static byte[] randomBytes(SplittableRandom random, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return b;
  }

  private static String randomAscii(SplittableRandom random) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(0, 40);
    for (int i = 0; i < n; i++) {
      sb.append((char) random.nextInt(32, 127));
    }
    return sb.toString();
  }

  private static byte[] readPacket(InputStream in) throws IOException {
    byte[] header = in.readNBytes(4);
    if (header.length < 4) {
      throw new IOException("closed");
    }
    int len = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
    return in.readNBytes(len);
  }

  private static void drain(InputStream in) {
    byte[] buf = new byte[8192];
    try {
      while (in.read(buf) >= 0) {
        // Whatever the server answers is fine; we only need it not to die.
      }
    } catch (IOException timeoutOrClosed) {
      // Expected: the server either waits for more or closed the connection.
    }
  }
}
