package io.dolly.server.clone;

import io.dolly.clone.CloneSlot;
import io.dolly.clone.DonorList;
import io.dolly.clone.recipient.DataDirectoryCheck;
import io.dolly.clone.recipient.MysqlDonorConnector;
import io.dolly.clone.recipient.RecipientConfig;
import io.dolly.clone.recipient.RemoteClone;
import io.dolly.clone.recipient.RemoteCloneSettings;
import io.dolly.clone.status.CloneStatusBoard;
import io.dolly.clone.transfer.BandwidthThrottle;
import io.dolly.clone.transfer.ChunkCodec;
import io.dolly.protocol.client.ConnectOptions;
import io.dolly.protocol.client.SslMode;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.tls.TlsContexts;
import io.dolly.sql.ast.Admin;
import io.dolly.sql.ast.Statement;
import io.dolly.sql.exec.SqlSession;
import io.dolly.sql.exec.StatementHandler;
import io.dolly.sql.exec.StatementResult;
import io.dolly.sql.exec.UpdateResult;
import io.dolly.sql.sysvar.SystemVariables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * {@code CLONE INSTANCE FROM 'user'@'host':port IDENTIFIED BY '...' DATA DIRECTORY = '<dir>'
 * [REQUIRE [NO] SSL]}, in CLONE.md's order: BACKUP_ADMIN (1227), clone_valid_donor_list (3869,
 * before any connection), the DATA DIRECTORY rules of §5, one clone at a time (3634), then the
 * connection and the donor's configuration checks — none of which touch the status tables — and
 * then the clone itself, reported on the status board. Without DATA DIRECTORY the statement is the
 * in-place clone, which another handler implements.
 */
public final class CloneInstanceStatement implements StatementHandler, AutoCloseable {
  /** TCP connect and handshake limit for each connection to the donor. */
  static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private final CloneStatusBoard board;
  private final SystemVariables variables;
  private final CloneSlot slot;
  private final Path datadir;
  private final StatementHandler inPlace;
  private final Supplier<RecipientConfig> localConfig;
  private volatile BandwidthThrottle dataThrottle;
  private volatile BandwidthThrottle networkThrottle;
  private final RunningClone running;

  /**
   * @param inPlace runs CLONE INSTANCE without DATA DIRECTORY
   * @param localConfig this server's settings the donor's must agree with
   */
  public CloneInstanceStatement(
      Path datadir,
      CloneStatusBoard board,
      SystemVariables variables,
      CloneSlot slot,
      StatementHandler inPlace,
      Supplier<RecipientConfig> localConfig) {
    this.datadir = datadir;
    this.board = board;
    this.variables = variables;
    this.slot = slot;
    this.running = new RunningClone(slot);
    this.inPlace = inPlace;
    this.localConfig = localConfig;
    // New limits apply to the running clone at its next chunk.
    variables.addGlobalListener("clone_max_data_bandwidth", value -> update(dataThrottle, value));
    variables.addGlobalListener(
        "clone_max_network_bandwidth", value -> update(networkThrottle, value));
  }

  /** The in-place clone until it is built: privilege first, then a plain refusal. */
  public static StatementResult inPlaceNotBuilt(Statement statement, SqlSession session) {
    CloneAccess.requireCloneAdmin(session);
    throw new MysqlException(
        ErrorCode.ER_NOT_SUPPORTED_YET, "CLONE INSTANCE without DATA DIRECTORY");
  }

  @Override
  public StatementResult execute(Statement statement, SqlSession session) {
    Admin.CloneInstance clone = (Admin.CloneInstance) statement;
    if (clone.directory() == null) {
      return inPlace.execute(statement, session);
    }
    CloneAccess.requireBackupAdmin(session);
    DonorList.requireAllowed(
        text(variables.global("clone_valid_donor_list")), clone.host(), clone.port());
    Path target = DataDirectoryCheck.prepare(clone.directory(), datadir);
    slot.acquire();
    try {
      BandwidthThrottle data = BandwidthThrottle.ofMibPerSecond(number("clone_max_data_bandwidth"));
      BandwidthThrottle network =
          BandwidthThrottle.ofMibPerSecond(number("clone_max_network_bandwidth"));
      dataThrottle = data;
      networkThrottle = network;
      RemoteClone remote =
          new RemoteClone(
              new MysqlDonorConnector(connectOptions(clone)),
              clone.host() + ":" + clone.port(),
              target,
              settings(data, network),
              localConfig.get());
      remote.prepare();
      board.begin(session.info().connectionId(), remote.source(), target.toString());
      remote.run(board, running.start(session));
      return UpdateResult.OK;
    } catch (MysqlException e) {
      if (e.is(ErrorCode.ER_QUERY_INTERRUPTED)) {
        session.killReported();
      }
      throw e;
    } finally {
      running.end();
      dataThrottle = null;
      networkThrottle = null;
      slot.release();
    }
  }

  /** Server shutdown: a running clone stops (1053) and removes its directory. */
  @Override
  public void close() {
    running.shutdown();
  }

  private RemoteCloneSettings settings(BandwidthThrottle data, BandwidthThrottle network) {
    return new RemoteCloneSettings(
        (int) number("clone_max_concurrency"),
        flag("clone_autotune_concurrency"),
        flag("clone_enable_compression") ? ChunkCodec.ZSTD : ChunkCodec.NONE,
        (int) number("clone_ddl_timeout"),
        flag("clone_block_ddl"),
        data,
        network);
  }

  /**
   * TLS per REQUIRE: none given = preferred, {@code REQUIRE SSL} = required, {@code REQUIRE NO SSL}
   * = plain. With clone_ssl_ca the donor's certificate must be signed by it; clone_ssl_cert and
   * clone_ssl_key are the recipient's client certificate.
   */
  private ConnectOptions connectOptions(Admin.CloneInstance clone) {
    String ca = path(variables.global("clone_ssl_ca"));
    String cert = path(variables.global("clone_ssl_cert"));
    String key = path(variables.global("clone_ssl_key"));
    SSLContext context = null;
    if (!ca.isEmpty() && !Boolean.FALSE.equals(clone.requireSsl())) {
      try {
        context =
            TlsContexts.clientVerifyingCa(
                Path.of(ca),
                cert.isEmpty() ? null : Path.of(cert),
                cert.isEmpty() || key.isEmpty() ? null : Path.of(key));
      } catch (IOException | RuntimeException e) {
        throw new MysqlException(
            e,
            ErrorCode.ER_CLONE_DONOR,
            "Connect failed: 2026 : SSL connection error: " + e.getMessage());
      }
    }
    SslMode mode;
    if (Boolean.FALSE.equals(clone.requireSsl())) {
      mode = SslMode.DISABLED;
    } else if (Boolean.TRUE.equals(clone.requireSsl())) {
      mode = context != null ? SslMode.VERIFY_CA : SslMode.REQUIRED;
    } else {
      mode = SslMode.PREFERRED;
    }
    return new ConnectOptions(
        clone.host(),
        clone.port(),
        clone.user(),
        clone.password(),
        null,
        mode,
        context,
        CONNECT_TIMEOUT_MILLIS,
        0);
  }

  private static void update(BandwidthThrottle throttle, Object value) {
    if (throttle != null) {
      throttle.setLimitMibPerSecond(((Number) value).longValue());
    }
  }

  private long number(String variable) {
    return ((Number) variables.global(variable)).longValue();
  }

  private boolean flag(String variable) {
    Object v = variables.global(variable);
    return v instanceof Boolean b ? b : v instanceof Number n && n.longValue() != 0;
  }

  private static String text(Object v) {
    return v == null ? null : v.toString();
  }

  private static String path(Object v) {
    return v == null ? "" : v.toString();
  }
}
