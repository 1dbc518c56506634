package io.dolly.protocol.result;

import io.dolly.protocol.packet.Capability;
import io.dolly.protocol.packet.ColumnDefinition41;
import io.dolly.protocol.packet.EofPacket;
import io.dolly.protocol.packet.OkPacket;
import io.dolly.protocol.wire.PacketChannel;
import io.dolly.protocol.wire.PayloadWriter;
import java.io.IOException;
import java.util.List;

/**
 * Writes a text-protocol result set:
 *
 * <pre>
 * int<lenenc> column count
 * ColumnDefinition41 × count
 * EOF                          (only without CLIENT_DEPRECATE_EOF)
 * row × n: string<lenenc> per cell, 0xfb for NULL
 * EOF, or OK with header 0xfe under CLIENT_DEPRECATE_EOF, carrying status and warnings
 * </pre>
 *
 * Use {@link #write} for a complete result, or {@link #begin}/{@link #row}/{@link #end} to stream
 * rows. Nothing is flushed here.
 */
public final class TextResultWriter {
  private final PacketChannel channel;
  private final int clientCapabilities;
  private int columnCount = -1;

  public TextResultWriter(PacketChannel channel, int clientCapabilities) {
    this.channel = channel;
    this.clientCapabilities = clientCapabilities;
  }

  private boolean deprecateEof() {
    return Capability.has(clientCapabilities, Capability.CLIENT_DEPRECATE_EOF);
  }

  /** Writes a whole result set; each row has one cell per column, null meaning SQL NULL. */
  public void write(
      List<ColumnDefinition41> columns, Iterable<byte[][]> rows, int statusFlags, int warnings)
      throws IOException {
    begin(columns, statusFlags);
    for (byte[][] row : rows) {
      row(row);
    }
    end(statusFlags, warnings);
  }

  /** Writes the column count and definitions. */
  public void begin(List<ColumnDefinition41> columns, int statusFlags) throws IOException {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a result set needs at least one column");
    }
    columnCount = columns.size();
    channel.writePayload(new PayloadWriter(9).lenencInt(columns.size()).toByteArray());
    for (ColumnDefinition41 c : columns) {
      channel.writePayload(c.encode());
    }
    if (!deprecateEof()) {
      channel.writePayload(new EofPacket(0, statusFlags).encode());
    }
  }

  public void row(byte[][] cells) throws IOException {
    if (cells.length != columnCount) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, result has " + columnCount + " columns");
    }
    int size = 0;
    for (byte[] c : cells) {
      size += c == null ? 1 : c.length + 9;
    }
    PayloadWriter w = new PayloadWriter(size);
    for (byte[] c : cells) {
      w.lenencBytesOrNull(c);
    }
    channel.writePayload(w.toByteArray());
  }

  /** Ends the rows with EOF or, under CLIENT_DEPRECATE_EOF, an OK packet headed 0xfe. */
  public void end(int statusFlags, int warnings) throws IOException {
    if (deprecateEof()) {
      OkPacket ok = new OkPacket(OkPacket.HEADER_EOF, 0, 0, statusFlags, warnings, "");
      channel.writePayload(ok.encode(clientCapabilities));
    } else {
      channel.writePayload(new EofPacket(warnings, statusFlags).encode());
    }
    columnCount = -1;
  }
}
