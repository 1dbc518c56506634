package io.dolly.protocol.server;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.packet.ColumnDefinition41;
import io.dolly.protocol.packet.Command;
import io.dolly.protocol.packet.ServerStatus;
import io.dolly.protocol.result.ResponseWriter;
import io.dolly.protocol.result.TextResultWriter;
import io.dolly.protocol.wire.PacketChannel;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny server for tests: runs {@link ServerHandshake} on each connection, then answers COM_QUERY
 * (SELECT lists of literals and system variables as one row, anything else with OK), COM_PING,
 * COM_INIT_DB, COM_CHANGE_USER and COM_QUIT. Records each handshake's outcome.
 */
final class TestServer implements Closeable {
  private static final Map<String, String> VARIABLES =
      Map.ofEntries(
          Map.entry("auto_increment_increment", "1"),
          Map.entry("character_set_client", "utf8mb4"),
          Map.entry("character_set_connection", "utf8mb4"),
          Map.entry("character_set_results", "utf8mb4"),
          Map.entry("character_set_server", "utf8mb4"),
          Map.entry("collation_server", "utf8mb4_0900_ai_ci"),
          Map.entry("collation_connection", "utf8mb4_0900_ai_ci"),
          Map.entry("init_connect", ""),
          Map.entry("interactive_timeout", "28800"),
          Map.entry("license", "GPL"),
          Map.entry("lower_case_table_names", "0"),
          Map.entry("max_allowed_packet", "67108864"),
          Map.entry("net_write_timeout", "60"),
          Map.entry("performance_schema", "0"),
          Map.entry("sql_mode", "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES"),
          Map.entry("system_time_zone", "UTC"),
          Map.entry("time_zone", "SYSTEM"),
          Map.entry("transaction_isolation", "REPEATABLE-READ"),
          Map.entry("tx_isolation", "REPEATABLE-READ"),
          Map.entry("transaction_read_only", "0"),
          Map.entry("wait_timeout", "28800"),
          Map.entry("version_comment", "Dolly"),
          Map.entry("version", "8.0.40-dolly-0.1.0"));
  private static final Pattern ITEM =
      Pattern.compile("^(.*?)(?:\\s+AS\\s+`?([\\w$]+)`?)?$", Pattern.CASE_INSENSITIVE);

  private final ServerSocket listener;
  private final ServerHandshake handshake;
  private final AtomicLong connectionIds = new AtomicLong(1);
  final BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
  final BlockingQueue<String> queries = new LinkedBlockingQueue<>();

  TestServer(HandshakeSettings settings) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.handshake = new ServerHandshake(settings);
    Thread.ofVirtual().start(this::acceptLoop);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The next handshake outcome: a {@link HandshakeResult} or the exception it failed with. */
  Object nextOutcome() throws InterruptedException {
    Object o = outcomes.poll(20, TimeUnit.SECONDS);
    if (o == null) {
      throw new AssertionError("no handshake finished");
    }
    return o;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket s = listener.accept();
        Thread.ofVirtual().start(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      PacketChannel channel = new PacketChannel(socket);
      channel.setReadTimeoutMillis(10_000);
      HandshakeResult session;
      try {
        session = handshake.perform(channel, connectionIds.getAndIncrement());
        outcomes.add(session);
      } catch (MysqlException | IOException e) {
        outcomes.add(e);
        return;
      }
      commandLoop(channel, session);
    } catch (IOException | RuntimeException e) {
      // connection ends
    }
  }

  private void commandLoop(PacketChannel channel, HandshakeResult session) throws IOException {
    while (true) {
      channel.resetSequence();
      byte[] p = channel.readPayload();
      ResponseWriter responses = new ResponseWriter(channel, session.clientCapabilities());
      int command = p[0] & 0xff;
      switch (command) {
        case Command.COM_QUIT -> {
          return;
        }
        case Command.COM_PING, Command.COM_INIT_DB, Command.COM_RESET_CONNECTION ->
            responses.writeOk(0, 0, ServerStatus.AUTOCOMMIT, 0);
        case Command.COM_CHANGE_USER -> {
          try {
            session = handshake.changeUser(channel, p, session);
            outcomes.add(session);
          } catch (MysqlException e) {
            outcomes.add(e);
            return;
          }
        }
        case Command.COM_QUERY -> {
          String sql = new String(p, 1, p.length - 1, StandardCharsets.UTF_8).trim();
          queries.add(sql);
          answer(sql, channel, session, responses);
        }
        default -> responses.writeError(new MysqlException(ErrorCode.ER_UNKNOWN_COM_ERROR));
      }
      channel.flush();
    }
  }

  private static void answer(
      String sql, PacketChannel channel, HandshakeResult session, ResponseWriter responses)
      throws IOException {
    if (!sql.regionMatches(true, 0, "SELECT", 0, 6)) {
      responses.writeOk(0, 0, ServerStatus.AUTOCOMMIT, 0);
      return;
    }
    String list = sql.substring(6).trim();
    int from = list.toUpperCase(Locale.ROOT).indexOf(" FROM ");
    if (from >= 0) {
      list = list.substring(0, from);
    }
    List<ColumnDefinition41> columns = new ArrayList<>();
    List<byte[]> cells = new ArrayList<>();
    for (String item : list.split(",")) {
      Matcher m = ITEM.matcher(item.trim());
      m.matches();
      String expr = m.group(1).trim();
      String name = m.group(2) != null ? m.group(2) : expr;
      columns.add(ColumnDefinition41.text(name));
      cells.add(value(expr, session).getBytes(StandardCharsets.UTF_8));
    }
    new TextResultWriter(channel, session.clientCapabilities())
        .write(
            columns, List.<byte[][]>of(cells.toArray(new byte[0][])), ServerStatus.AUTOCOMMIT, 0);
  }

  private static String value(String expr, HandshakeResult session) {
    if (expr.startsWith("@@")) {
      String name = expr.substring(2).toLowerCase(Locale.ROOT);
      name = name.replaceFirst("^(session|global|local)\\.", "");
      return VARIABLES.getOrDefault(name, "");
    }
    if (expr.equalsIgnoreCase("current_user()")) {
      return session.user() + "@" + session.account().host();
    }
    if (expr.length() >= 2 && (expr.startsWith("'") || expr.startsWith("\""))) {
      return expr.substring(1, expr.length() - 1);
    }
    return expr;
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
