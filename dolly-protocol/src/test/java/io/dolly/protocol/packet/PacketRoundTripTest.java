package io.dolly.protocol.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.protocol.ColumnFlags;
import io.dolly.protocol.ColumnType;
import io.dolly.protocol.wire.MalformedPacketException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PacketRoundTripTest {
  private static final byte[] NONCE = "abcdefghijklmnopqrst".getBytes();
  private static final int ALL_CLIENT =
      Capability.CLIENT_DEFAULT
          | Capability.CLIENT_CONNECT_WITH_DB
          | Capability.CLIENT_SSL
          | Capability.CLIENT_CAN_HANDLE_EXPIRED_PASSWORDS
          | Capability.CLIENT_QUERY_ATTRIBUTES;

  /** Decodes {@code encoded}, then every proper prefix, which must fail only as malformed. */
  private static <T> T decodeAllPrefixes(byte[] encoded, Function<byte[], T> decoder) {
    for (int len = 0; len < encoded.length; len++) {
      byte[] prefix = Arrays.copyOf(encoded, len);
      try {
        decoder.apply(prefix);
      } catch (MalformedPacketException expected) {
        // a truncated packet may fail, but only this way
      }
    }
    return decoder.apply(encoded);
  }

  private static <T> void assertRoundTrip(T packet, byte[] encoded, Function<byte[], T> decoder) {
    T decoded = decodeAllPrefixes(encoded, decoder);
    assertThat(decoded).usingRecursiveComparison().isEqualTo(packet);
  }

  @Test
  void handshakeV10() {
    HandshakeV10 p =
        new HandshakeV10(
            "8.0.40-dolly-0.1.0",
            77,
            NONCE,
            Capability.SERVER_DEFAULT | Capability.CLIENT_SSL,
            Collations.UTF8MB4_0900_AI_CI,
            ServerStatus.AUTOCOMMIT,
            "caching_sha2_password");
    byte[] encoded = p.encode();
    assertRoundTrip(p, encoded, HandshakeV10::decode);
    // 1 + version+NUL + 4 + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10 + 13 + plugin+NUL
    assertThat(encoded).hasSize(1 + 19 + 4 + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10 + 13 + 22);
    assertThat(encoded[1 + 19 + 4 + 8 + 1 + 2 + 1 + 2 + 2]).isEqualTo((byte) 21);
  }

  @Test
  void handshakeResponse41WithEveryOptionalPart() {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("_client_name", "libmysql");
    attrs.put("program_name", "mysql");
    HandshakeResponse41 p =
        new HandshakeResponse41(
            ALL_CLIENT,
            1 << 24,
            255,
            "root",
            new byte[32],
            "test",
            "caching_sha2_password",
            attrs,
            0);
    assertRoundTrip(p, p.encode(), HandshakeResponse41::decode);
  }

  @Test
  void handshakeResponse41WithoutLenencAuthOrAttributes() {
    int caps =
        Capability.CLIENT_PROTOCOL_41
            | Capability.CLIENT_SECURE_CONNECTION
            | Capability.CLIENT_PLUGIN_AUTH;
    HandshakeResponse41 p =
        new HandshakeResponse41(
            caps, 1 << 24, 33, "u", new byte[20], null, "mysql_native_password", Map.of(), 0);
    assertRoundTrip(p, p.encode(), HandshakeResponse41::decode);
  }

  @Test
  void sslRequestIsTheResponsePrefix() {
    SslRequest p = new SslRequest(ALL_CLIENT, 1 << 24, 255);
    byte[] encoded = p.encode();
    assertThat(encoded).hasSize(32);
    assertThat(SslRequest.matches(encoded)).isTrue();
    assertRoundTrip(p, encoded, SslRequest::decode);
  }

  @Test
  void okPacketPlainAndWithSessionTracking() {
    OkPacket p = new OkPacket(0, 300, 1L << 40, ServerStatus.AUTOCOMMIT, 2, "Rows matched: 1");
    assertRoundTrip(
        p,
        p.encode(Capability.CLIENT_PROTOCOL_41),
        b -> OkPacket.decode(b, Capability.CLIENT_PROTOCOL_41));
    int tracking = Capability.CLIENT_PROTOCOL_41 | Capability.CLIENT_SESSION_TRACK;
    assertRoundTrip(p, p.encode(tracking), b -> OkPacket.decode(b, tracking));
    OkPacket eof = new OkPacket(0xfe, 0, 0, ServerStatus.AUTOCOMMIT, 0, "");
    assertRoundTrip(
        eof,
        eof.encode(Capability.CLIENT_PROTOCOL_41),
        b -> OkPacket.decode(b, Capability.CLIENT_PROTOCOL_41));
  }

  @Test
  void errPacket() {
    ErrPacket p =
        new ErrPacket(
            1045, "28000", "Access denied for user 'u'@'localhost' (using password: YES)");
    byte[] encoded = p.encode();
    assertThat(encoded).startsWith(0xff, 0x15, 0x04, '#', '2', '8', '0', '0', '0', 'A');
    assertRoundTrip(p, encoded, ErrPacket::decode);
  }

  @Test
  void eofPacket() {
    EofPacket p = new EofPacket(3, ServerStatus.AUTOCOMMIT | ServerStatus.MORE_RESULTS_EXISTS);
    assertThat(p.encode()).containsExactly(0xfe, 3, 0, 0x0a, 0);
    assertRoundTrip(p, p.encode(), EofPacket::decode);
  }

  @Test
  void authSwitchRequestCarriesANulTerminatedNonce() {
    AuthSwitchRequest p = new AuthSwitchRequest("mysql_native_password", NONCE);
    byte[] encoded = p.encode();
    assertThat(encoded[encoded.length - 1]).isZero();
    assertRoundTrip(p, encoded, AuthSwitchRequest::decode);
  }

  @Test
  void authMoreData() {
    AuthMoreData p = new AuthMoreData(new byte[] {3});
    assertThat(p.encode()).containsExactly(1, 3);
    assertRoundTrip(p, p.encode(), AuthMoreData::decode);
  }

  @Test
  void columnDefinition41() {
    ColumnDefinition41 p =
        new ColumnDefinition41(
            "db",
            "t",
            "orig_t",
            "c",
            "orig_c",
            63,
            20,
            ColumnType.LONGLONG,
            ColumnFlags.NOT_NULL | ColumnFlags.PRIMARY_KEY,
            0);
    assertRoundTrip(p, p.encode(), ColumnDefinition41::decode);
    assertRoundTrip(
        ColumnDefinition41.text("x"),
        ColumnDefinition41.text("x").encode(),
        ColumnDefinition41::decode);
  }

  @Test
  void columnDefinitionWithUnknownTypeIsMalformed() {
    byte[] encoded = ColumnDefinition41.text("x").encode();
    encoded[encoded.length - 6] = 0x42;
    assertThatThrownBy(() -> ColumnDefinition41.decode(encoded))
        .isInstanceOf(MalformedPacketException.class);
  }

  @Test
  void changeUserRequest() {
    Map<String, String> attrs = Map.of("_client_name", "x");
    ChangeUserRequest p =
        new ChangeUserRequest("bob", new byte[20], "db1", 255, "mysql_native_password", attrs);
    assertRoundTrip(p, p.encode(ALL_CLIENT), b -> ChangeUserRequest.decode(b, ALL_CLIENT));
  }

  @Test
  void collationLookups() {
    assertThat(Collations.byId(255).orElseThrow().name()).isEqualTo("utf8mb4_0900_ai_ci");
    assertThat(Collations.byName("UTF8_GENERAL_CI").orElseThrow().id()).isEqualTo(33);
    assertThat(Collations.byName("utf8mb4_bin").orElseThrow().id()).isEqualTo(46);
    assertThat(Collations.byName("binary").orElseThrow().id()).isEqualTo(63);
    assertThat(Collations.defaultFor("latin1").orElseThrow().id()).isEqualTo(8);
    assertThat(Collations.defaultFor("utf8mb4").orElseThrow().id()).isEqualTo(255);
    assertThat(Collations.byId(45).orElseThrow().charsetName()).isEqualTo("utf8mb4");
  }
}
