package io.dolly.clone.recipient;

import io.dolly.protocol.client.ClientConnection;
import io.dolly.protocol.client.ConnectOptions;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.packet.Command;
import io.dolly.protocol.packet.ErrPacket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Reaches the donor as an ordinary MySQL client (same authentication and TLS as any client), then
 * switches the connection to clone mode with COM_CLONE.
 */
public final class MysqlDonorConnector implements DonorConnector {
  /** MySQL's client error for a failed TCP connect. */
  static final int CR_CONN_HOST_ERROR = 2003;

  private final ConnectOptions options;

  public MysqlDonorConnector(ConnectOptions options) {
    this.options = options;
  }

  @Override
  public DonorLink connect() throws IOException {
    ClientConnection c;
    try {
      c = ClientConnection.connect(options);
    } catch (MysqlException e) {
      throw connectFailed(e.errorNumber(), e.getMessage());
    } catch (UnknownHostException e) {
      throw connectFailed(
          2005, "Unknown MySQL server host '" + options.host() + "' (" + e.getMessage() + ")");
    } catch (ConnectException | SocketTimeoutException e) {
      throw connectFailed(
          CR_CONN_HOST_ERROR,
          "Can't connect to MySQL server on '"
              + options.host()
              + ":"
              + options.port()
              + "' ("
              + e.getMessage()
              + ")");
    }
    try {
      c.sendCommand(Command.COM_CLONE, new byte[0]);
      byte[] answer = c.readPacket();
      if (ErrPacket.matches(answer)) {
        MysqlException refused = ErrPacket.decode(answer).toException();
        throw new MysqlException(
            ErrorCode.ER_CLONE_DONOR, refused.errorNumber() + " : " + refused.getMessage());
      }
      return new DonorLink(c.channel(), c, c.tlsCipher());
    } catch (IOException | RuntimeException e) {
      c.channel().close();
      throw e;
    }
  }

  private static MysqlException connectFailed(int errno, String message) {
    return new MysqlException(
        ErrorCode.ER_CLONE_DONOR, "Connect failed: " + errno + " : " + message);
  }
}
