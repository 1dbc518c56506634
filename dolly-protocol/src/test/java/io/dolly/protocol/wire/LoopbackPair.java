package io.dolly.protocol.wire;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Two connected TCP sockets over loopback. */
public final class LoopbackPair implements Closeable {
  public final Socket client;
  public final Socket server;

  public LoopbackPair() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
      server = listener.accept();
    }
  }

  @Override
  public void close() throws IOException {
    client.close();
    server.close();
  }
}
