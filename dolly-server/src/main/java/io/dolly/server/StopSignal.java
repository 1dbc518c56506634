package io.dolly.server;

/**
 * SIGTERM/SIGINT for the whole life of the process, across in-process restarts: the signal is
 * remembered, passed to the runtime serving at the time, and seen by a runtime that starts later —
 * so a signal that arrives while an in-place clone restarts the server (or while DROP DATA waits)
 * is not lost.
 */
final class StopSignal {
  private volatile boolean requested;
  private volatile ServerRuntime serving;

  /** Installs the handlers; call once, before the first start. */
  static StopSignal install() {
    StopSignal signal = new StopSignal();
    SignalHandlers.install(signal::request);
    return signal;
  }

  void request() {
    requested = true;
    ServerRuntime r = serving;
    if (r != null) {
      r.shutdownNow();
    }
  }

  boolean requested() {
    return requested;
  }

  /** The runtime now serving; it shuts down at once when a signal came before it was ready. */
  void serving(ServerRuntime runtime) {
    serving = runtime;
    if (requested) {
      runtime.shutdownNow();
    }
  }
}
