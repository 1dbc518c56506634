package io.dolly.sql.sysvar;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code <datadir>/mysqld-auto.cnf}: the values of SET PERSIST and SET PERSIST_ONLY, in MySQL 8.0's
 * JSON layout (format version 2) so that a MySQL user recognises and can edit it:
 *
 * <pre>
 * { "Version" : 2 , "mysql_dynamic_variables" : {
 *     "max_connections" : { "Value" : "200" , "Metadata" : {
 *         "Timestamp" : 1700000000000000 , "User" : "root" , "Host" : "localhost" } } } ,
 *   "mysql_static_variables" : { ... read-only variables set with PERSIST_ONLY ... } }
 * </pre>
 *
 * Values are always JSON strings; the timestamp is microseconds since the epoch. The file is
 * replaced atomically (temporary file, fsync, rename).
 */
public final class PersistedVariables {
  public static final String FILE_NAME = "mysqld-auto.cnf";
  static final String DYNAMIC_SECTION = "mysql_dynamic_variables";
  static final String STATIC_SECTION = "mysql_static_variables";
  static final int FORMAT_VERSION = 2;

  /** One persisted value with who set it and when. */
  public record Entry(
      String value, long timestampMicros, String user, String host, boolean isStatic) {}

  private final Path file;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  private PersistedVariables(Path file) {
    this.file = file;
  }

  /** Reads the file of a data directory; a missing file is an empty set. */
  public static PersistedVariables load(Path datadir) throws IOException {
    PersistedVariables p = new PersistedVariables(datadir.resolve(FILE_NAME));
    if (Files.exists(p.file)) {
      Object root = new JsonReader(Files.readString(p.file, StandardCharsets.UTF_8)).read();
      if (root instanceof Map<?, ?> top) {
        p.readSection(top.get(DYNAMIC_SECTION), false);
        p.readSection(top.get(STATIC_SECTION), true);
        // Format version 1 kept everything under "mysql_server".
        p.readSection(top.get("mysql_server"), false);
      }
    }
    return p;
  }

  private void readSection(Object section, boolean isStatic) {
    if (!(section instanceof Map<?, ?> vars)) {
      return;
    }
    for (Map.Entry<?, ?> e : vars.entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> body) || !body.containsKey("Value")) {
        continue;
      }
      String user = "";
      String host = "";
      long ts = 0;
      if (body.get("Metadata") instanceof Map<?, ?> meta) {
        user = String.valueOf(meta.get("User"));
        host = String.valueOf(meta.get("Host"));
        if (meta.get("Timestamp") instanceof Number n) {
          ts = n.longValue();
        }
      }
      entries.put(
          String.valueOf(e.getKey()),
          new Entry(String.valueOf(body.get("Value")), ts, user, host, isStatic));
    }
  }

  public synchronized Map<String, Entry> entries() {
    return Map.copyOf(entries);
  }

  public synchronized void put(String name, Entry entry) throws IOException {
    entries.put(name, entry);
    write();
  }

  /** Removes one entry; false when it was not there. */
  public synchronized boolean remove(String name) throws IOException {
    if (entries.remove(name) == null) {
      return false;
    }
    write();
    return true;
  }

  public synchronized void clear() throws IOException {
    entries.clear();
    write();
  }

  private void write() throws IOException {
    StringBuilder sb = new StringBuilder("{ \"Version\" : ").append(FORMAT_VERSION);
    appendSection(sb, DYNAMIC_SECTION, false);
    appendSection(sb, STATIC_SECTION, true);
    sb.append(" }");
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    Files.createDirectories(file.getParent());
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private void appendSection(StringBuilder sb, String section, boolean isStatic) {
    boolean any = entries.values().stream().anyMatch(e -> e.isStatic() == isStatic);
    if (!any) {
      return;
    }
    sb.append(" , ").append(quote(section)).append(" : { ");
    boolean first = true;
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      Entry v = e.getValue();
      if (v.isStatic() != isStatic) {
        continue;
      }
      sb.append(first ? "" : " , ");
      first = false;
      sb.append(quote(e.getKey()))
          .append(" : { \"Value\" : ")
          .append(quote(v.value()))
          .append(" , \"Metadata\" : { \"Timestamp\" : ")
          .append(v.timestampMicros())
          .append(" , \"User\" : ")
          .append(quote(v.user()))
          .append(" , \"Host\" : ")
          .append(quote(v.host()))
          .append(" } }");
    }
    sb.append(" }");
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
