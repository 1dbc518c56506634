package io.dolly.clone.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.luben.zstd.Zstd;
import io.dolly.protocol.error.MysqlException;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

class ChunkCodecTest {
  private static final long SEED = Long.getLong("clone.codec.seed", System.nanoTime());

  private static byte[] compressible(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i % 17 == 0 ? i : 'a');
    }
    return b;
  }

  private static byte[] random(int n, SplittableRandom r) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  @Test
  void roundTripsEveryCodecAndFallsBackToRawWhenCompressionDoesNotHelp() {
    SplittableRandom r = new SplittableRandom(SEED);
    for (ChunkCodec codec : ChunkCodec.values()) {
      for (int size : new int[] {1, 100, 16384, 1 << 20}) {
        byte[] text = compressible(size);
        EncodedChunk c = new ChunkEncoder(codec).encode(text, 0, size);
        if (codec != ChunkCodec.NONE && size >= 16384) {
          assertThat(c.codec()).isEqualTo(codec);
          assertThat(c.bytes().length).isLessThan(size / 4);
        }
        assertThat(ChunkDecoder.decode(c.codec(), c.bytes(), c.rawLength(), c.crc32c()))
            .isEqualTo(text);

        byte[] noise = random(size, r);
        EncodedChunk n = new ChunkEncoder(codec).encode(noise, 0, size);
        assertThat(n.codec()).isEqualTo(ChunkCodec.NONE);
        assertThat(n.bytes()).isEqualTo(noise);
        assertThat(ChunkDecoder.decode(n.codec(), n.bytes(), size, n.crc32c())).isEqualTo(noise);
      }
    }
  }

  @Test
  void encodesASliceOfABuffer() {
    byte[] buf = compressible(10_000);
    EncodedChunk c = new ChunkEncoder(ChunkCodec.ZSTD).encode(buf, 1000, 5000);
    assertThat(ChunkDecoder.decode(c.codec(), c.bytes(), 5000, c.crc32c()))
        .isEqualTo(Arrays.copyOfRange(buf, 1000, 6000));
  }

  @Test
  void aWholeRawBufferGoesOutAsItIsAndASliceAsItsBytes() {
    byte[] buf = compressible(10_000);
    EncodedChunk whole = new ChunkEncoder(ChunkCodec.NONE).encode(buf, 0, buf.length);
    assertThat(whole.bytes()).isSameAs(buf);
    EncodedChunk slice = new ChunkEncoder(ChunkCodec.NONE).encode(buf, 1000, 5000);
    assertThat(slice.bytes()).isEqualTo(Arrays.copyOfRange(buf, 1000, 6000));
    assertThat(ChunkDecoder.decode(slice.codec(), slice.bytes(), 5000, slice.crc32c()))
        .isEqualTo(Arrays.copyOfRange(buf, 1000, 6000));
  }

  @Test
  void checksumMismatchIs3863() {
    byte[] raw = compressible(4096);
    for (ChunkCodec codec : ChunkCodec.values()) {
      EncodedChunk c = new ChunkEncoder(codec).encode(raw, 0, raw.length);
      assertProtocolError(
          () -> ChunkDecoder.decode(c.codec(), c.bytes(), c.rawLength(), c.crc32c() ^ 1));
    }
    byte[] flipped = raw.clone();
    flipped[100] ^= 4;
    assertProtocolError(
        () -> ChunkDecoder.decode(ChunkCodec.NONE, flipped, 4096, RawChecksum.of(raw, 0, 4096)));
  }

  @Test
  void decompressionBombsAndWrongLengthsAre3863() {
    byte[] big = new byte[4 << 20]; // 4 MiB of zeros compresses to a few hundred bytes
    byte[] zstd = Zstd.compress(big, 1);
    byte[] lz4 = LZ4Factory.fastestInstance().fastCompressor().compress(big);
    int crc = RawChecksum.of(big, 0, big.length);
    for (int announced : new int[] {1, 4096, (4 << 20) - 1, (4 << 20) + 1}) {
      assertProtocolError(() -> ChunkDecoder.decode(ChunkCodec.ZSTD, zstd, announced, crc));
      assertProtocolError(() -> ChunkDecoder.decode(ChunkCodec.LZ4, lz4, announced, crc));
    }
    assertThat(ChunkDecoder.decode(ChunkCodec.ZSTD, zstd, 4 << 20, crc)).isEqualTo(big);
    assertThat(ChunkDecoder.decode(ChunkCodec.LZ4, lz4, 4 << 20, crc)).isEqualTo(big);
    assertProtocolError(() -> ChunkDecoder.decode(ChunkCodec.NONE, new byte[10], 11, 0));
  }

  @Test
  void corruptCompressedBytesFailOnlyWith3863() {
    SplittableRandom r = new SplittableRandom(SEED);
    byte[] raw = compressible(64 * 1024);
    try {
      for (ChunkCodec codec : new ChunkCodec[] {ChunkCodec.ZSTD, ChunkCodec.LZ4}) {
        EncodedChunk c = new ChunkEncoder(codec).encode(raw, 0, raw.length);
        for (int i = 0; i < 500; i++) {
          byte[] bad = c.bytes().clone();
          int flips = 1 + r.nextInt(4);
          for (int k = 0; k < flips; k++) {
            bad[r.nextInt(bad.length)] ^= (byte) (1 + r.nextInt(255));
          }
          if (r.nextInt(4) == 0) {
            bad = Arrays.copyOf(bad, r.nextInt(bad.length));
          }
          byte[] attempt = bad;
          try {
            assertThat(ChunkDecoder.decode(codec, attempt, raw.length, c.crc32c())).isEqualTo(raw);
          } catch (MysqlException e) {
            assertThat(e.errorNumber()).isEqualTo(3863);
          }
        }
      }
    } catch (Throwable t) {
      fail("seed=" + SEED + " (replay with -Dclone.codec.seed=" + SEED + ")", t);
    }
  }

  static void assertProtocolError(Runnable r) {
    try {
      r.run();
    } catch (MysqlException e) {
      assertThat(e.errorNumber()).as(e.getMessage()).isEqualTo(3863);
      return;
    }
    throw new AssertionError("expected 3863");
  }
}
