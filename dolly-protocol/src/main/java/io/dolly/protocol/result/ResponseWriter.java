package io.dolly.protocol.result;

import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.packet.ErrPacket;
import io.dolly.protocol.packet.OkPacket;
import io.dolly.protocol.wire.PacketChannel;
import java.io.IOException;

/**
 * Writes a command's final OK or ERR packet shaped for the capabilities negotiated with this
 * client. Packets are buffered; the caller flushes once per command.
 */
public final class ResponseWriter {
  private final PacketChannel channel;
  private final int clientCapabilities;

  public ResponseWriter(PacketChannel channel, int clientCapabilities) {
    this.channel = channel;
    this.clientCapabilities = clientCapabilities;
  }

  public PacketChannel channel() {
    return channel;
  }

  public int clientCapabilities() {
    return clientCapabilities;
  }

  public void writeOk(long affectedRows, long lastInsertId, int statusFlags, int warnings)
      throws IOException {
    writeOk(affectedRows, lastInsertId, statusFlags, warnings, "");
  }

  public void writeOk(
      long affectedRows, long lastInsertId, int statusFlags, int warnings, String info)
      throws IOException {
    OkPacket ok =
        new OkPacket(OkPacket.HEADER_OK, affectedRows, lastInsertId, statusFlags, warnings, info);
    channel.writePayload(ok.encode(clientCapabilities));
  }

  public void writeError(MysqlException error) throws IOException {
    channel.writePayload(ErrPacket.of(error).encode());
  }
}
