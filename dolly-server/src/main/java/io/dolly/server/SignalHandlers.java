package io.dolly.server;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT start a clean shutdown. Handling the signals directly (rather than only via a
 * JVM shutdown hook) lets the server finish its shutdown and exit with status 0, as mysqld does.
 */
final class SignalHandlers {
  private SignalHandlers() {}

  static void install(Runnable shutdown) {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), sig -> shutdown.run());
      } catch (IllegalArgumentException unsupported) {
        // Platforms without the signal: the default handling (exit) applies.
      }
    }
  }
}
