package io.dolly.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.io.EOFException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketChannelTest {
  private static final int MAX = PacketChannel.MAX_PACKET_PAYLOAD;

  @ParameterizedTest
  @ValueSource(ints = {0, 1, MAX - 1, MAX, MAX + 1, 2 * MAX})
  void payloadsRoundTripAcrossPacketBoundaries(int size) throws Exception {
    byte[] payload = new byte[size];
    new SplittableRandom(size).nextBytes(payload);
    try (LoopbackPair pair = new LoopbackPair()) {
      PacketChannel writer = new PacketChannel(pair.client);
      PacketChannel reader = new PacketChannel(pair.server);
      reader.setMaxPayloadSize(3L * MAX);
      CompletableFuture<Void> sent =
          CompletableFuture.runAsync(
              () -> {
                try {
                  writer.writePayload(payload);
                  writer.writePayload(new byte[] {42});
                  writer.flush();
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      byte[] got = reader.readPayload();
      assertThat(got.length).isEqualTo(size);
      assertThat(Arrays.equals(got, payload)).isTrue();
      assertThat(reader.readPayload()).containsExactly(42);
      sent.get();
      // One header per full packet, plus the short (possibly empty) last one, plus the marker.
      int packets = size / MAX + 1;
      assertThat(reader.sequence()).isEqualTo((packets + 1) & 0xff);
      assertThat(writer.sequence()).isEqualTo(reader.sequence());
    }
  }

  @Test
  void headersAreReadOneByteAtATime() throws Exception {
    try (LoopbackPair pair = new LoopbackPair()) {
      PacketChannel reader = new PacketChannel(pair.server);
      byte[] wire = {3, 0, 0, 0, 'a', 'b', 'c', 0, 0, 0, 1};
      CompletableFuture<Void> sent =
          CompletableFuture.runAsync(
              () -> {
                try {
                  OutputStream out = pair.client.getOutputStream();
                  for (byte b : wire) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(1);
                  }
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      assertThat(new String(reader.readPayload(), "US-ASCII")).isEqualTo("abc");
      assertThat(reader.readPayload()).isEmpty();
      sent.get();
    }
  }

  @Test
  void tooLargePayloadIsRejectedFromTheHeader() throws Exception {
    try (LoopbackPair pair = new LoopbackPair()) {
      PacketChannel reader = new PacketChannel(pair.server);
      reader.setMaxPayloadSize(1000);
      // Announce 2000 bytes but send none: the check must not wait for the body.
      pair.client.getOutputStream().write(new byte[] {(byte) 0xd0, 0x07, 0, 0});
      assertThatThrownBy(reader::readPayload)
          .isInstanceOfSatisfying(
              MysqlException.class,
              e -> assertThat(e.is(ErrorCode.ER_NET_PACKET_TOO_LARGE)).isTrue())
          .hasMessage("Got a packet bigger than 'max_allowed_packet' bytes");
    }
  }

  @Test
  void wrongSequenceIsOutOfOrder() throws Exception {
    try (LoopbackPair pair = new LoopbackPair()) {
      PacketChannel reader = new PacketChannel(pair.server);
      pair.client.getOutputStream().write(new byte[] {1, 0, 0, 5, 'x'});
      assertThatThrownBy(reader::readPayload)
          .isInstanceOfSatisfying(
              MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(1156));
    }
  }

  @Test
  void sequenceResetsPerCommand() throws Exception {
    try (LoopbackPair pair = new LoopbackPair()) {
      PacketChannel writer = new PacketChannel(pair.client);
      PacketChannel reader = new PacketChannel(pair.server);
      writer.send(new byte[] {1});
      reader.readPayload();
      writer.resetSequence();
      writer.send(new byte[] {2});
      assertThatThrownBy(reader::readPayload).isInstanceOf(MysqlException.class);
    }
  }

  @Test
  void readTimeoutAndPeerCloseSurfaceAsIoErrors() throws Exception {
    try (LoopbackPair pair = new LoopbackPair()) {
      PacketChannel reader = new PacketChannel(pair.server);
      reader.setReadTimeoutMillis(50);
      assertThatThrownBy(reader::readPayload).isInstanceOf(SocketTimeoutException.class);
      pair.client.close();
      assertThatThrownBy(reader::readPayload).isInstanceOf(EOFException.class);
    }
  }

  @Test
  void tlsPrefersAes128GcmKeepingTheRestInOrder() {
    String[] enabled = {
      "TLS_AES_256_GCM_SHA384",
      "TLS_AES_128_GCM_SHA256",
      "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
    };
    assertThat(PacketChannel.aes128First(enabled))
        .containsExactly(
            "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
  }
}
