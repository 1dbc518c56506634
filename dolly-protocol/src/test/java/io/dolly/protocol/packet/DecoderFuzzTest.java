package io.dolly.protocol.packet;

import static org.assertj.core.api.Assertions.fail;

import io.dolly.protocol.wire.MalformedPacketException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated payloads: every decoder either decodes or throws {@link
 * MalformedPacketException}, never anything else. Replay with {@code -Ddolly.fuzz.seed=<n>}.
 */
class DecoderFuzzTest {
  private static final int ALL = 0xffffffff;

  private record Target(String name, Function<byte[], ?> decoder, byte[] valid) {}

  private static List<Target> targets() {
    byte[] nonce = new byte[20];
    return List.of(
        new Target(
            "HandshakeV10",
            HandshakeV10::decode,
            new HandshakeV10("8.0.40", 1, nonce, Capability.SERVER_DEFAULT, 255, 2, "x").encode()),
        new Target(
            "HandshakeResponse41",
            HandshakeResponse41::decode,
            new HandshakeResponse41(
                    Capability.CLIENT_DEFAULT | Capability.CLIENT_CONNECT_WITH_DB,
                    1,
                    255,
                    "u",
                    nonce,
                    "db",
                    "p",
                    Map.of("k", "v"),
                    0)
                .encode()),
        new Target("SslRequest", SslRequest::decode, new SslRequest(ALL, 1, 255).encode()),
        new Target("OkPacket", b -> OkPacket.decode(b, ALL), OkPacket.of(1, 2, 3, 4).encode(ALL)),
        new Target("ErrPacket", ErrPacket::decode, new ErrPacket(1, "HY000", "m").encode()),
        new Target("EofPacket", EofPacket::decode, new EofPacket(1, 2).encode()),
        new Target(
            "AuthSwitchRequest",
            AuthSwitchRequest::decode,
            new AuthSwitchRequest("p", nonce).encode()),
        new Target("AuthMoreData", AuthMoreData::decode, new AuthMoreData(nonce).encode()),
        new Target(
            "ColumnDefinition41",
            ColumnDefinition41::decode,
            ColumnDefinition41.text("c").encode()),
        new Target(
            "ChangeUserRequest",
            b -> ChangeUserRequest.decode(b, ALL),
            new ChangeUserRequest("u", nonce, "d", 255, "p", Map.of("a", "b")).encode(ALL)));
  }

  @Test
  void decodersFailOnlyAsMalformed() {
    long seed = Long.getLong("dolly.fuzz.seed", System.nanoTime());
    SplittableRandom random = new SplittableRandom(seed);
    for (Target t : targets()) {
      for (int i = 0; i < 3000; i++) {
        byte[] input;
        if (random.nextBoolean()) {
          input = new byte[random.nextInt(64)];
          random.nextBytes(input);
        } else {
          input = t.valid().clone();
          int flips = random.nextInt(1, 4);
          for (int f = 0; f < flips && input.length > 0; f++) {
            input[random.nextInt(input.length)] = (byte) random.nextInt(256);
          }
          if (random.nextInt(4) == 0) {
            input = Arrays.copyOf(input, random.nextInt(input.length + 1));
          }
        }
        try {
          t.decoder().apply(input);
        } catch (MalformedPacketException expected) {
          // fine
        } catch (RuntimeException e) {
          fail(
              "seed=%d decoder=%s input=%s threw %s",
              seed, t.name(), HexFormat.of().formatHex(input), e);
        }
      }
    }
  }
}
