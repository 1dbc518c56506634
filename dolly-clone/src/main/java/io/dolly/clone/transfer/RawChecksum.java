package io.dolly.clone.transfer;

import java.util.zip.CRC32C;

/**
 * CRC32C of a chunk's raw bytes. Computed before compression on the donor and after decompression
 * on the recipient, so it covers the donor's read, both codecs and the network end to end.
 */
public final class RawChecksum {
  private RawChecksum() {}

  public static int of(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
