package io.dolly.clone.wire;

import io.dolly.clone.transfer.ChunkCodec;

/**
 * COM_INIT: the recipient introduces itself and asks for a snapshot. The header's version is the
 * highest protocol version the recipient speaks; the donor answers in {@code min(its, ours)}, so
 * INIT is the one message decoded whatever its version.
 *
 * <pre>
 *   string  server version      (≤ 64 bytes, e.g. "8.0.40-dolly")
 *   string  version_compile_os  (≤ 64)
 *   string  version_compile_machine (≤ 64)
 *   u8      compression on (0/1)
 *   u8      codec id (NONE when compression is off, ZSTD or LZ4 when on)
 *   u32     max concurrency (1 .. 128)
 *   u32     ddl timeout seconds (0 .. 2592000)
 *   u8      block DDL for the whole clone (0/1)
 * </pre>
 */
public record InitRequest(
    int protocolVersion,
    String serverVersion,
    String os,
    String platform,
    boolean compression,
    ChunkCodec codec,
    int maxConcurrency,
    int ddlTimeoutSeconds,
    boolean blockDdl)
    implements CloneRequest {
  public static final int MAX_NAME_BYTES = 64;
  public static final int MAX_CONCURRENCY = 128;
  public static final int MAX_DDL_TIMEOUT = 2_592_000;

  public InitRequest {
    if (protocolVersion < 1 || protocolVersion > 0xffff) {
      throw CloneProtocol.malformed("INIT protocol version " + protocolVersion + " invalid");
    }
    Strings.check("INIT server version", serverVersion, 1, MAX_NAME_BYTES);
    Strings.check("INIT os", os, 1, MAX_NAME_BYTES);
    Strings.check("INIT platform", platform, 1, MAX_NAME_BYTES);
    if (codec == null || compression == (codec == ChunkCodec.NONE)) {
      throw CloneProtocol.malformed(
          "INIT codec " + codec + " does not agree with compression=" + compression);
    }
    if (maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY) {
      throw CloneProtocol.malformed("INIT max concurrency " + maxConcurrency + " outside [1, 128]");
    }
    if (ddlTimeoutSeconds < 0 || ddlTimeoutSeconds > MAX_DDL_TIMEOUT) {
      throw CloneProtocol.malformed("INIT ddl timeout " + ddlTimeoutSeconds + " out of range");
    }
  }

  @Override
  public int command() {
    return CloneProtocol.COM_INIT;
  }

  @Override
  public byte[] encode() {
    return new FieldWriter(CloneProtocol.COM_INIT, protocolVersion)
        .string(serverVersion)
        .string(os)
        .string(platform)
        .bool(compression)
        .u8(codec.id())
        .u32(maxConcurrency)
        .u32(ddlTimeoutSeconds)
        .bool(blockDdl)
        .toByteArray();
  }

  public static InitRequest decode(byte[] packet) {
    FieldReader r = FieldReader.openAnyVersion(packet, CloneProtocol.COM_INIT, "INIT");
    String version = r.string("server version", MAX_NAME_BYTES);
    String os = r.string("os", MAX_NAME_BYTES);
    String platform = r.string("platform", MAX_NAME_BYTES);
    boolean compression = r.bool("compression");
    int codecId = r.u8("codec");
    ChunkCodec codec = ChunkCodec.ofId(codecId);
    if (codec == null) {
      throw r.invalid("names unknown codec " + codecId);
    }
    int concurrency = r.u32In("max concurrency", 1, MAX_CONCURRENCY);
    int ddlTimeout = r.u32In("ddl timeout", 0, MAX_DDL_TIMEOUT);
    boolean blockDdl = r.bool("block ddl");
    r.end();
    return new InitRequest(
        r.version(), version, os, platform, compression, codec, concurrency, ddlTimeout, blockDdl);
  }
}
