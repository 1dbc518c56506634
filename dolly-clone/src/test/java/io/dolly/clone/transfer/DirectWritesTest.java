package io.dolly.clone.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectWritesTest {
  @TempDir Path dir;

  /**
   * Writes at aligned and odd offsets, of aligned and odd lengths, from byte arrays and from
   * buffers, land exactly where asked, whichever channel each part went through.
   */
  @Test
  void everyByteLandsAtItsOffset() throws Exception {
    long seed = new SplittableRandom().nextLong();
    System.out.println("direct-writes seed=" + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    DirectWrites writes = DirectWrites.under(dir, 64 << 10);
    int a = writes.alignment();
    Path file = Files.createFile(dir.resolve("f"));
    byte[] expected = new byte[40 * a];
    try (FileChannel buffered = FileChannel.open(file, StandardOpenOption.WRITE);
        FileChannel direct = writes.open(file)) {
      System.out.println("direct-writes O_DIRECT " + (direct != null ? "on" : "refused here"));
      ByteBuffer own = writes.newBuffer();
      for (int i = 0; i < 200; i++) {
        int offset = rnd.nextBoolean() ? a * rnd.nextInt(30) : rnd.nextInt(30 * a);
        int length =
            rnd.nextBoolean()
                ? a * (1 + rnd.nextInt(8))
                : 1 + rnd.nextInt(Math.min(8 * a, 64 << 10));
        length = Math.min(length, expected.length - offset);
        byte[] data = new byte[length];
        rnd.nextBytes(data);
        System.arraycopy(data, 0, expected, offset, length);
        if (rnd.nextBoolean() && length <= writes.bufferBytes()) {
          own.clear();
          own.put(data).flip();
          writes.write(direct, buffered, own, offset);
        } else {
          writes.write(direct, buffered, data, 0, length, offset);
        }
      }
    }
    byte[] written = Files.readAllBytes(file);
    byte[] prefix = java.util.Arrays.copyOf(expected, written.length);
    assertThat(written).as("seed=" + seed).isEqualTo(prefix);
  }
}
