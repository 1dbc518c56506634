package io.dolly.clone.wire;

/**
 * PLUGIN: a plugin active on the donor that the recipient must also have.
 *
 * <pre>
 *   string  plugin name (1 .. 64 bytes)
 *   string  shared object file name (0 .. 512 bytes; empty for built-ins)
 * </pre>
 */
public record PluginResponse(String name, String sharedObject) implements CloneResponse {
  public PluginResponse {
    Strings.check("PLUGIN name", name, 1, 64);
    Strings.check("PLUGIN shared object", sharedObject, 0, 512);
  }

  @Override
  public int code() {
    return CloneProtocol.RES_PLUGIN;
  }

  @Override
  public byte[] encode() {
    return new FieldWriter(CloneProtocol.RES_PLUGIN)
        .string(name)
        .string(sharedObject)
        .toByteArray();
  }

  public static PluginResponse decode(byte[] packet) {
    FieldReader r = FieldReader.open(packet, CloneProtocol.RES_PLUGIN, "PLUGIN");
    String name = r.string("name", 64);
    String so = r.string("shared object", 512);
    r.end();
    return new PluginResponse(name, so);
  }
}
