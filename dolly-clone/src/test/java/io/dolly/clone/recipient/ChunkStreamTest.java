package io.dolly.clone.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.clone.CloneStage;
import io.dolly.clone.transfer.ChunkCodec;
import io.dolly.clone.transfer.ChunkDecoder;
import io.dolly.clone.transfer.ChunkEncoder;
import io.dolly.clone.transfer.EncodedChunk;
import io.dolly.clone.wire.ChunkDescriptor;
import io.dolly.clone.wire.CloneResponse;
import io.dolly.clone.wire.DataDescResponse;
import io.dolly.clone.wire.DataResponse;
import io.dolly.clone.wire.FileDescriptor;
import io.dolly.protocol.error.MysqlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pieces together: a donor-side file is cut into chunks, encoded, described and framed as clone
 * responses; the recipient decodes them, verifies them and writes them into its target.
 */
class ChunkStreamTest {
  private static final long SEED = Long.getLong("clone.stream.seed", System.nanoTime());

  @TempDir Path tmp;

  /** What a donor sends for one file: FILE descriptor, then DATA_DESC + DATA per chunk. */
  private static List<byte[]> donorPackets(byte[] file, String name, ChunkCodec codec, int chunk) {
    List<byte[]> packets = new ArrayList<>();
    packets.add(new DataDescResponse(new FileDescriptor(1, name, file.length, 0)).encode());
    ChunkEncoder encoder = new ChunkEncoder(codec);
    for (int off = 0; off < file.length; off += chunk) {
      int len = Math.min(chunk, file.length - off);
      EncodedChunk c = encoder.encode(file, off, len);
      packets.add(
          new DataDescResponse(
                  new ChunkDescriptor(
                      CloneStage.FILE_COPY,
                      1,
                      off,
                      c.bytes().length,
                      c.codec(),
                      c.rawLength(),
                      c.crc32c()))
              .encode());
      packets.add(new DataResponse(c.bytes()).encode());
    }
    return packets;
  }

  /** The recipient's loop over those packets. */
  private static void apply(List<byte[]> packets, TargetDirectory target) {
    ChunkDescriptor pending = null;
    for (byte[] p : packets) {
      CloneResponse r = CloneResponse.decode(p);
      switch (r) {
        case DataDescResponse(FileDescriptor f) ->
            target.announce(f.fileIndex(), f.path(), f.size());
        case DataDescResponse(ChunkDescriptor c) -> pending = c;
        case DataResponse(byte[] bytes) -> {
          ChunkDescriptor c = pending;
          byte[] raw = ChunkDecoder.decode(c.codec(), bytes, c.rawLength(), c.crc32c());
          target.write(c.fileIndex(), c.offset(), raw, 0, raw.length);
          pending = null;
        }
        default -> throw new AssertionError(r);
      }
    }
  }

  @Test
  void filesArriveIdenticalWithEveryCodec() throws IOException {
    SplittableRandom r = new SplittableRandom(SEED);
    byte[] file = new byte[3 * 65536 + 1234];
    for (int i = 0; i < file.length; i++) {
      file[i] = (byte) (i % 4096 < 2048 ? r.nextInt(256) : 'x'); // half noise, half compressible
    }
    for (ChunkCodec codec : ChunkCodec.values()) {
      Path dir = tmp.resolve("clone-" + codec);
      try (TargetDirectory target = TargetDirectory.create(dir)) {
        apply(donorPackets(file, "db/t1.ibd", codec, 65536), target);
        target.syncAll();
      }
      assertThat(Files.readAllBytes(dir.resolve("db/t1.ibd"))).as("seed=" + SEED).isEqualTo(file);
    }
  }

  @Test
  void aCorruptedChunkIsRefusedBeforeItIsWritten() throws IOException {
    byte[] file = new byte[100_000];
    List<byte[]> packets = donorPackets(file, "t.ibd", ChunkCodec.ZSTD, 40_000);
    byte[] data = packets.get(2);
    data[data.length - 1] ^= 0x55;
    Path dir = tmp.resolve("clone");
    try (TargetDirectory target = TargetDirectory.create(dir)) {
      assertThatThrownBy(() -> apply(packets, target))
          .isInstanceOfSatisfying(
              MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(3863));
    }
    assertThat(Files.size(dir.resolve("t.ibd"))).isZero();
  }
}
