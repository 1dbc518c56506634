package io.dolly.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PayloadCodecTest {

  private static final long[] LENENC_BOUNDARIES = {
    0, 1, 250, 251, 252, 0xffff, 0x10000, 0xffffff, 0x1000000, Long.MAX_VALUE, -1L
  };

  @Test
  void lenencIntegersRoundTripAtEveryBoundary() {
    for (long v : LENENC_BOUNDARIES) {
      byte[] b = new PayloadWriter().lenencInt(v).toByteArray();
      PayloadReader r = new PayloadReader(b);
      assertThat(r.lenencInt()).as("value %s", Long.toUnsignedString(v)).isEqualTo(v);
      assertThat(r.hasRemaining()).isFalse();
    }
  }

  @Test
  void lenencIntegersUseTheShortestEncoding() {
    assertThat(new PayloadWriter().lenencInt(250).toByteArray()).hasSize(1);
    assertThat(new PayloadWriter().lenencInt(251).toByteArray()).hasSize(3).startsWith(0xfc);
    assertThat(new PayloadWriter().lenencInt(0xffff).toByteArray()).hasSize(3);
    assertThat(new PayloadWriter().lenencInt(0x10000).toByteArray()).hasSize(4).startsWith(0xfd);
    assertThat(new PayloadWriter().lenencInt(0xffffff).toByteArray()).hasSize(4);
    assertThat(new PayloadWriter().lenencInt(0x1000000).toByteArray()).hasSize(9).startsWith(0xfe);
    assertThat(new PayloadWriter().lenencInt(-1L).toByteArray())
        .containsExactly(0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
  }

  @Test
  void fixedIntegersAreLittleEndian() {
    byte[] b =
        new PayloadWriter()
            .int1(0xab)
            .int2(0x1234)
            .int3(0x123456)
            .int4(0x89abcdefL)
            .int6(0x123456789abcL)
            .int8(0x0102030405060708L)
            .toByteArray();
    assertThat(b).startsWith(0xab, 0x34, 0x12, 0x56, 0x34, 0x12, 0xef, 0xcd, 0xab, 0x89);
    PayloadReader r = new PayloadReader(b);
    assertThat(r.int1()).isEqualTo(0xab);
    assertThat(r.int2()).isEqualTo(0x1234);
    assertThat(r.int3()).isEqualTo(0x123456);
    assertThat(r.int4()).isEqualTo(0x89abcdefL);
    assertThat(r.int6()).isEqualTo(0x123456789abcL);
    assertThat(r.int8()).isEqualTo(0x0102030405060708L);
  }

  @Test
  void stringsRoundTrip() {
    byte[] b =
        new PayloadWriter()
            .nulString("héllo")
            .lenencString("wörld")
            .lenencBytesOrNull(null)
            .string("rest")
            .toByteArray();
    PayloadReader r = new PayloadReader(b);
    assertThat(r.nulString()).isEqualTo("héllo");
    assertThat(r.lenencString()).isEqualTo("wörld");
    assertThat(r.lenencBytesOrNull()).isNull();
    assertThat(r.restString()).isEqualTo("rest");
  }

  @Test
  void truncatedInputFailsWithMalformedPacket() {
    assertThatThrownBy(() -> new PayloadReader(new byte[] {1}).int2())
        .isInstanceOf(MalformedPacketException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> new PayloadReader(new byte[] {'a', 'b'}).nulString())
        .isInstanceOf(MalformedPacketException.class);
    assertThatThrownBy(() -> new PayloadReader(new byte[] {5, 'a'}).lenencString())
        .isInstanceOf(MalformedPacketException.class);
    assertThatThrownBy(() -> new PayloadReader(new byte[] {(byte) 0xfc, 1}).lenencInt())
        .isInstanceOf(MalformedPacketException.class);
    assertThatThrownBy(() -> new PayloadReader(new byte[] {(byte) 0xff}).lenencInt())
        .isInstanceOf(MalformedPacketException.class);
    byte[] huge = new PayloadWriter().lenencInt(-1L).toByteArray();
    assertThatThrownBy(() -> new PayloadReader(huge).lenencBytes())
        .isInstanceOf(MalformedPacketException.class);
  }

  @Test
  void randomSequencesRoundTrip() {
    long seed = Long.getLong("dolly.codec.seed", System.nanoTime());
    SplittableRandom random = new SplittableRandom(seed);
    for (int iter = 0; iter < 2000; iter++) {
      long[] values = new long[random.nextInt(1, 20)];
      PayloadWriter w = new PayloadWriter();
      for (int i = 0; i < values.length; i++) {
        values[i] =
            switch (random.nextInt(4)) {
              case 0 -> random.nextInt(256);
              case 1 -> random.nextInt(1 << 24);
              case 2 -> random.nextLong();
              default -> LENENC_BOUNDARIES[random.nextInt(LENENC_BOUNDARIES.length)];
            };
        w.lenencInt(values[i]);
      }
      PayloadReader r = new PayloadReader(w.toByteArray());
      for (long v : values) {
        assertThat(r.lenencInt()).as("seed=%d", seed).isEqualTo(v);
      }
      assertThat(r.hasRemaining()).as("seed=%d", seed).isFalse();
    }
  }
}
