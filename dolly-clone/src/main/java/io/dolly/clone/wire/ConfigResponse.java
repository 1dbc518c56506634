package io.dolly.clone.wire;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CONFIG: the donor's settings the recipient validates before any data moves (version, OS,
 * platform, page size, character sets, max_allowed_packet) or uses (the estimate, the resume
 * timeout). Names are unique.
 *
 * <pre>
 *   u16  count (0 .. 256)
 *   count × { string name (1 .. 64 bytes), string value (0 .. 1024 bytes) }
 * </pre>
 */
public record ConfigResponse(List<Entry> entries) implements CloneResponse {
  public static final String VERSION = "version";
  public static final String VERSION_COMPILE_OS = "version_compile_os";
  public static final String VERSION_COMPILE_MACHINE = "version_compile_machine";
  public static final String INNODB_PAGE_SIZE = "innodb_page_size";
  public static final String CHARACTER_SET_SERVER = "character_set_server";
  public static final String COLLATION_SERVER = "collation_server";
  public static final String MAX_ALLOWED_PACKET = "max_allowed_packet";
  public static final String ESTIMATED_BYTES = "estimated_bytes";

  /** The donor's instance id (32 hex digits): a clone's files and redo carry it. */
  public static final String INSTANCE_ID = "instance_id";

  /** Bytes per redo file, so the copy's redo files are the donor's size. */
  public static final String REDO_FILE_CAPACITY = "redo_file_capacity";

  public static final String DONOR_TIMEOUT_AFTER_NETWORK_FAILURE =
      "clone_donor_timeout_after_network_failure";

  public static final int MAX_ENTRIES = 256;
  public static final int MAX_NAME_BYTES = 64;
  public static final int MAX_VALUE_BYTES = 1024;

  /** One donor setting. */
  public record Entry(String name, String value) {
    public Entry {
      Strings.check("CONFIG name", name, 1, MAX_NAME_BYTES);
      Strings.check("CONFIG value of " + name, value, 0, MAX_VALUE_BYTES);
    }
  }

  public ConfigResponse {
    if (entries == null || entries.size() > MAX_ENTRIES) {
      throw CloneProtocol.malformed("CONFIG entry count out of range");
    }
    entries = List.copyOf(entries);
    Set<String> seen = new HashSet<>();
    for (Entry e : entries) {
      if (!seen.add(e.name())) {
        throw CloneProtocol.malformed("CONFIG names " + e.name() + " twice");
      }
    }
  }

  /** The value of {@code name}, if the donor sent it. */
  public Optional<String> value(String name) {
    return entries.stream().filter(e -> e.name().equals(name)).map(Entry::value).findFirst();
  }

  @Override
  public int code() {
    return CloneProtocol.RES_CONFIG;
  }

  @Override
  public byte[] encode() {
    FieldWriter w = new FieldWriter(CloneProtocol.RES_CONFIG).u16(entries.size());
    for (Entry e : entries) {
      w.string(e.name()).string(e.value());
    }
    return w.toByteArray();
  }

  public static ConfigResponse decode(byte[] packet) {
    FieldReader r = FieldReader.open(packet, CloneProtocol.RES_CONFIG, "CONFIG");
    int count = r.u16("count");
    if (count > MAX_ENTRIES) {
      throw r.invalid("has " + count + " entries, more than " + MAX_ENTRIES);
    }
    Entry[] entries = new Entry[count];
    for (int i = 0; i < count; i++) {
      String name = r.string("name", MAX_NAME_BYTES);
      entries[i] = new Entry(name, r.string("value", MAX_VALUE_BYTES));
    }
    r.end();
    return new ConfigResponse(List.of(entries));
  }
}
