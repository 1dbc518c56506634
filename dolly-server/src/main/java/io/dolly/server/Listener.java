package io.dolly.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts TCP connections and gives each its own virtual thread: sessions block on socket I/O,
 * which is cheap on virtual threads, so no event loop is needed.
 */
final class Listener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger("Server");

  private final ServerSocket serverSocket;
  private final ServerRuntime runtime;
  private final ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicLong nextConnectionId = new AtomicLong(1);
  private final Thread acceptor;
  private volatile boolean closed;

  Listener(String bindAddress, int port, ServerRuntime runtime) throws IOException {
    this.runtime = runtime;
    this.serverSocket = new ServerSocket();
    serverSocket.setReuseAddress(true);
    serverSocket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 1024);
    this.acceptor = Thread.ofPlatform().name("dolly-accept").daemon(true).unstarted(this::accept);
  }

  int port() {
    return serverSocket.getLocalPort();
  }

  void start() {
    acceptor.start();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket socket = serverSocket.accept();
        long id = nextConnectionId.getAndIncrement();
        runtime.status().connectionAccepted();
        sessions.execute(new Session(id, socket, runtime));
      } catch (IOException e) {
        if (!closed) {
          log.warn("accept failed: {}", e.toString());
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // Closing is all that is wanted.
    }
    runtime.sessions().closeAll();
    sessions.shutdown();
  }
}
