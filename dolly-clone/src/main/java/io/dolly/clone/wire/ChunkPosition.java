package io.dolly.clone.wire;

import io.dolly.clone.CloneStage;

/**
 * One applied chunk: where the recipient's copy stands, sent in ACK and REINIT so that a donor can
 * resume after a network failure instead of starting over.
 *
 * <pre>
 *   u8   stage code (FILE COPY, PAGE COPY or REDO COPY)
 *   u32  file index
 *   u64  offset in the file
 *   u32  raw length (1 .. MAX_CHUNK_BYTES)
 * </pre>
 */
public record ChunkPosition(CloneStage stage, int fileIndex, long offset, int length) {
  public ChunkPosition {
    if (stage == null || !stage.carriesData()) {
      throw CloneProtocol.malformed("chunk position stage " + stage + " carries no data");
    }
    if (fileIndex < 0) {
      throw CloneProtocol.malformed("chunk position file index " + fileIndex + " is negative");
    }
    if (offset < 0 || length < 1 || length > CloneProtocol.MAX_CHUNK_BYTES) {
      throw CloneProtocol.malformed("chunk position range " + offset + "+" + length + " invalid");
    }
    if (offset > Long.MAX_VALUE - length) {
      throw CloneProtocol.malformed("chunk position " + offset + "+" + length + " overflows");
    }
  }

  /** The offset just past this chunk. */
  public long end() {
    return offset + length;
  }

  void write(FieldWriter w) {
    w.u8(stage.code()).u32(fileIndex).u64(offset).u32(length);
  }

  static ChunkPosition read(FieldReader r) {
    int code = r.u8("stage");
    CloneStage stage = CloneStage.ofCode(code);
    if (stage == null) {
      throw r.invalid("names unknown stage " + code);
    }
    int file = r.u32In("file index", 0, Integer.MAX_VALUE);
    long offset = r.u64In("offset", 0, Long.MAX_VALUE);
    int length = r.u32In("length", 1, CloneProtocol.MAX_CHUNK_BYTES);
    return new ChunkPosition(stage, file, offset, length);
  }

  /** Writes {@code u8 present} then the position when present. */
  static void writeOptional(FieldWriter w, ChunkPosition p) {
    w.bool(p != null);
    if (p != null) {
      p.write(w);
    }
  }

  static ChunkPosition readOptional(FieldReader r) {
    return r.bool("has last applied chunk") ? read(r) : null;
  }
}
