package io.dolly.protocol.binary;

import io.dolly.protocol.ColumnType;
import io.dolly.protocol.packet.Capability;
import io.dolly.protocol.packet.ColumnDefinition41;
import io.dolly.protocol.packet.EofPacket;
import io.dolly.protocol.packet.OkPacket;
import io.dolly.protocol.wire.PacketChannel;
import io.dolly.protocol.wire.PayloadWriter;
import java.io.IOException;
import java.util.List;

/**
 * Writes a result set in the binary protocol (the answer to COM_STMT_EXECUTE): the same column
 * count and definitions as a text result, then rows of
 *
 * <pre>
 * int<1> 0x00
 * byte<(columns+7+2)/8> NULL bitmap, bit (i+2) set = column i is NULL
 * the non-NULL values in the binary encoding of their column types
 * </pre>
 *
 * closed by EOF, or by an OK headed 0xFE under CLIENT_DEPRECATE_EOF. Nothing is flushed here.
 */
public final class BinaryResultWriter {
  private final PacketChannel channel;
  private final int clientCapabilities;
  private ColumnType[] types;

  public BinaryResultWriter(PacketChannel channel, int clientCapabilities) {
    this.channel = channel;
    this.clientCapabilities = clientCapabilities;
  }

  private boolean deprecateEof() {
    return Capability.has(clientCapabilities, Capability.CLIENT_DEPRECATE_EOF);
  }

  public void begin(List<ColumnDefinition41> columns, int statusFlags) throws IOException {
    types = new ColumnType[columns.size()];
    channel.writePayload(new PayloadWriter(9).lenencInt(columns.size()).toByteArray());
    for (int i = 0; i < columns.size(); i++) {
      types[i] = columns.get(i).type();
      channel.writePayload(columns.get(i).encode());
    }
    if (!deprecateEof()) {
      channel.writePayload(new EofPacket(0, statusFlags).encode());
    }
  }

  /** One row; each cell in MySQL's text form (null = SQL NULL), converted by column type. */
  public void row(byte[][] textCells) throws IOException {
    int n = types.length;
    byte[] nulls = new byte[(n + 7 + 2) / 8];
    int size = 1 + nulls.length;
    for (int i = 0; i < n; i++) {
      if (textCells[i] == null) {
        nulls[(i + 2) / 8] |= (byte) (1 << ((i + 2) % 8));
      } else {
        size += textCells[i].length + 9;
      }
    }
    PayloadWriter w = new PayloadWriter(size).int1(0).bytes(nulls);
    for (int i = 0; i < n; i++) {
      if (textCells[i] != null) {
        BinaryValues.writeFromText(w, types[i], textCells[i]);
      }
    }
    channel.writePayload(w.toByteArray());
  }

  public void end(int statusFlags, int warnings) throws IOException {
    if (deprecateEof()) {
      OkPacket ok = new OkPacket(OkPacket.HEADER_EOF, 0, 0, statusFlags, warnings, "");
      channel.writePayload(ok.encode(clientCapabilities));
    } else {
      channel.writePayload(new EofPacket(warnings, statusFlags).encode());
    }
  }
}
