package io.dolly.server;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters only the network layer knows, shown by SHOW STATUS. */
final class ServerStatus {
  final long startedNanos = System.nanoTime();
  final AtomicLong connections = new AtomicLong();
  final AtomicLong abortedConnects = new AtomicLong();
  final LongAdder bytesReceived = new LongAdder();

  void connectionAccepted() {
    connections.incrementAndGet();
  }

  void abortedConnect() {
    abortedConnects.incrementAndGet();
  }

  void bytesReceived(long n) {
    bytesReceived.add(n);
  }

  long uptimeSeconds() {
    return (System.nanoTime() - startedNanos) / 1_000_000_000L;
  }
}
