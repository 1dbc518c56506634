package io.dolly.clone.wire;

/**
 * DATA_DESC: one descriptor — a file, a data chunk (followed by its DATA), a redo range, or a stage
 * change.
 *
 * <pre>
 *   u8   kind (1 file, 2 chunk, 3 redo range, 4 stage change)
 *   ...  the kind's fields
 * </pre>
 */
public record DataDescResponse(DataDescriptor descriptor) implements CloneResponse {
  public DataDescResponse {
    if (descriptor == null) {
      throw CloneProtocol.malformed("DATA_DESC without descriptor");
    }
  }

  @Override
  public int code() {
    return CloneProtocol.RES_DATA_DESC;
  }

  @Override
  public byte[] encode() {
    FieldWriter w = new FieldWriter(CloneProtocol.RES_DATA_DESC).u8(descriptor.kind());
    descriptor.write(w);
    return w.toByteArray();
  }

  public static DataDescResponse decode(byte[] packet) {
    FieldReader r = FieldReader.open(packet, CloneProtocol.RES_DATA_DESC, "DATA_DESC");
    int kind = r.u8("kind");
    DataDescriptor d =
        switch (kind) {
          case DataDescriptor.KIND_FILE -> FileDescriptor.read(r);
          case DataDescriptor.KIND_CHUNK -> ChunkDescriptor.read(r);
          case DataDescriptor.KIND_REDO_RANGE -> RedoRangeDescriptor.read(r);
          case DataDescriptor.KIND_STAGE -> StageChange.read(r);
          default -> throw r.invalid("has unknown descriptor kind " + kind);
        };
    r.end();
    return new DataDescResponse(d);
  }
}
