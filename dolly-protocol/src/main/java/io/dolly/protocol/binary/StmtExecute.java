package io.dolly.protocol.binary;

import io.dolly.protocol.ColumnType;
import io.dolly.protocol.wire.MalformedPacketException;
import io.dolly.protocol.wire.PayloadReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A decoded COM_STMT_EXECUTE.
 *
 * <pre>
 * int<1> 0x17
 * int<4> statement id
 * int<1> flags (cursor type; Dolly always answers with the whole result)
 * int<4> iteration count (1)
 * -- when the statement has parameters:
 * byte<(n+7)/8> NULL bitmap, bit i set = parameter i is NULL
 * int<1> new-params-bound flag; when 1, n pairs of int<1> type, int<1> flags (0x80 = unsigned)
 * the values of the non-NULL parameters, in the binary encoding of their types
 * </pre>
 *
 * Types bound by an earlier execution stay in force when the flag is 0, so the caller keeps them
 * ({@link #types()}) and passes them back in. Parameters sent with COM_STMT_SEND_LONG_DATA have no
 * value here; the caller supplies theirs.
 *
 * @param values one per parameter: null, {@code Long}, {@code java.math.BigInteger} (unsigned
 *     beyond Long.MAX_VALUE), {@code Double}, {@code byte[]} (strings, blobs and decimals as sent),
 *     or {@code String} for dates and times in MySQL's text form
 */
public record StmtExecute(
    long statementId, int flags, List<Object> values, int[] types, boolean[] unsignedFlags) {

  /** The statement id of an execute (or any COM_STMT_*) payload, before full decoding. */
  public static long statementId(byte[] payload) {
    PayloadReader r = new PayloadReader(payload);
    r.int1();
    return r.int4();
  }

  /**
   * @param parameterCount how many parameters the prepared statement has
   * @param boundTypes types from an earlier execution (null on the first)
   * @param longData parameters that received COM_STMT_SEND_LONG_DATA (their bytes), else null
   */
  public static StmtExecute decode(
      byte[] payload,
      int parameterCount,
      int[] boundTypes,
      boolean[] boundUnsigned,
      byte[][] longData) {
    PayloadReader r = new PayloadReader(payload);
    r.int1();
    long id = r.int4();
    int flags = r.int1();
    r.int4();
    List<Object> values = new ArrayList<>(parameterCount);
    if (parameterCount == 0) {
      return new StmtExecute(id, flags, values, new int[0], new boolean[0]);
    }
    byte[] nulls = r.bytes((parameterCount + 7) / 8);
    int[] types = boundTypes == null ? null : boundTypes.clone();
    boolean[] unsigned = boundUnsigned == null ? null : boundUnsigned.clone();
    if (r.int1() == 1) {
      types = new int[parameterCount];
      unsigned = new boolean[parameterCount];
      for (int i = 0; i < parameterCount; i++) {
        types[i] = r.int1();
        unsigned[i] = (r.int1() & 0x80) != 0;
      }
    }
    if (types == null) {
      throw new MalformedPacketException("parameters were never bound to types");
    }
    for (int i = 0; i < parameterCount; i++) {
      boolean isNull = (nulls[i / 8] & (1 << (i % 8))) != 0;
      if (longData != null && longData[i] != null) {
        values.add(longData[i]);
      } else if (isNull || types[i] == ColumnType.NULL.code()) {
        values.add(null);
      } else {
        values.add(BinaryValues.read(r, types[i], unsigned[i]));
      }
    }
    return new StmtExecute(id, flags, values, types, unsigned);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StmtExecute e
        && e.statementId == statementId
        && e.flags == flags
        && e.values.equals(values)
        && Arrays.equals(e.types, types)
        && Arrays.equals(e.unsignedFlags, unsignedFlags);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(statementId) * 31 + Arrays.hashCode(types);
  }
}
