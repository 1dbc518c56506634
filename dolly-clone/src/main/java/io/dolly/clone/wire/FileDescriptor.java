package io.dolly.clone.wire;

/**
 * A file of the snapshot. The path is only syntactically checked here; the recipient's {@code
 * TargetDirectory} decides whether it is safe to create.
 *
 * <pre>
 *   u32     file index (0 .. 2^31-1), what chunks refer to
 *   string  path relative to the data directory, '/'-separated (1 .. 1024 bytes)
 *   u64     size in bytes (0 .. 2^62)
 *   u32     flags: bit0 REDO_LOG, bit1 SYSTEM, bit2 DELETED (other bits must be 0)
 * </pre>
 */
public record FileDescriptor(int fileIndex, String path, long size, int flags)
    implements DataDescriptor {
  public static final int FLAG_REDO_LOG = 1;
  public static final int FLAG_SYSTEM = 1 << 1;
  public static final int FLAG_DELETED = 1 << 2;
  static final int KNOWN_FLAGS = FLAG_REDO_LOG | FLAG_SYSTEM | FLAG_DELETED;

  /** Far beyond any real file and small enough that offset arithmetic never overflows. */
  public static final long MAX_SIZE = 1L << 62;

  public FileDescriptor {
    if (fileIndex < 0) {
      throw CloneProtocol.malformed("file index " + fileIndex + " is negative");
    }
    Strings.check("file path", path, 1, CloneProtocol.MAX_PATH_BYTES);
    if (size < 0 || size > MAX_SIZE) {
      throw CloneProtocol.malformed("file size " + size + " out of range");
    }
    if ((flags & ~KNOWN_FLAGS) != 0) {
      throw CloneProtocol.malformed("file flags 0x" + Integer.toHexString(flags) + " unknown");
    }
  }

  @Override
  public int kind() {
    return KIND_FILE;
  }

  @Override
  public void write(FieldWriter w) {
    w.u32(fileIndex).string(path).u64(size).u32(flags);
  }

  static FileDescriptor read(FieldReader r) {
    int index = r.u32In("file index", 0, Integer.MAX_VALUE);
    String path = r.string("file path", CloneProtocol.MAX_PATH_BYTES);
    long size = r.u64In("file size", 0, MAX_SIZE);
    int flags = r.u32In("file flags", 0, KNOWN_FLAGS);
    return new FileDescriptor(index, path, size, flags);
  }
}
