package io.dolly.server;

import io.dolly.clone.donor.DonorService;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.server.ServerHandshake;
import io.dolly.sql.exec.ProcessInfo;
import io.dolly.sql.exec.ServerContext;
import io.dolly.sql.exec.SessionInfo;
import io.dolly.sql.exec.SqlEngine;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every session shares: the SQL engine, the connection-phase settings, the live sessions and
 * the server's own counters; also the SQL layer's view of the server ({@link ServerContext}).
 */
final class ServerRuntime implements ServerContext {
  private static final Logger LOG = LoggerFactory.getLogger("Server");
  private final ConnectionCounters status = new ConnectionCounters();
  private final SessionRegistry sessions;
  private final CountDownLatch shutdown = new CountDownLatch(1);
  private volatile SqlEngine engine;
  private volatile ServerHandshake handshake;
  private volatile DonorService donor;
  private volatile boolean shutdownRequested;
  private volatile boolean restartRequested;

  ServerRuntime(Supplier<Integer> maxConnections) {
    this.sessions = new SessionRegistry(maxConnections::get);
  }

  void attach(SqlEngine engine, ServerHandshake handshake) {
    this.engine = engine;
    this.handshake = handshake;
  }

  /** The clone donor role, once storage is open. */
  void attachDonor(DonorService donor) {
    this.donor = donor;
  }

  DonorService donor() {
    return donor;
  }

  /** Replaced when a variable the handshake depends on changes (require_secure_transport). */
  void replaceHandshake(ServerHandshake handshake) {
    this.handshake = handshake;
  }

  SqlEngine engine() {
    return engine;
  }

  ServerHandshake handshake() {
    return handshake;
  }

  SessionRegistry sessions() {
    return sessions;
  }

  ConnectionCounters status() {
    return status;
  }

  int connectTimeoutSeconds() {
    return ((Number) engine.variables().global("connect_timeout")).intValue();
  }

  void awaitShutdown() throws InterruptedException {
    shutdown.await();
  }

  /** Starts shutting down at once (signals). */
  void shutdownNow() {
    shutdown.countDown();
  }

  /**
   * In-place clone: stops every statement and ends every session now (the cloning one too: its
   * client sees the connection drop, as with MySQL's restart), then lets the server restart
   * in-process.
   */
  void restartInProcess() {
    restartRequested = true;
    LOG.info("In-place clone: ending {} connections to restart", sessions.size());
    sessions.endAll();
    shutdown.countDown();
  }

  /** True when {@link #awaitShutdown} returned for an in-place restart rather than a shutdown. */
  boolean restartRequested() {
    return restartRequested;
  }

  /** Called by a session after it flushed its reply, so that SHUTDOWN's OK reaches the client. */
  void shutdownIfRequested() {
    if (shutdownRequested) {
      shutdown.countDown();
    }
  }

  @Override
  public void shutdown() {
    shutdownRequested = true;
  }

  @Override
  public void kill(long connectionId, boolean queryOnly, SessionInfo killer) {
    Session target = sessions.get(connectionId);
    if (target == null) {
      throw new MysqlException(ErrorCode.ER_NO_SUCH_THREAD, connectionId);
    }
    if (queryOnly) {
      target.killQuery();
    } else {
      target.close();
    }
  }

  @Override
  public List<ProcessInfo> processList() {
    return sessions.all().stream().map(Session::processInfo).toList();
  }

  @Override
  public long uptimeSeconds() {
    return status.uptimeSeconds();
  }

  @Override
  public long threadsConnected() {
    return sessions.size();
  }

  @Override
  public long connectionsTotal() {
    return status.connections.get();
  }

  @Override
  public long abortedConnects() {
    return status.abortedConnects.get();
  }

  @Override
  public long maxUsedConnections() {
    return sessions.maxUsed();
  }

  @Override
  public long sslAccepts() {
    return status.tlsAccepts.get();
  }

  @Override
  public long sslFinishedAccepts() {
    return status.tlsAccepts.get();
  }

  @Override
  public long bytesReceived() {
    return status.bytesReceived.sum();
  }
}
