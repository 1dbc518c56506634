package io.dolly.server;

import io.dolly.protocol.ColumnType;
import io.dolly.protocol.binary.StmtExecute;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.exec.PreparedQuery;
import io.dolly.sql.exec.Value;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection's server-side prepared statements (COM_STMT_*): the parsed statement, the
 * parameter types bound by the last execution, and data sent with COM_STMT_SEND_LONG_DATA.
 */
final class PreparedStatements {
  /**
   * MySQL's default {@code max_prepared_stmt_count} is per server; a per-connection cap suffices.
   */
  private static final int MAX_PER_CONNECTION = 16_382;

  static final class Prepared {
    final long id;
    final PreparedQuery query;
    int[] types;
    boolean[] unsigned;
    final ByteArrayOutputStream[] longData;

    Prepared(long id, PreparedQuery query) {
      this.id = id;
      this.query = query;
      this.longData = new ByteArrayOutputStream[query.parameterCount()];
    }

    byte[][] takeLongData() {
      byte[][] out = null;
      for (int i = 0; i < longData.length; i++) {
        if (longData[i] != null) {
          if (out == null) {
            out = new byte[longData.length][];
          }
          out[i] = longData[i].toByteArray();
          longData[i] = null;
        }
      }
      return out;
    }
  }

  private final Map<Long, Prepared> byId = new HashMap<>();
  private long nextId = 1;

  Prepared add(PreparedQuery query) {
    if (byId.size() >= MAX_PER_CONNECTION) {
      throw new MysqlException(ErrorCode.ER_UNKNOWN_ERROR);
    }
    Prepared p = new Prepared(nextId++, query);
    byId.put(p.id, p);
    return p;
  }

  /** The statement, or 1243 as MySQL answers for an unknown handler. */
  Prepared require(long id, String command) {
    Prepared p = byId.get(id);
    if (p == null) {
      throw new MysqlException(ErrorCode.ER_UNKNOWN_STMT_HANDLER, String.valueOf(id), command);
    }
    return p;
  }

  Prepared find(long id) {
    return byId.get(id);
  }

  void remove(long id) {
    byId.remove(id);
  }

  void clear() {
    byId.clear();
  }

  /** The execute packet's parameters as SQL values, by the types the client bound. */
  static List<Value> values(StmtExecute exec) {
    List<Value> out = new ArrayList<>(exec.values().size());
    for (int i = 0; i < exec.values().size(); i++) {
      out.add(value(exec.values().get(i), exec.types()[i]));
    }
    return out;
  }

  private static Value value(Object v, int type) {
    return switch (v) {
      case null -> Value.NULL;
      case Long l -> Value.of(l);
      case BigInteger b -> Value.of(new BigDecimal(b));
      case Double d -> Value.ofDouble(d);
      case String s -> Value.of(s);
      case byte[] bytes -> bytesValue(bytes, type);
      default -> throw new IllegalStateException("unexpected parameter " + v.getClass());
    };
  }

  private static Value bytesValue(byte[] bytes, int type) {
    ColumnType t;
    try {
      t = ColumnType.ofCode(type);
    } catch (IllegalArgumentException e) {
      t = ColumnType.BLOB;
    }
    return switch (t) {
      case DECIMAL, NEWDECIMAL -> {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        try {
          yield Value.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
          yield Value.of(text);
        }
      }
      case TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, BLOB, GEOMETRY, BIT -> Value.ofBytes(bytes);
      default -> {
        // Text the client's character set cannot represent is kept as bytes, so that binary data
        // sent with a string type (as setBytes does in some drivers) arrives unchanged.
        try {
          yield Value.of(
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT)
                  .decode(ByteBuffer.wrap(bytes))
                  .toString());
        } catch (CharacterCodingException e) {
          yield Value.ofBytes(bytes);
        }
      }
    };
  }
}
