package io.dolly.server;

import io.dolly.clone.donor.DonorService;
import io.dolly.clone.donor.DonorSession;
import io.dolly.protocol.ColumnType;
import io.dolly.protocol.binary.BinaryResultWriter;
import io.dolly.protocol.binary.StmtExecute;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.packet.Capability;
import io.dolly.protocol.packet.ColumnDefinition41;
import io.dolly.protocol.packet.Command;
import io.dolly.protocol.packet.EofPacket;
import io.dolly.protocol.packet.ErrPacket;
import io.dolly.protocol.packet.ServerStatus;
import io.dolly.protocol.packet.StmtPrepareOk;
import io.dolly.protocol.result.ResponseWriter;
import io.dolly.protocol.result.TextResultWriter;
import io.dolly.protocol.server.HandshakeResult;
import io.dolly.protocol.wire.MalformedPacketException;
import io.dolly.protocol.wire.PacketChannel;
import io.dolly.server.clone.CloneAccess;
import io.dolly.sql.charset.RawUtf8;
import io.dolly.sql.exec.ColumnMeta;
import io.dolly.sql.exec.ProcessInfo;
import io.dolly.sql.exec.ResultSet;
import io.dolly.sql.exec.Row;
import io.dolly.sql.exec.SessionInfo;
import io.dolly.sql.exec.SqlSession;
import io.dolly.sql.exec.StatementResult;
import io.dolly.sql.exec.UpdateResult;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, served by its own virtual thread: the connection phase, then commands
 * until the client quits, times out, is killed or the server shuts down.
 */
final class Session implements Runnable {
  private static final Logger log = LoggerFactory.getLogger("Server");

  /** How long a killed donor clone session has to send its ERROR before its socket closes. */
  private static final long CLONE_KILL_GRACE_MILLIS = 500;

  /** How long closing a TLS connection may spend on its close_notify before the socket goes. */
  private static final long TLS_CLOSE_MILLIS = 200;

  private final long id;
  private final Socket socket;
  private volatile PacketChannel channel;
  private final ServerRuntime runtime;
  private volatile HandshakeResult client;
  private volatile SqlSession sql;
  private volatile String command = "Connect";
  private volatile long commandStartMillis = System.currentTimeMillis();
  private volatile boolean closing;
  private volatile boolean cloning;
  private final PreparedStatements prepared = new PreparedStatements();

  Session(long id, Socket socket, ServerRuntime runtime) {
    this.id = id;
    this.socket = socket;
    this.runtime = runtime;
  }

  long id() {
    return id;
  }

  @Override
  public void run() {
    try (socket) {
      socket.setTcpNoDelay(true);
      PacketChannel channel = new PacketChannel(socket);
      this.channel = channel;
      if (!runtime.sessions().admit(this)) {
        refuse(channel, new MysqlException(ErrorCode.ER_CON_COUNT_ERROR));
        return;
      }
      try {
        serve(channel);
      } finally {
        runtime.sessions().remove(this);
        SqlSession s = sql;
        if (s != null) {
          s.close();
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!closing && !(e instanceof EOFException) && !(e instanceof SocketException)) {
        log.warn("connection {} ended: {}", id, e.toString());
      }
    }
  }

  private void serve(PacketChannel channel) throws IOException {
    channel.setReadTimeoutMillis(millis(runtime.connectTimeoutSeconds()));
    HandshakeResult hs;
    try {
      hs = runtime.handshake().perform(channel, id);
    } catch (MysqlException
        | SocketTimeoutException
        | MalformedPacketException
        | EOFException refused) {
      // The client was told (ERR) where there was anyone to tell; nothing more to do.
      runtime.status().abortedConnect();
      return;
    }
    client = hs;
    if (hs.tls()) {
      runtime.status().tlsAccepts.incrementAndGet();
    }
    sql = runtime.engine().openSession(sessionInfo(hs));
    if (Capability.has(hs.clientCapabilities(), Capability.CLIENT_INTERACTIVE)) {
      // Interactive clients (the mysql/mariadb CLI) idle under interactive_timeout, as in MySQL.
      sql.variables().setInternal("wait_timeout", sql.variables().getGlobal("interactive_timeout"));
    }
    command = "Sleep";
    ResponseWriter responses = new ResponseWriter(channel, hs.clientCapabilities());
    while (!closing) {
      channel.setReadTimeoutMillis(millis(Math.max(1, sql.waitTimeoutSeconds())));
      channel.setMaxPayloadSize(sql.maxAllowedPacket());
      channel.resetSequence();
      byte[] packet;
      try {
        packet = channel.readPayload();
      } catch (SocketTimeoutException e) {
        // As MySQL 8.0.24+: say why before closing, so the client's next call reports it.
        channel.resetSequence();
        responses.writeError(new MysqlException(ErrorCode.ER_CLIENT_INTERACTION_TIMEOUT));
        channel.flush();
        return;
      } catch (MysqlException e) {
        // Oversized or out-of-order packets: MySQL answers and closes the connection.
        responses.writeError(e);
        channel.flush();
        return;
      }
      if (packet.length == 0) {
        responses.writeError(new MysqlException(ErrorCode.ER_UNKNOWN_COM_ERROR));
        channel.flush();
        continue;
      }
      commandStartMillis = System.currentTimeMillis();
      runtime.status().bytesReceived(packet.length + 4L);
      try {
        if (!dispatch(channel, responses, packet)) {
          return;
        }
      } catch (MysqlException e) {
        responses.writeError(e);
      } finally {
        command = "Sleep";
      }
      channel.flush();
      runtime.shutdownIfRequested();
    }
  }

  /** Executes one command; false when the connection should close. */
  private boolean dispatch(PacketChannel channel, ResponseWriter responses, byte[] packet)
      throws IOException {
    int cmd = packet[0] & 0xff;
    switch (cmd) {
      case Command.COM_QUIT -> {
        return false;
      }
      case Command.COM_PING -> ok(responses);
      case Command.COM_QUERY -> {
        command = "Query";
        // Raw bytes in string literals (binary values in a dump) must survive decoding.
        String text = RawUtf8.decode(packet, 1, packet.length - 1);
        runQuery(channel, responses, text);
      }
      case Command.COM_INIT_DB -> {
        sql.useDatabase(new String(packet, 1, packet.length - 1, StandardCharsets.UTF_8));
        ok(responses);
      }
      case Command.COM_STATISTICS ->
          channel.writePayload(sql.statistics().getBytes(StandardCharsets.UTF_8));
      case Command.COM_RESET_CONNECTION -> {
        prepared.clear();
        sql.resetConnection();
        ok(responses);
      }
      case Command.COM_PROCESS_KILL -> {
        if (packet.length < 5) {
          throw new MysqlException(ErrorCode.ER_UNKNOWN_COM_ERROR);
        }
        long target =
            (packet[1] & 0xffL)
                | (packet[2] & 0xffL) << 8
                | (packet[3] & 0xffL) << 16
                | (packet[4] & 0xffL) << 24;
        // The statement form carries the privilege and ownership rules.
        runQuery(channel, responses, "KILL CONNECTION " + target);
      }
      case Command.COM_SET_OPTION -> {
        // MYSQL_OPTION_MULTI_STATEMENTS_ON/OFF: multi-statements follow the capability flag.
        channel.writePayload(new EofPacket(0, sql.statusFlags()).encode());
      }
      case Command.COM_CHANGE_USER -> {
        HandshakeResult changed = runtime.handshake().changeUser(channel, packet, client);
        client = changed;
        prepared.clear();
        sql.changeUser(sessionInfo(changed));
      }
      case Command.COM_STMT_PREPARE -> {
        command = "Prepare";
        prepare(channel, RawUtf8.decode(packet, 1, packet.length - 1));
      }
      case Command.COM_STMT_EXECUTE -> {
        command = "Execute";
        executePrepared(channel, responses, packet);
      }
      case Command.COM_STMT_SEND_LONG_DATA -> appendLongData(packet);
      case Command.COM_STMT_CLOSE -> {
        // No reply, as in MySQL, even for an unknown id.
        if (packet.length >= 5) {
          prepared.remove(StmtExecute.statementId(packet));
        }
      }
      case Command.COM_STMT_RESET -> {
        PreparedStatements.Prepared p =
            prepared.require(StmtExecute.statementId(packet), "mysqld_stmt_reset");
        p.takeLongData();
        ok(responses);
      }
      case Command.COM_CLONE -> {
        return serveClone(channel, responses);
      }
      case Command.COM_STMT_FETCH ->
          // Results are always sent whole, so no statement ever has an open cursor.
          throw new MysqlException(
              ErrorCode.ER_STMT_HAS_NO_OPEN_CURSOR, StmtExecute.statementId(packet));
      default -> throw new MysqlException(ErrorCode.ER_UNKNOWN_COM_ERROR);
    }
    return !closing;
  }

  /**
   * COM_CLONE: a recipient asks this server to donate. BACKUP_ADMIN first (1227); after the OK the
   * connection speaks the clone sub-protocol until EXIT, or until an error ends it and the
   * connection closes.
   */
  private boolean serveClone(PacketChannel channel, ResponseWriter responses) throws IOException {
    CloneAccess.requireBackupAdmin(sql);
    DonorService donor = runtime.donor();
    if (donor == null) {
      throw new MysqlException(ErrorCode.ER_UNKNOWN_COM_ERROR);
    }
    ok(responses);
    channel.flush();
    command = "Clone";
    cloning = true;
    try {
      boolean usable = new DonorSession(channel, donor, sql::isKilled, id).serve();
      if (sql.isKilled()) {
        sql.killReported();
      }
      return usable && !closing;
    } finally {
      cloning = false;
    }
  }

  private void prepare(PacketChannel channel, String text) throws IOException {
    PreparedStatements.Prepared p = prepared.add(sql.prepare(text));
    int params = p.query.parameterCount();
    List<ColumnMeta> columns = sql.describe(p.query);
    channel.writePayload(
        new StmtPrepareOk(p.id, columns.size(), params, sql.warningCount()).encode());
    if (params > 0) {
      // MySQL describes each marker as an untyped column named '?'; clients bind their own types.
      ColumnDefinition41 marker =
          new ColumnDefinition41("", "", "", "?", "", 63, 0, ColumnType.VAR_STRING, 0x80, 0);
      for (int i = 0; i < params; i++) {
        channel.writePayload(marker.encode());
      }
      if (!Capability.has(client.clientCapabilities(), Capability.CLIENT_DEPRECATE_EOF)) {
        channel.writePayload(new EofPacket(0, sql.statusFlags()).encode());
      }
    }
    if (!columns.isEmpty()) {
      for (ColumnDefinition41 c : definitions(new ResultSet(columns, List.of()))) {
        channel.writePayload(c.encode());
      }
      if (!Capability.has(client.clientCapabilities(), Capability.CLIENT_DEPRECATE_EOF)) {
        channel.writePayload(new EofPacket(0, sql.statusFlags()).encode());
      }
    }
  }

  private void executePrepared(PacketChannel channel, ResponseWriter responses, byte[] packet)
      throws IOException {
    PreparedStatements.Prepared p =
        prepared.require(StmtExecute.statementId(packet), "mysqld_stmt_execute");
    StmtExecute exec;
    try {
      exec =
          StmtExecute.decode(
              packet, p.query.parameterCount(), p.types, p.unsigned, p.takeLongData());
    } catch (MalformedPacketException e) {
      throw new MysqlException(ErrorCode.ER_WRONG_ARGUMENTS, "mysqld_stmt_execute");
    }
    p.types = exec.types();
    p.unsigned = exec.unsignedFlags();
    StatementResult result = sql.execute(p.query, PreparedStatements.values(exec));
    int status = sql.statusFlags();
    switch (result) {
      case UpdateResult u ->
          responses.writeOk(
              u.affectedRows(), u.lastInsertId(), status, sql.warningCount(), u.info());
      case ResultSet rs -> {
        BinaryResultWriter out = new BinaryResultWriter(channel, client.clientCapabilities());
        out.begin(definitions(rs), status);
        for (Row row : rs.rows()) {
          out.row(cells(row, rs.columns().size()));
        }
        out.end(status, sql.warningCount());
      }
    }
  }

  /** COM_STMT_SEND_LONG_DATA: no reply; a bad id is remembered by nobody, as in MySQL. */
  private void appendLongData(byte[] packet) {
    if (packet.length < 7) {
      return;
    }
    PreparedStatements.Prepared p = prepared.find(StmtExecute.statementId(packet));
    int param = (packet[5] & 0xff) | (packet[6] & 0xff) << 8;
    if (p == null || param >= p.longData.length) {
      return;
    }
    if (p.longData[param] == null) {
      p.longData[param] = new java.io.ByteArrayOutputStream();
    }
    p.longData[param].write(packet, 7, packet.length - 7);
  }

  /** Seconds as a socket timeout; MySQL's longest timeouts (a year) exceed an int of millis. */
  private static int millis(long seconds) {
    return (int) Math.min(Integer.MAX_VALUE, seconds * 1000L);
  }

  private void ok(ResponseWriter responses) throws IOException {
    responses.writeOk(0, 0, sql.statusFlags(), sql.warningCount());
  }

  private void runQuery(PacketChannel channel, ResponseWriter responses, String text)
      throws IOException {
    TextResultWriter results = new TextResultWriter(channel, client.clientCapabilities());
    sql.execute(
        text,
        (StatementResult result, boolean more) -> {
          int status = sql.statusFlags() | (more ? ServerStatus.MORE_RESULTS_EXISTS : 0);
          switch (result) {
            case UpdateResult u ->
                responses.writeOk(
                    u.affectedRows(), u.lastInsertId(), status, sql.warningCount(), u.info());
            case ResultSet rs -> writeResultSet(results, rs, status);
          }
          if (more) {
            // Let the client start on earlier results while later statements run.
            channel.flush();
          }
        });
  }

  private void writeResultSet(TextResultWriter out, ResultSet rs, int status) throws IOException {
    out.begin(definitions(rs), status);
    int n = rs.columns().size();
    for (Row row : rs.rows()) {
      out.row(cells(row, n));
    }
    out.end(status, sql.warningCount());
  }

  private static List<ColumnDefinition41> definitions(ResultSet rs) {
    List<ColumnDefinition41> columns = new ArrayList<>(rs.columns().size());
    for (ColumnMeta c : rs.columns()) {
      columns.add(
          new ColumnDefinition41(
              c.schema(),
              c.table(),
              c.orgTable(),
              c.name(),
              c.orgName(),
              c.collationId(),
              c.length(),
              c.type(),
              c.flags(),
              c.decimals()));
    }
    return columns;
  }

  private static byte[][] cells(Row row, int n) {
    byte[][] cells = new byte[n][];
    for (int i = 0; i < n; i++) {
      cells[i] = row.text(i);
    }
    return cells;
  }

  private SessionInfo sessionInfo(HandshakeResult hs) {
    return new SessionInfo(
        id,
        hs.user(),
        hs.clientHost(),
        hs.account(),
        hs.tls() ? hs.tlsVersion() : null,
        hs.tls() ? hs.tlsCipher() : null,
        hs.database(),
        hs.collationId(),
        hs.passwordExpired(),
        Capability.has(hs.clientCapabilities(), Capability.CLIENT_MULTI_STATEMENTS));
  }

  private static void refuse(PacketChannel channel, MysqlException e) throws IOException {
    channel.resetSequence();
    channel.writePayload(ErrPacket.of(e).encode());
    channel.flush();
  }

  /**
   * Ends the connection from another thread (KILL CONNECTION, shutdown). A donor clone session is
   * first told to stop, so that the recipient reads why (1317) before the connection goes.
   */
  void close() {
    closing = true;
    if (cloning) {
      killQuery();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  Thread.sleep(CLONE_KILL_GRACE_MILLIS);
                } catch (InterruptedException ignored) {
                  // Close now.
                }
                closeSocket();
              });
      return;
    }
    closeSocket();
  }

  /**
   * A TLS connection first sends close_notify, as MySQL's SSL_shutdown does: the client then
   * reports a lost connection (2013) rather than a TLS error. The close_notify gets a bounded time,
   * since a write blocked on a client that does not read would hold it; the socket closes after it
   * anyway.
   */
  private void closeSocket() {
    PacketChannel c = channel;
    if (c != null && c.socket() instanceof SSLSocket tls) {
      Thread notify =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      tls.close();
                    } catch (IOException ignored) {
                      // The raw socket closes below.
                    }
                  });
      try {
        notify.join(Duration.ofMillis(TLS_CLOSE_MILLIS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }

  /** Interrupts the running statement (KILL QUERY); the connection stays. */
  void killQuery() {
    SqlSession s = sql;
    if (s != null) {
      s.kill();
    }
  }

  /** This connection's line of SHOW PROCESSLIST. */
  ProcessInfo processInfo() {
    HandshakeResult c = client;
    SqlSession s = sql;
    String host =
        c == null
            ? socket.getInetAddress().getHostAddress()
            : c.clientHost() + ":" + socket.getPort();
    long now = System.currentTimeMillis();
    return new ProcessInfo(
        id,
        c == null ? "unauthenticated user" : c.user(),
        host,
        s == null ? null : s.currentDatabase(),
        command,
        (now - commandStartMillis) / 1000,
        command.equals("Query") ? "executing" : "",
        s == null || !command.equals("Query") ? null : s.currentStatementText(),
        c != null && c.tls() ? c.tlsVersion() : null,
        c != null && c.tls() ? c.tlsCipher() : null);
  }
}
