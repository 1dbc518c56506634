package io.dolly.sql.exec;

import io.dolly.sql.sysvar.ServerStatus;
import java.util.List;

/** What the SQL layer asks of the server process. Implemented by the server. */
public interface ServerContext extends ServerStatus {
  /** Begins an orderly shutdown; returns once it is started. */
  void shutdown();

  /**
   * Kills a connection (or only its running statement).
   *
   * @param killer the session asking, already checked for ownership or privilege
   * @throws io.dolly.protocol.error.MysqlException 1094 when no such connection exists
   */
  void kill(long connectionId, boolean queryOnly, SessionInfo killer);

  /** Every connection, for SHOW PROCESSLIST and KILL's ownership check. */
  List<ProcessInfo> processList();
}
