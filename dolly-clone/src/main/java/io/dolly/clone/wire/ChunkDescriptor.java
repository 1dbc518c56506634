package io.dolly.clone.wire;

import io.dolly.clone.CloneStage;
import io.dolly.clone.transfer.ChunkCodec;

/**
 * One data chunk; the DATA response that follows carries its encoded bytes.
 *
 * <pre>
 *   u8   stage code (FILE COPY, PAGE COPY, REDO COPY)
 *   u32  file index
 *   u64  offset in the file (0 .. 2^62)
 *   u32  encoded length on the wire (1 .. MAX_WIRE_CHUNK_BYTES)
 *   u8   codec id (0 none, 1 zstd, 2 lz4)
 *   u32  raw length (1 .. MAX_CHUNK_BYTES); equals the encoded length for codec none
 *   u32  CRC32C of the raw bytes
 * </pre>
 */
public record ChunkDescriptor(
    CloneStage stage,
    int fileIndex,
    long offset,
    int length,
    ChunkCodec codec,
    int rawLength,
    int crc32c)
    implements DataDescriptor {
  public ChunkDescriptor {
    if (stage == null || !stage.carriesData()) {
      throw CloneProtocol.malformed("chunk stage " + stage + " carries no data");
    }
    if (fileIndex < 0) {
      throw CloneProtocol.malformed("chunk file index " + fileIndex + " is negative");
    }
    if (offset < 0 || offset > FileDescriptor.MAX_SIZE) {
      throw CloneProtocol.malformed("chunk offset " + offset + " out of range");
    }
    if (length < 1 || length > CloneProtocol.MAX_WIRE_CHUNK_BYTES) {
      throw CloneProtocol.malformed("chunk length " + length + " out of range");
    }
    if (rawLength < 1 || rawLength > CloneProtocol.MAX_CHUNK_BYTES) {
      throw CloneProtocol.malformed("chunk raw length " + rawLength + " out of range");
    }
    if (codec == null) {
      throw CloneProtocol.malformed("chunk without codec");
    }
    if (codec == ChunkCodec.NONE && length != rawLength) {
      throw CloneProtocol.malformed(
          "uncompressed chunk length " + length + " differs from raw length " + rawLength);
    }
  }

  /** Where this chunk stands once applied, for ACK and REINIT. */
  public ChunkPosition position() {
    return new ChunkPosition(stage, fileIndex, offset, rawLength);
  }

  @Override
  public int kind() {
    return KIND_CHUNK;
  }

  @Override
  public void write(FieldWriter w) {
    w.u8(stage.code())
        .u32(fileIndex)
        .u64(offset)
        .u32(length)
        .u8(codec.id())
        .u32(rawLength)
        .u32(Integer.toUnsignedLong(crc32c));
  }

  static ChunkDescriptor read(FieldReader r) {
    int code = r.u8("stage");
    CloneStage stage = CloneStage.ofCode(code);
    if (stage == null) {
      throw r.invalid("names unknown stage " + code);
    }
    int file = r.u32In("file index", 0, Integer.MAX_VALUE);
    long offset = r.u64In("offset", 0, FileDescriptor.MAX_SIZE);
    int length = r.u32In("length", 1, CloneProtocol.MAX_WIRE_CHUNK_BYTES);
    int codecId = r.u8("codec");
    ChunkCodec codec = ChunkCodec.ofId(codecId);
    if (codec == null) {
      throw r.invalid("names unknown codec " + codecId);
    }
    int raw = r.u32In("raw length", 1, CloneProtocol.MAX_CHUNK_BYTES);
    int crc = (int) r.u32("crc32c");
    return new ChunkDescriptor(stage, file, offset, length, codec, raw, crc);
  }
}
