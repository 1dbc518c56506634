package io.dolly.protocol.client;

import io.dolly.protocol.auth.AuthPlugin;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.packet.Capability;
import io.dolly.protocol.packet.ChangeUserRequest;
import io.dolly.protocol.packet.Collations;
import io.dolly.protocol.packet.Command;
import io.dolly.protocol.packet.ErrPacket;
import io.dolly.protocol.packet.HandshakeResponse41;
import io.dolly.protocol.packet.HandshakeV10;
import io.dolly.protocol.packet.OkPacket;
import io.dolly.protocol.packet.ServerStatus;
import io.dolly.protocol.packet.SslRequest;
import io.dolly.protocol.tls.TlsContexts;
import io.dolly.protocol.wire.MalformedPacketException;
import io.dolly.protocol.wire.PacketChannel;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * A MySQL client connection: the CLONE recipient's link to a donor, and the test client. After
 * {@link #connect} the connection is authenticated; {@link #query} and {@link #ping} speak the text
 * protocol, and {@link #sendCommand}/{@link #readPacket}/{@link #writePacket} give raw access for
 * sub-protocols such as COM_CLONE. Server errors are thrown as {@link MysqlException} with the
 * server's number, SQLSTATE and message.
 */
public final class ClientConnection implements Closeable {
  private static final long MAX_PACKET = 1L << 30;
  private static final String CLIENT_NAME = "dolly";

  private final PacketChannel channel;
  private final HandshakeV10 greeting;
  private final int capabilities;

  private ClientConnection(PacketChannel channel, HandshakeV10 greeting, int capabilities) {
    this.channel = channel;
    this.greeting = greeting;
    this.capabilities = capabilities;
  }

  public static ClientConnection connect(
      String host,
      int port,
      String user,
      String password,
      String database,
      SslMode sslMode,
      SSLContext sslContext,
      int connectTimeoutMillis,
      int readTimeoutMillis)
      throws IOException {
    return connect(
        new ConnectOptions(
            host,
            port,
            user,
            password,
            database,
            sslMode,
            sslContext,
            connectTimeoutMillis,
            readTimeoutMillis));
  }

  public static ClientConnection connect(ConnectOptions o) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(o.host(), o.port()), o.connectTimeoutMillis());
      PacketChannel channel = new PacketChannel(socket);
      channel.setMaxPayloadSize(MAX_PACKET);
      channel.setReadTimeoutMillis(o.connectTimeoutMillis());
      ClientConnection c = handshake(channel, o);
      channel.setReadTimeoutMillis(o.readTimeoutMillis());
      return c;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static ClientConnection handshake(PacketChannel channel, ConnectOptions o)
      throws IOException {
    byte[] first = channel.readPayload();
    if (ErrPacket.matches(first)) {
      throw ErrPacket.decode(first).toException();
    }
    HandshakeV10 greeting;
    try {
      greeting = HandshakeV10.decode(first);
    } catch (MalformedPacketException e) {
      throw new MysqlException(e, ErrorCode.CR_MALFORMED_PACKET);
    }
    int caps = Capability.CLIENT_DEFAULT & greeting.capabilities();
    if (o.database() != null && !o.database().isEmpty()) {
      caps |= Capability.CLIENT_CONNECT_WITH_DB;
    }
    if (o.canHandleExpiredPasswords()) {
      caps |= Capability.CLIENT_CAN_HANDLE_EXPIRED_PASSWORDS & greeting.capabilities();
    }
    boolean serverTls = Capability.has(greeting.capabilities(), Capability.CLIENT_SSL);
    boolean useTls =
        switch (o.sslMode()) {
          case DISABLED -> false;
          case PREFERRED -> serverTls;
          case REQUIRED, VERIFY_CA -> {
            if (!serverTls) {
              throw new MysqlException(
                  ErrorCode.CR_SSL_CONNECTION_ERROR,
                  "SSL is required but the server doesn't support it");
            }
            yield true;
          }
        };
    int collation = Collations.UTF8MB4_0900_AI_CI;
    if (useTls) {
      caps |= Capability.CLIENT_SSL;
      SSLContext context = o.sslContext();
      if (context == null) {
        if (o.sslMode() == SslMode.VERIFY_CA) {
          throw new MysqlException(
              ErrorCode.CR_SSL_CONNECTION_ERROR, "VERIFY_CA needs a CA certificate");
        }
        context = TlsContexts.clientTrustingAll();
      }
      channel.send(new SslRequest(caps, MAX_PACKET, collation).encode());
      try {
        channel.upgradeToTls(context, true);
      } catch (IOException e) {
        throw new MysqlException(e, ErrorCode.CR_SSL_CONNECTION_ERROR, e.getMessage());
      }
    }
    String plugin =
        AuthPlugin.CACHING_SHA2_PASSWORD.equals(greeting.authPluginName())
            ? AuthPlugin.CACHING_SHA2_PASSWORD
            : AuthPlugin.MYSQL_NATIVE_PASSWORD;
    byte[] nonce = greeting.authPluginData();
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("_client_name", CLIENT_NAME);
    attrs.put("_os", System.getProperty("os.name", ""));
    HandshakeResponse41 response =
        new HandshakeResponse41(
            caps,
            MAX_PACKET,
            collation,
            o.user(),
            ClientAuthentication.initialResponse(plugin, o.password(), nonce),
            o.database(),
            plugin,
            attrs,
            0);
    channel.send(response.encode());
    new ClientAuthentication(channel, o.password(), plugin, nonce).finish();
    return new ClientConnection(channel, greeting, caps);
  }

  public String serverVersion() {
    return greeting.serverVersion();
  }

  public long connectionId() {
    return greeting.connectionId();
  }

  /** The capabilities in effect on this connection. */
  public int capabilities() {
    return capabilities;
  }

  /** The TLS cipher suite, or null on plain TCP. */
  public String tlsCipher() {
    return channel.tlsCipher();
  }

  public String tlsVersion() {
    return channel.tlsVersion();
  }

  public PacketChannel channel() {
    return channel;
  }

  /** Runs a statement with COM_QUERY; further result sets of a multi-statement are discarded. */
  public QueryResult query(String sql) throws IOException {
    return query(sql.getBytes(StandardCharsets.UTF_8));
  }

  /** {@link #query(String)} of statement text given as bytes, which need not be UTF-8. */
  public QueryResult query(byte[] sql) throws IOException {
    sendCommand(Command.COM_QUERY, sql);
    TextResultReader reader = new TextResultReader(channel, capabilities);
    QueryResult first = reader.read();
    QueryResult last = first;
    while ((last.statusFlags() & ServerStatus.MORE_RESULTS_EXISTS) != 0) {
      last = reader.read();
    }
    return first;
  }

  /**
   * Re-authenticates this connection as another account with COM_CHANGE_USER (the session state is
   * reset by the server).
   */
  public void changeUser(String user, String password, String database) throws IOException {
    String plugin =
        AuthPlugin.CACHING_SHA2_PASSWORD.equals(greeting.authPluginName())
            ? AuthPlugin.CACHING_SHA2_PASSWORD
            : AuthPlugin.MYSQL_NATIVE_PASSWORD;
    byte[] nonce = greeting.authPluginData();
    ChangeUserRequest request =
        new ChangeUserRequest(
            user,
            ClientAuthentication.initialResponse(plugin, password, nonce),
            database,
            Collations.UTF8MB4_0900_AI_CI,
            plugin,
            Map.of("_client_name", CLIENT_NAME));
    channel.resetSequence();
    channel.send(request.encode(capabilities));
    new ClientAuthentication(channel, password, plugin, nonce).finish();
  }

  public void ping() throws IOException {
    sendCommand(Command.COM_PING, new byte[0]);
    expectOk();
  }

  /** Starts a command: resets the sequence, sends the command byte and payload, flushes. */
  public void sendCommand(int command, byte[] payload) throws IOException {
    channel.resetSequence();
    byte[] packet = new byte[payload.length + 1];
    packet[0] = (byte) command;
    System.arraycopy(payload, 0, packet, 1, payload.length);
    channel.send(packet);
  }

  /** Reads the next payload as is (ERR packets are returned, not thrown). */
  public byte[] readPacket() throws IOException {
    return channel.readPayload();
  }

  /** Writes and flushes one payload within the current command. */
  public void writePacket(byte[] payload) throws IOException {
    channel.send(payload);
  }

  /** Reads an OK packet; an ERR is thrown. */
  public OkPacket expectOk() throws IOException {
    byte[] p = channel.readPayload();
    if (ErrPacket.matches(p)) {
      throw ErrPacket.decode(p).toException();
    }
    try {
      return OkPacket.decode(p, capabilities);
    } catch (MalformedPacketException e) {
      throw new MysqlException(e, ErrorCode.CR_MALFORMED_PACKET);
    }
  }

  /** Sends COM_QUIT and closes the socket. */
  @Override
  public void close() throws IOException {
    try {
      sendCommand(Command.COM_QUIT, new byte[0]);
    } catch (IOException | RuntimeException ignored) {
      // Closing anyway.
    } finally {
      channel.close();
    }
  }
}
