package io.dolly.protocol.packet;

import io.dolly.protocol.wire.MalformedPacketException;
import io.dolly.protocol.wire.PayloadReader;
import io.dolly.protocol.wire.PayloadWriter;
import java.util.Arrays;

/**
 * The server asks the client to restart authentication with another plugin.
 *
 * <pre>
 * int<1>      0xfe
 * string<NUL> plugin name
 * string<EOF> plugin data (the nonce), NUL-terminated as MySQL sends it
 * </pre>
 *
 * @param pluginData the plugin data without the terminating NUL
 */
public record AuthSwitchRequest(String pluginName, byte[] pluginData) {
  public static final int HEADER = 0xfe;

  public byte[] encode() {
    return new PayloadWriter(32 + pluginData.length)
        .int1(HEADER)
        .nulString(pluginName)
        .nulBytes(pluginData)
        .toByteArray();
  }

  public static AuthSwitchRequest decode(byte[] payload) {
    PayloadReader r = new PayloadReader(payload);
    if (r.int1() != HEADER) {
      throw new MalformedPacketException("not an auth switch request");
    }
    String plugin = r.nulString();
    byte[] data = r.rest();
    if (data.length > 0 && data[data.length - 1] == 0) {
      data = Arrays.copyOf(data, data.length - 1);
    }
    return new AuthSwitchRequest(plugin, data);
  }
}
