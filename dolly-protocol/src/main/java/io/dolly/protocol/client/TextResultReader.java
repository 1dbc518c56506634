package io.dolly.protocol.client;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.packet.Capability;
import io.dolly.protocol.packet.Collations;
import io.dolly.protocol.packet.ColumnDefinition41;
import io.dolly.protocol.packet.EofPacket;
import io.dolly.protocol.packet.ErrPacket;
import io.dolly.protocol.packet.OkPacket;
import io.dolly.protocol.wire.MalformedPacketException;
import io.dolly.protocol.wire.PacketChannel;
import io.dolly.protocol.wire.PayloadReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads one text-protocol response (OK, ERR or a result set) into a {@link QueryResult}. */
final class TextResultReader {
  private static final int LOCAL_INFILE = 0xfb;

  private final PacketChannel channel;
  private final int capabilities;

  TextResultReader(PacketChannel channel, int capabilities) {
    this.channel = channel;
    this.capabilities = capabilities;
  }

  private boolean deprecateEof() {
    return Capability.has(capabilities, Capability.CLIENT_DEPRECATE_EOF);
  }

  QueryResult read() throws IOException {
    try {
      return readResponse();
    } catch (MalformedPacketException e) {
      throw new MysqlException(e, ErrorCode.CR_MALFORMED_PACKET);
    }
  }

  private QueryResult readResponse() throws IOException {
    byte[] p = channel.readPayload();
    if (ErrPacket.matches(p)) {
      throw ErrPacket.decode(p).toException();
    }
    if (OkPacket.matches(p)) {
      OkPacket ok = OkPacket.decode(p, capabilities);
      return new QueryResult(
          List.of(),
          List.of(),
          ok.affectedRows(),
          ok.lastInsertId(),
          ok.warnings(),
          ok.statusFlags());
    }
    if ((p[0] & 0xff) == LOCAL_INFILE) {
      throw new MysqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "LOAD DATA LOCAL");
    }
    int count = (int) new PayloadReader(p).lenencInt();
    List<ColumnDefinition41> columns = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      columns.add(ColumnDefinition41.decode(channel.readPayload()));
    }
    if (!deprecateEof()) {
      EofPacket.decode(channel.readPayload());
    }
    List<List<String>> rows = new ArrayList<>();
    while (true) {
      p = channel.readPayload();
      if (ErrPacket.matches(p)) {
        throw ErrPacket.decode(p).toException();
      }
      if (isTerminator(p)) {
        int status;
        int warnings;
        if (deprecateEof()) {
          OkPacket ok = OkPacket.decode(p, capabilities);
          status = ok.statusFlags();
          warnings = ok.warnings();
        } else {
          EofPacket eof = EofPacket.decode(p);
          status = eof.statusFlags();
          warnings = eof.warnings();
        }
        return new QueryResult(
            Collections.unmodifiableList(columns),
            Collections.unmodifiableList(rows),
            0,
            0,
            warnings,
            status);
      }
      rows.add(row(p, columns));
    }
  }

  /**
   * A row may start with 0xfe too (a length-encoded length of 2^24 or more), but then it is at
   * least 9 bytes long; the terminator is shorter than that (EOF) or than one full packet (OK).
   */
  private boolean isTerminator(byte[] p) {
    if (p.length == 0 || (p[0] & 0xff) != EofPacket.HEADER) {
      return false;
    }
    return deprecateEof() ? p.length < PacketChannel.MAX_PACKET_PAYLOAD : EofPacket.matches(p);
  }

  private static List<String> row(byte[] p, List<ColumnDefinition41> columns) {
    PayloadReader r = new PayloadReader(p);
    List<String> row = new ArrayList<>(columns.size());
    for (ColumnDefinition41 c : columns) {
      byte[] cell = r.lenencBytesOrNull();
      Charset cs = Collations.charsetOf(c.collationId());
      row.add(cell == null ? null : new String(cell, cs));
    }
    return Collections.unmodifiableList(row);
  }
}
