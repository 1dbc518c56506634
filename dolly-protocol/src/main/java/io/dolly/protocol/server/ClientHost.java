package io.dolly.protocol.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The client host as MySQL names it in account matching and error messages. */
public final class ClientHost {
  public static final String LOCALHOST = "localhost";

  private ClientHost() {}

  /** {@code localhost} for loopback addresses (127.0.0.1, ::1), else the numeric address. */
  public static String of(InetAddress address) {
    return address.isLoopbackAddress() ? LOCALHOST : address.getHostAddress();
  }

  public static String of(Socket socket) {
    return of(((InetSocketAddress) socket.getRemoteSocketAddress()).getAddress());
  }
}
