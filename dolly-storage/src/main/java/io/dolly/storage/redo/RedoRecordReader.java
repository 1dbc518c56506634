package io.dolly.storage.redo;

import java.nio.ByteBuffer;

/** Decodes the records of one group body (layouts in {@link RedoRecordType}). */
public final class RedoRecordReader {
  private RedoRecordReader() {}

  /**
   * Visits every record of {@code body} (position to limit).
   *
   * @throws IllegalStateException if the body is malformed (cannot happen for a group whose CRC
   *     matched, unless the writer has a bug)
   */
  public static void read(ByteBuffer body, int pageSize, RedoRecordVisitor v) {
    ByteBuffer b = body.slice();
    int p = 0;
    int end = b.limit();
    while (p < end) {
      int type = Byte.toUnsignedInt(b.get(p));
      if (type >= RedoRecordType.FIRST_EXTENSION) {
        int n = b.getInt(p + 1);
        v.extension(type, b.slice(p + 5, n).asReadOnlyBuffer());
        p += 5 + n;
        continue;
      }
      int space = b.getInt(p + 1);
      int page = b.getInt(p + 5);
      p += 9;
      switch (type) {
        case RedoRecordType.WRITE -> {
          int off = RedoRecordWriter.u16At(b, p);
          int n = RedoRecordWriter.u16At(b, p + 2);
          v.write(space, page, off, b.slice(p + 4, n));
          p += 4 + n;
        }
        case RedoRecordType.FILL -> {
          v.fill(
              space,
              page,
              RedoRecordWriter.u16At(b, p),
              RedoRecordWriter.u16At(b, p + 2),
              b.get(p + 4));
          p += 5;
        }
        case RedoRecordType.MOVE -> {
          v.move(
              space,
              page,
              RedoRecordWriter.u16At(b, p),
              RedoRecordWriter.u16At(b, p + 2),
              RedoRecordWriter.u16At(b, p + 4));
          p += 6;
        }
        case RedoRecordType.INIT -> {
          v.init(space, page, RedoRecordWriter.u16At(b, p));
          p += 2;
        }
        case RedoRecordType.IMAGE -> {
          v.image(space, page, b.slice(p, pageSize));
          p += pageSize;
        }
        default -> throw new IllegalStateException("unknown redo record type " + type);
      }
    }
  }
}
