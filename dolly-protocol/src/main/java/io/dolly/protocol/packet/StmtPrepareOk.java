package io.dolly.protocol.packet;

import io.dolly.protocol.wire.PayloadReader;
import io.dolly.protocol.wire.PayloadWriter;

/**
 * The first packet of a successful COM_STMT_PREPARE response.
 *
 * <pre>
 * int<1> 0x00 status
 * int<4> statement id
 * int<2> number of result columns
 * int<2> number of parameters
 * int<1> reserved, 0x00
 * int<2> warning count
 * </pre>
 *
 * The parameter definitions and then the column definitions follow, each list closed by an EOF
 * packet unless CLIENT_DEPRECATE_EOF was negotiated.
 */
public record StmtPrepareOk(long statementId, int columns, int parameters, int warnings) {
  public byte[] encode() {
    return new PayloadWriter(12)
        .int1(0)
        .int4(statementId)
        .int2(columns)
        .int2(parameters)
        .int1(0)
        .int2(warnings)
        .toByteArray();
  }

  public static StmtPrepareOk decode(byte[] payload) {
    PayloadReader r = new PayloadReader(payload);
    r.int1();
    long id = r.int4();
    int columns = r.int2();
    int parameters = r.int2();
    r.int1();
    int warnings = r.remaining() >= 2 ? r.int2() : 0;
    return new StmtPrepareOk(id, columns, parameters, warnings);
  }
}
