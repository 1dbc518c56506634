package io.dolly.clone.transfer;

import com.github.luben.zstd.Zstd;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Turns a chunk from the wire back into raw bytes on the recipient and proves them correct before
 * anything is written: the output buffer is exactly the announced raw length (a decompression bomb
 * cannot make it grow), the codec must produce exactly that many bytes, and the CRC32C of the
 * result must match. Any failure is 3863.
 */
public final class ChunkDecoder {
  private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();

  /** No chunk is larger than one MySQL packet; bounds the buffer whatever a caller passes. */
  public static final int MAX_RAW_LENGTH = 16 * 1024 * 1024;

  private ChunkDecoder() {}

  /**
   * The raw bytes of a chunk that arrived as {@code wire} encoded with {@code codec}, after
   * checking their announced length and CRC32C; 3863 on any mismatch.
   */
  public static byte[] decode(ChunkCodec codec, byte[] wire, int rawLength, int expectedCrc32c) {
    if (rawLength < 0 || rawLength > MAX_RAW_LENGTH) {
      throw malformed("chunk raw length " + rawLength + " out of range");
    }
    byte[] raw =
        switch (codec) {
          case NONE -> {
            if (wire.length != rawLength) {
              throw malformed(
                  "uncompressed chunk has " + wire.length + " bytes, announced " + rawLength);
            }
            yield wire;
          }
          case ZSTD -> zstd(wire, rawLength);
          case LZ4 -> lz4(wire, rawLength);
        };
    int actual = RawChecksum.of(raw, 0, raw.length);
    if (actual != expectedCrc32c) {
      throw malformed(
          String.format(
              "chunk checksum mismatch: CRC32C %08x, announced %08x", actual, expectedCrc32c));
    }
    return raw;
  }

  private static byte[] zstd(byte[] wire, int rawLength) {
    byte[] out = new byte[rawLength];
    long n;
    try {
      n = Zstd.decompressByteArray(out, 0, rawLength, wire, 0, wire.length);
    } catch (RuntimeException e) {
      throw malformed("zstd chunk does not decompress: " + e.getMessage());
    }
    if (Zstd.isError(n)) {
      throw malformed("zstd chunk does not decompress: " + Zstd.getErrorName(n));
    }
    if (n != rawLength) {
      throw malformed("zstd chunk decompressed to " + n + " bytes, announced " + rawLength);
    }
    return out;
  }

  private static byte[] lz4(byte[] wire, int rawLength) {
    // Output beyond rawLength makes the safe decompressor throw: the buffer never grows.
    byte[] out = new byte[rawLength];
    int n;
    try {
      n = LZ4.decompress(wire, 0, wire.length, out, 0, out.length);
    } catch (RuntimeException e) {
      throw malformed("lz4 chunk does not decompress: " + e.getMessage());
    }
    if (n != rawLength) {
      throw malformed("lz4 chunk decompressed to " + n + " bytes, announced " + rawLength);
    }
    return out;
  }

  private static MysqlException malformed(String what) {
    return new MysqlException(ErrorCode.ER_CLONE_PROTOCOL, what);
  }
}
