package io.dolly.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback in front of a server: {@link #cut()} drops every live connection at once,
 * as a network failure does, while new connections still go through — what a clone's resume needs
 * to be tested against.
 */
final class FaultProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final Set<Socket> live = ConcurrentHashMap.newKeySet();

  private FaultProxy(ServerSocket listener, int target) {
    this.listener = listener;
    this.target = target;
    Thread.ofVirtual().name("fault-proxy").start(this::accept);
  }

  /** A proxy forwarding to 127.0.0.1:{@code port}. */
  static FaultProxy to(int port) throws IOException {
    return new FaultProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), port);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Closes every connection through the proxy, both sides. */
  void cut() {
    for (Socket s : List.copyOf(live)) {
      closeQuietly(s);
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        live.add(client);
        live.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        // Closed, or the target refused: the client sees its connection drop.
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread.ofVirtual()
        .start(
            () -> {
              byte[] buf = new byte[64 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                  out.write(buf, 0, n);
                }
              } catch (IOException e) {
                // Cut or closed.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            });
  }

  private void closeQuietly(Socket s) {
    live.remove(s);
    try {
      s.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    cut();
  }
}
