package io.dolly.protocol.packet;

import io.dolly.protocol.ColumnType;
import io.dolly.protocol.wire.MalformedPacketException;
import io.dolly.protocol.wire.PayloadReader;
import io.dolly.protocol.wire.PayloadWriter;

/**
 * One column of a result set.
 *
 * <pre>
 * string<lenenc> catalog ("def")
 * string<lenenc> schema
 * string<lenenc> table (alias)
 * string<lenenc> org_table
 * string<lenenc> name (alias)
 * string<lenenc> org_name
 * int<lenenc>    length of the fixed fields (0x0c)
 * int<2>         character set (collation id)
 * int<4>         column length
 * int<1>         type
 * int<2>         flags
 * int<1>         decimals
 * int<2>         filler, zero
 * </pre>
 */
public record ColumnDefinition41(
    String schema,
    String table,
    String orgTable,
    String name,
    String orgName,
    int collationId,
    long columnLength,
    ColumnType type,
    int flags,
    int decimals) {

  static final String CATALOG = "def";
  static final int FIXED_FIELDS_LENGTH = 0x0c;

  /** A computed column (no table) holding text, as for {@code SELECT 'x' AS name}. */
  public static ColumnDefinition41 text(String name) {
    return new ColumnDefinition41(
        "", "", "", name, name, Collations.UTF8MB4_0900_AI_CI, 1024, ColumnType.VAR_STRING, 0, 31);
  }

  /** A computed column holding a signed BIGINT. */
  public static ColumnDefinition41 bigint(String name) {
    return new ColumnDefinition41(
        "", "", "", name, name, Collations.BINARY, 21, ColumnType.LONGLONG, 128, 0);
  }

  public byte[] encode() {
    PayloadWriter w = new PayloadWriter(64);
    w.lenencString(CATALOG)
        .lenencString(schema)
        .lenencString(table)
        .lenencString(orgTable)
        .lenencString(name)
        .lenencString(orgName)
        .lenencInt(FIXED_FIELDS_LENGTH)
        .int2(collationId)
        .int4(columnLength)
        .int1(type.code())
        .int2(flags)
        .int1(decimals)
        .int2(0);
    return w.toByteArray();
  }

  public static ColumnDefinition41 decode(byte[] payload) {
    PayloadReader r = new PayloadReader(payload);
    r.lenencBytes();
    String schema = r.lenencString();
    String table = r.lenencString();
    String orgTable = r.lenencString();
    String name = r.lenencString();
    String orgName = r.lenencString();
    long fixed = r.lenencInt();
    if (fixed < FIXED_FIELDS_LENGTH) {
      throw new MalformedPacketException("column definition fixed part too short: " + fixed);
    }
    int collation = r.int2();
    long length = r.int4();
    int typeCode = r.int1();
    int flags = r.int2();
    int decimals = r.int1();
    r.skip(2);
    ColumnType type;
    try {
      type = ColumnType.ofCode(typeCode);
    } catch (IllegalArgumentException e) {
      throw new MalformedPacketException(e.getMessage());
    }
    return new ColumnDefinition41(
        schema, table, orgTable, name, orgName, collation, length, type, flags, decimals);
  }
}
