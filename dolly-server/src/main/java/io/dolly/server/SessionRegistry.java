package io.dolly.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The live connections: admission against {@code max_connections}, lookup for KILL, and the rows of
 * SHOW PROCESSLIST.
 */
final class SessionRegistry {
  private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
  private final IntSupplier maxConnections;
  private int maxUsed;
  private boolean closed;

  SessionRegistry(IntSupplier maxConnections) {
    this.maxConnections = maxConnections;
  }

  /** Registers a new connection unless {@code max_connections} are already open. */
  synchronized boolean admit(Session s) {
    // Once ended (shutdown, in-place restart), a connection accepted in the meantime must not
    // reach an engine that is closing.
    if (closed || sessions.size() >= maxConnections.getAsInt()) {
      return false;
    }
    sessions.put(s.id(), s);
    maxUsed = Math.max(maxUsed, sessions.size());
    return true;
  }

  void remove(Session s) {
    sessions.remove(s.id());
  }

  Session get(long id) {
    return sessions.get(id);
  }

  int size() {
    return sessions.size();
  }

  synchronized int maxUsed() {
    return maxUsed;
  }

  List<Session> all() {
    List<Session> list = new ArrayList<>(sessions.values());
    list.sort((a, b) -> Long.compare(a.id(), b.id()));
    return list;
  }

  /** Interrupts every running statement and closes every connection. */
  void endAll() {
    markClosed();
    for (Session s : sessions.values()) {
      s.killQuery();
      s.close();
    }
  }

  /**
   * Waits until every session's thread has left the registry (and so released what it held in the
   * engine), at most {@code timeout}; true when none is left.
   */
  boolean awaitEmpty(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!sessions.isEmpty()) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  void closeAll() {
    markClosed();
    for (Session s : sessions.values()) {
      s.close();
    }
  }

  private synchronized void markClosed() {
    closed = true;
  }
}
