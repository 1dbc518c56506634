package io.dolly.sql.charset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RawUtf8Test {
  @Test
  void validUtf8DecodesAsUsual() {
    String text = "SELECT 'ünïcödé 漢字 😀 \uFFFD'";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertThat(RawUtf8.decode(bytes, 0, bytes.length)).isEqualTo(text);
    assertThat(RawUtf8.encode(text)).isEqualTo(bytes);
  }

  @Test
  void bytesThatAreNotUtf8SurviveTheRoundTrip() {
    byte[] blob = {'\'', (byte) 0xFF, (byte) 0xFE, (byte) 0x80, 0, (byte) 0xC1, '\''};
    String s = RawUtf8.decode(blob, 0, blob.length);
    assertThat(s).startsWith("'").endsWith("'").hasSize(blob.length);
    assertThat(RawUtf8.encode(s)).isEqualTo(blob);
  }

  @Test
  void truncatedAndOverlongSequencesAreEscapedBytes() {
    byte[] b = {(byte) 0xE6, (byte) 0xBC, 'x', (byte) 0xC0, (byte) 0x80, (byte) 0xED, (byte) 0xA0};
    String s = RawUtf8.decode(b, 0, b.length);
    assertThat(s.chars().filter(c -> c >= 0xDC80 && c <= 0xDCFF).count()).isEqualTo(6);
    assertThat(RawUtf8.encode(s)).isEqualTo(b);
  }

  @Test
  void randomBytesRoundTrip() {
    long seed = System.nanoTime();
    System.out.println("RawUtf8Test seed " + seed);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 2_000; i++) {
      byte[] b = new byte[random.nextInt(40)];
      random.nextBytes(b);
      assertThat(RawUtf8.encode(RawUtf8.decode(b, 0, b.length)))
          .as("seed %d case %d", seed, i)
          .isEqualTo(b);
    }
  }
}
