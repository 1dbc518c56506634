package io.dolly.storage.catalog;

import io.dolly.storage.StorageFormatException;
import io.dolly.storage.record.Collation;
import io.dolly.storage.record.ColumnKind;
import io.dolly.storage.record.ColumnSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of dictionary records (keys and values of the dictionary tree in {@code mysql.ibd}).
 * All integers are big-endian; {@code str} is a 4-byte length then UTF-8 bytes, {@code nstr} the
 * same with length -1 for null. Names in keys are UTF-8 (MySQL names cannot contain 0x00).
 *
 * <pre>
 * key                                   value
 * 0x01 schema                           schema record
 * 0x02 schema 0x00 table                table record
 * 0x03 space id (4)                     auto-increment counter: next value (8); not transactional
 *
 * schema record  version (1) = 1 | str charset | str collation
 *                | flags (1): 0x01 default encryption, 0x02 read only
 * table record   version (1) = 1 | space id (4) | str file | clustered root (4)
 *                | column count (2) | columns | index count (2) | indexes
 *                | option count (2) | options: str name, str value
 * column         str name | str kind (ColumnKind name) | flags (1): 0x01 unsigned, 0x02 nullable,
 *                0x04 has default, 0x08 auto-increment | length (4) | precision (1) | scale (1)
 *                | fsp (1) | nstr collation | str type text | nstr default | str comment
 * index          str name | str kind (IndexKind name) | root page (4) | column count (2)
 *                | per column: str name, prefix length (4)
 * </pre>
 *
 * A reader refuses versions it does not know, so a newer format is never misread.
 */
final class DefinitionCodec {
  static final byte SCHEMA = 0x01;
  static final byte TABLE = 0x02;
  static final byte COUNTER = 0x03;
  static final int VERSION = 1;

  private DefinitionCodec() {}

  // ------------------------------------------------------------------ keys

  static byte[] schemaKey(String schema) {
    byte[] name = utf8(schema);
    byte[] key = new byte[1 + name.length];
    key[0] = SCHEMA;
    System.arraycopy(name, 0, key, 1, name.length);
    return key;
  }

  /** The prefix of the keys of every table in {@code schema}. */
  static byte[] tablePrefix(String schema) {
    byte[] name = utf8(schema);
    byte[] key = new byte[2 + name.length];
    key[0] = TABLE;
    System.arraycopy(name, 0, key, 1, name.length);
    return key;
  }

  static byte[] tableKey(String schema, String table) {
    byte[] prefix = tablePrefix(schema);
    byte[] name = utf8(table);
    byte[] key = new byte[prefix.length + name.length];
    System.arraycopy(prefix, 0, key, 0, prefix.length);
    System.arraycopy(name, 0, key, prefix.length, name.length);
    return key;
  }

  static byte[] counterKey(int spaceId) {
    return new byte[] {
      COUNTER,
      (byte) (spaceId >>> 24),
      (byte) (spaceId >>> 16),
      (byte) (spaceId >>> 8),
      (byte) spaceId
    };
  }

  static int counterSpace(byte[] key) {
    return ((key[1] & 0xFF) << 24)
        | ((key[2] & 0xFF) << 16)
        | ((key[3] & 0xFF) << 8)
        | (key[4] & 0xFF);
  }

  static String schemaName(byte[] key) {
    return new String(key, 1, key.length - 1, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ values

  static byte[] encodeCounter(long next) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) next;
      next >>>= 8;
    }
    return b;
  }

  static long decodeCounter(byte[] b) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }

  static byte[] encodeSchema(SchemaDefinition s) {
    return write(
        out -> {
          out.writeByte(VERSION);
          str(out, s.charset());
          str(out, s.collation());
          out.writeByte((s.defaultEncryption() ? 1 : 0) | (s.readOnly() ? 2 : 0));
        });
  }

  static SchemaDefinition decodeSchema(String name, byte[] value) {
    DataInputStream in = input(value, "schema " + name);
    try {
      String charset = str(in);
      String collation = str(in);
      int flags = in.readUnsignedByte();
      return new SchemaDefinition(name, charset, collation, (flags & 1) != 0, (flags & 2) != 0);
    } catch (IOException e) {
      throw corrupt("schema " + name, e);
    }
  }

  static byte[] encodeTable(StoredTable t) {
    TableDefinition d = t.definition();
    return write(
        out -> {
          out.writeByte(VERSION);
          out.writeInt(t.spaceId());
          str(out, t.file());
          out.writeInt(t.clusteredRoot());
          out.writeShort(d.columns().size());
          for (ColumnDefinition c : d.columns()) {
            ColumnSpec s = c.spec();
            str(out, c.name());
            str(out, s.kind().name());
            out.writeByte(
                (s.unsigned() ? 1 : 0)
                    | (s.nullable() ? 2 : 0)
                    | (c.hasDefault() ? 4 : 0)
                    | (c.autoIncrement() ? 8 : 0));
            out.writeInt(s.length());
            out.writeByte(s.precision());
            out.writeByte(s.scale());
            out.writeByte(s.fsp());
            nstr(out, s.collation() == null ? null : s.collation().mysqlName());
            str(out, c.typeText());
            nstr(out, c.defaultValue());
            str(out, c.comment() == null ? "" : c.comment());
          }
          out.writeShort(d.indexes().size());
          for (int i = 0; i < d.indexes().size(); i++) {
            IndexDefinition x = d.indexes().get(i);
            str(out, x.name());
            str(out, x.kind().name());
            out.writeInt(t.indexRoots().get(i));
            out.writeShort(x.columns().size());
            for (int j = 0; j < x.columns().size(); j++) {
              str(out, x.columns().get(j));
              out.writeInt(x.prefixLengths().get(j));
            }
          }
          out.writeShort(d.options().size());
          for (Map.Entry<String, String> o : d.options().entrySet()) {
            str(out, o.getKey());
            str(out, o.getValue());
          }
        });
  }

  /** Decodes a table record, its schema and name taken from the key. */
  static StoredTable decodeTable(byte[] key, byte[] value) {
    int sep = 1;
    while (sep < key.length && key[sep] != 0) {
      sep++;
    }
    if (sep == key.length) {
      throw new StorageFormatException("data dictionary table key without a separator");
    }
    String schema = new String(key, 1, sep - 1, StandardCharsets.UTF_8);
    String name = new String(key, sep + 1, key.length - sep - 1, StandardCharsets.UTF_8);
    return decodeTable(schema, name, value);
  }

  static StoredTable decodeTable(String schema, String name, byte[] value) {
    String what = "table " + schema + "." + name;
    DataInputStream in = input(value, what);
    try {
      int spaceId = in.readInt();
      String file = str(in);
      int clusteredRoot = in.readInt();
      List<ColumnDefinition> columns = new ArrayList<>();
      for (int n = in.readUnsignedShort(); n > 0; n--) {
        String col = str(in);
        ColumnKind kind = ColumnKind.valueOf(str(in));
        int flags = in.readUnsignedByte();
        int length = in.readInt();
        int precision = in.readUnsignedByte();
        int scale = in.readUnsignedByte();
        int fsp = in.readUnsignedByte();
        String collation = nstr(in);
        ColumnSpec spec =
            new ColumnSpec(
                kind,
                (flags & 1) != 0,
                length,
                precision,
                scale,
                fsp,
                collation == null ? null : Collation.byName(collation),
                (flags & 2) != 0);
        String typeText = str(in);
        String defaultValue = nstr(in);
        String comment = str(in);
        columns.add(
            new ColumnDefinition(
                col, spec, typeText, (flags & 4) != 0, defaultValue, (flags & 8) != 0, comment));
      }
      List<IndexDefinition> indexes = new ArrayList<>();
      List<Integer> roots = new ArrayList<>();
      for (int n = in.readUnsignedShort(); n > 0; n--) {
        String index = str(in);
        IndexKind kind = IndexKind.valueOf(str(in));
        roots.add(in.readInt());
        List<String> cols = new ArrayList<>();
        List<Integer> prefixes = new ArrayList<>();
        for (int k = in.readUnsignedShort(); k > 0; k--) {
          cols.add(str(in));
          prefixes.add(in.readInt());
        }
        indexes.add(new IndexDefinition(index, kind, cols, prefixes));
      }
      Map<String, String> options = new LinkedHashMap<>();
      for (int n = in.readUnsignedShort(); n > 0; n--) {
        options.put(str(in), str(in));
      }
      return new StoredTable(
          new TableDefinition(schema, name, columns, indexes, options),
          spaceId,
          file,
          clusteredRoot,
          roots);
    } catch (IOException | IllegalArgumentException e) {
      throw corrupt(what, e);
    }
  }

  // ------------------------------------------------------------------ primitives

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] write(Writer w) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      w.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static DataInputStream input(byte[] value, String what) {
    if (value.length == 0 || value[0] != VERSION) {
      throw new StorageFormatException(
          "data dictionary record of "
              + what
              + " has format version "
              + (value.length == 0 ? "(none)" : value[0] & 0xFF)
              + "; this server reads version "
              + VERSION);
    }
    return new DataInputStream(new ByteArrayInputStream(value, 1, value.length - 1));
  }

  private static StorageFormatException corrupt(String what, Exception e) {
    return new StorageFormatException(
        "data dictionary record of " + what + " is damaged: " + e.getMessage());
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void str(DataOutputStream out, String s) throws IOException {
    byte[] b = utf8(s);
    out.writeInt(b.length);
    out.write(b);
  }

  private static void nstr(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
    } else {
      str(out, s);
    }
  }

  private static String str(DataInputStream in) throws IOException {
    String s = nstr(in);
    if (s == null) {
      throw new IOException("unexpected null string");
    }
    return s;
  }

  private static String nstr(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }
}
