package io.dolly.server.clone;

import io.dolly.clone.CloneSlot;
import io.dolly.clone.DonorList;
import io.dolly.clone.recipient.DataDirectoryCheck;
import io.dolly.clone.recipient.MysqlDonorConnector;
import io.dolly.clone.recipient.OsErrno;
import io.dolly.clone.recipient.RecipientConfig;
import io.dolly.clone.recipient.RemoteClone;
import io.dolly.clone.recipient.RemoteCloneSettings;
import io.dolly.clone.recipient.TargetDirectory;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CLONE INSTANCE FROM 'user'@'host':port IDENTIFIED BY '...' DATA DIRECTORY = '<dir>'
 * [REQUIRE [NO] SSL]}, in CLONE.md's order: BACKUP_ADMIN (1227), clone_valid_donor_list (3869,
 * before any connection), the DATA DIRECTORY rules of §5, one clone at a time (3634), then the
 * connection and the donor's configuration checks — none of which touch the status tables — and
 * then the clone itself, reported on the status board.
 *
 * <p>Without DATA DIRECTORY it is the in-place clone (CLONE.md §6): CLONE_ADMIN (1227), the same
 * checks, then the copy streams into {@link InPlaceProvisioning#stagingDirectory()} while the
 * server keeps serving its own data, and {@link InPlaceProvisioning#provision()} swaps it in with a
 * restart that ends every session, the cloning one too: as with MySQL's restart, its client sees
 * the connection lost (2013) rather than an answer. A failure before the swap leaves the server on
 * its own data, the staging directory removed and the clone Failed. Cloning a server into itself
 * fails at the donor's INIT with 3862 wrapping 3871 ({@link CloneSlot#acquireAsDonor}).
 */
public final class CloneInstanceStatement implements StatementHandler, AutoCloseable {
  /** TCP connect and handshake limit for each connection to the donor. */
  static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  /** DESTINATION of an in-place clone in clone_status. */
  static final String LOCAL_INSTANCE = "LOCAL INSTANCE";

  private static final Logger LOG = LoggerFactory.getLogger("Clone");

  private final CloneStatusBoard board;
  private final SystemVariables variables;
  private final CloneSlot slot;
  private final Path datadir;
  private final InPlaceProvisioning inPlace;
  private final Supplier<RecipientConfig> localConfig;
  private volatile BandwidthThrottle dataThrottle;
  private volatile BandwidthThrottle networkThrottle;
  private final RunningClone running;

  /**
   * @param inPlace swaps in the copy of CLONE INSTANCE without DATA DIRECTORY
   * @param localConfig this server's settings the donor's must agree with
   */
  public CloneInstanceStatement(
      Path datadir,
      CloneStatusBoard board,
      SystemVariables variables,
      CloneSlot slot,
      InPlaceProvisioning inPlace,
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

  @Override
  public StatementResult execute(Statement statement, SqlSession session) {
    Admin.CloneInstance clone = (Admin.CloneInstance) statement;
    if (clone.directory() == null) {
      return inPlace(clone, session);
    }
    CloneAccess.requireBackupAdmin(session);
    DonorList.requireAllowed(
        text(variables.global("clone_valid_donor_list")), clone.host(), clone.port());
    Path target = DataDirectoryCheck.prepare(clone.directory(), datadir);
    slot.acquire();
    return copy(
        clone,
        session,
        target,
        RemoteClone.Destination.DATA_DIRECTORY,
        target.toString(),
        () -> {});
  }

  private StatementResult inPlace(Admin.CloneInstance clone, SqlSession session) {
    CloneAccess.requireCloneAdmin(session);
    DonorList.requireAllowed(
        text(variables.global("clone_valid_donor_list")), clone.host(), clone.port());
    Path staging = inPlace.stagingDirectory();
    try {
      // The donor's free-space check looks where the staging directory will be.
      Files.createDirectories(staging.getParent());
    } catch (IOException e) {
      OsErrno errno = OsErrno.of(e);
      throw new MysqlException(
          e, ErrorCode.ER_CANT_CREATE_DB, staging.toString(), errno.number(), errno.text());
    }
    slot.acquireInPlace();
    return copy(
        clone, session, staging, RemoteClone.Destination.STAGING, LOCAL_INSTANCE, this::swapIn);
  }

  /**
   * The synced staging copy replaces this server's data. The restart ends every session, this one
   * too, so its reply has no connection left to go to.
   */
  private void swapIn() {
    try {
      inPlace.provision();
    } catch (IOException | RuntimeException e) {
      MysqlException error =
          new MysqlException(e, ErrorCode.ER_INTERNAL_ERROR, "in-place swap: " + e.getMessage());
      if (board.running()) {
        board.fail(error.errorNumber(), error.getMessage());
      }
      removeStaging(inPlace.stagingDirectory());
      throw error;
    }
  }

  /**
   * The copy into {@code target}, with the slot taken, then {@code afterCopy} while the slot is
   * still held; releases the slot.
   */
  private StatementResult copy(
      Admin.CloneInstance clone,
      SqlSession session,
      Path target,
      RemoteClone.Destination destination,
      String destinationName,
      Runnable afterCopy) {
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
              localConfig.get(),
              destination);
      remote.prepare();
      board.begin(session.info().connectionId(), remote.source(), destinationName);
      remote.run(board, running.start(session));
      afterCopy.run();
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

  private static void removeStaging(Path staging) {
    try {
      TargetDirectory.removeTree(staging);
    } catch (IOException e) {
      // The next start removes a staging copy no swap claims.
      LOG.error("cannot remove the staging copy {}: {}", staging, e.toString());
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
