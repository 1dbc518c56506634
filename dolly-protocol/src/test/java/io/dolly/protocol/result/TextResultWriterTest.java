package io.dolly.protocol.result;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.packet.Capability;
import io.dolly.protocol.packet.ColumnDefinition41;
import io.dolly.protocol.packet.EofPacket;
import io.dolly.protocol.packet.ErrPacket;
import io.dolly.protocol.packet.OkPacket;
import io.dolly.protocol.packet.ServerStatus;
import io.dolly.protocol.wire.LoopbackPair;
import io.dolly.protocol.wire.PacketChannel;
import io.dolly.protocol.wire.PayloadReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextResultWriterTest {
  private static final int STATUS = ServerStatus.AUTOCOMMIT | ServerStatus.IN_TRANS;
  private static final List<ColumnDefinition41> COLUMNS =
      List.of(ColumnDefinition41.text("a"), ColumnDefinition41.bigint("b"));
  private static final List<byte[][]> ROWS =
      List.of(new byte[][] {"x".getBytes(), "1".getBytes()}, new byte[][] {null, "2".getBytes()});

  private static void readRows(PacketChannel in) throws Exception {
    for (byte[][] expected : ROWS) {
      PayloadReader r = new PayloadReader(in.readPayload());
      assertThat(r.lenencBytesOrNull()).isEqualTo(expected[0]);
      assertThat(r.lenencBytesOrNull()).isEqualTo(expected[1]);
      assertThat(r.hasRemaining()).isFalse();
    }
  }

  private static void readHeader(PacketChannel in) throws Exception {
    assertThat(in.readPayload()).containsExactly(2);
    assertThat(ColumnDefinition41.decode(in.readPayload())).isEqualTo(COLUMNS.get(0));
    assertThat(ColumnDefinition41.decode(in.readPayload())).isEqualTo(COLUMNS.get(1));
  }

  @Test
  void withEofPackets() throws Exception {
    int caps = Capability.CLIENT_PROTOCOL_41;
    try (LoopbackPair pair = new LoopbackPair()) {
      PacketChannel out = new PacketChannel(pair.server);
      PacketChannel in = new PacketChannel(pair.client);
      new TextResultWriter(out, caps).write(COLUMNS, ROWS, STATUS, 3);
      out.flush();
      readHeader(in);
      assertThat(EofPacket.decode(in.readPayload())).isEqualTo(new EofPacket(0, STATUS));
      readRows(in);
      assertThat(EofPacket.decode(in.readPayload())).isEqualTo(new EofPacket(3, STATUS));
    }
  }

  @Test
  void withDeprecateEofEndsWithAnOkHeadedFe() throws Exception {
    int caps = Capability.CLIENT_PROTOCOL_41 | Capability.CLIENT_DEPRECATE_EOF;
    try (LoopbackPair pair = new LoopbackPair()) {
      PacketChannel out = new PacketChannel(pair.server);
      PacketChannel in = new PacketChannel(pair.client);
      new TextResultWriter(out, caps).write(COLUMNS, ROWS, STATUS, 3);
      ResponseWriter responses = new ResponseWriter(out, caps);
      out.resetSequence();
      responses.writeOk(5, 9, ServerStatus.AUTOCOMMIT, 0);
      out.resetSequence();
      responses.writeError(new MysqlException(ErrorCode.ER_NO_SUCH_TABLE, "db", "t"));
      out.flush();
      readHeader(in);
      readRows(in);
      byte[] end = in.readPayload();
      assertThat(end[0] & 0xff).isEqualTo(0xfe);
      OkPacket ok = OkPacket.decode(end, caps);
      assertThat(ok.statusFlags()).isEqualTo(STATUS);
      assertThat(ok.warnings()).isEqualTo(3);
      in.resetSequence();
      assertThat(OkPacket.decode(in.readPayload(), caps))
          .isEqualTo(OkPacket.of(5, 9, ServerStatus.AUTOCOMMIT, 0));
      in.resetSequence();
      assertThat(ErrPacket.decode(in.readPayload()))
          .isEqualTo(new ErrPacket(1146, "42S02", "Table 'db.t' doesn't exist"));
    }
  }
}
