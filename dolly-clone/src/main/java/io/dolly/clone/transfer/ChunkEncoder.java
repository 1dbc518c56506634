package io.dolly.clone.transfer;

import com.github.luben.zstd.Zstd;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Encodes chunks on the donor with the codec the recipient asked for, but sends a chunk raw
 * whenever the compressed form is not smaller (already-compressed pages, encrypted data): the
 * recipient then skips decompression and the wire never carries more than the raw bytes.
 *
 * <p>One encoder per sending thread: it reuses a scratch buffer.
 */
public final class ChunkEncoder {
  /** zstd level 1: about 0.25 GB/s per core here, the most the network gains from. */
  public static final int ZSTD_LEVEL = 1;

  private static final LZ4Compressor LZ4 = LZ4Factory.fastestInstance().fastCompressor();

  private final ChunkCodec preferred;
  private byte[] scratch = new byte[0];

  public ChunkEncoder(ChunkCodec preferred) {
    this.preferred = preferred;
  }

  public ChunkCodec preferred() {
    return preferred;
  }

  /**
   * The chunk {@code raw[offset, offset + length)} for the wire. Sent raw and spanning the whole
   * array, the chunk is {@code raw} itself, not a copy (the bulk path of an uncompressed clone), so
   * the caller must not change {@code raw} while the chunk is in use.
   */
  public EncodedChunk encode(byte[] raw, int offset, int length) {
    int crc = RawChecksum.of(raw, offset, length);
    int compressed = compress(raw, offset, length);
    if (compressed > 0 && compressed < length) {
      byte[] out = new byte[compressed];
      System.arraycopy(scratch, 0, out, 0, compressed);
      return new EncodedChunk(preferred, out, length, crc);
    }
    if (offset == 0 && length == raw.length) {
      return new EncodedChunk(ChunkCodec.NONE, raw, length, crc);
    }
    byte[] out = new byte[length];
    System.arraycopy(raw, offset, out, 0, length);
    return new EncodedChunk(ChunkCodec.NONE, out, length, crc);
  }

  /** Compresses into {@link #scratch}; returns the size, or -1 when not compressed. */
  private int compress(byte[] raw, int offset, int length) {
    switch (preferred) {
      case NONE -> {
        return -1;
      }
      case ZSTD -> {
        ensure((int) Math.min(Integer.MAX_VALUE - 8, Zstd.compressBound(length)));
        long n =
            Zstd.compressByteArray(scratch, 0, scratch.length, raw, offset, length, ZSTD_LEVEL);
        return Zstd.isError(n) ? -1 : (int) n;
      }
      case LZ4 -> {
        ensure(LZ4.maxCompressedLength(length));
        return LZ4.compress(raw, offset, length, scratch, 0, scratch.length);
      }
      default -> throw new AssertionError(preferred);
    }
  }

  private void ensure(int size) {
    if (scratch.length < size) {
      scratch = new byte[size];
    }
  }
}
