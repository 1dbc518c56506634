package io.dolly.sql.sysvar;

/**
 * Status values only the server process knows (connections, threads, bytes on the wire). The server
 * implements this; defaults are zero so that tests and early wiring need not.
 */
public interface ServerStatus {
  default long uptimeSeconds() {
    return 0;
  }

  default long threadsConnected() {
    return 0;
  }

  default long threadsRunning() {
    return 0;
  }

  default long threadsCreated() {
    return threadsConnected();
  }

  default long threadsCached() {
    return 0;
  }

  /** Connection attempts since start, successful or not (status {@code Connections}). */
  default long connections() {
    return 0;
  }

  /** The same as {@link #connections()}. */
  default long connectionsTotal() {
    return connections();
  }

  default long maxUsedConnections() {
    return threadsConnected();
  }

  default long abortedConnects() {
    return 0;
  }

  default long abortedClients() {
    return 0;
  }

  default long bytesReceived() {
    return 0;
  }

  default long bytesSent() {
    return 0;
  }

  default long sslAccepts() {
    return 0;
  }

  default long sslFinishedAccepts() {
    return sslAccepts();
  }
}
