package io.dolly.clone.wire;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;

/**
 * Constants of Dolly's clone sub-protocol, spoken inside ordinary MySQL packets after {@code
 * COM_CLONE}.
 *
 * <p>Every message, request or response, starts with the same three-byte header; all integers are
 * little-endian:
 *
 * <pre>
 *   offset 0  u8   command (request) or response code
 *   offset 1  u16  protocol version the message is written in
 *   offset 3  ...  body, laid out per message (see each record)
 * </pre>
 *
 * Strings are {@code u16 length} + UTF-8 bytes, each with its own maximum. A decoder accepts a
 * message only when every field is in range and nothing follows the last field.
 */
public final class CloneProtocol {
  /** The protocol version this build speaks; the only one it accepts except in INIT. */
  public static final int VERSION = 1;

  /** Bytes of the common header: code + version. */
  public static final int HEADER_BYTES = 3;

  // Request commands (recipient -> donor).
  public static final int COM_INIT = 1;
  public static final int COM_ATTACH = 2;
  public static final int COM_REINIT = 3;
  public static final int COM_EXECUTE = 4;
  public static final int COM_ACK = 5;
  public static final int COM_EXIT = 6;

  // Response codes (donor -> recipient).
  public static final int RES_LOCS = 1;
  public static final int RES_DATA_DESC = 2;
  public static final int RES_DATA = 3;
  public static final int RES_PLUGIN = 4;
  public static final int RES_CONFIG = 5;
  public static final int RES_COLLATION = 6;
  public static final int RES_COMPLETE = 99;
  public static final int RES_ERROR = 100;

  /**
   * Largest raw (uncompressed) chunk. Keeps a chunk, its header and any compression overhead inside
   * one 16 MiB MySQL packet and bounds what a recipient ever allocates for one chunk.
   */
  public static final int MAX_CHUNK_BYTES = 8 * 1024 * 1024;

  /** Largest encoded chunk on the wire: a raw chunk plus worst-case codec expansion. */
  public static final int MAX_WIRE_CHUNK_BYTES = MAX_CHUNK_BYTES + 64 * 1024;

  /** Longest relative file path a donor may announce, in UTF-8 bytes. */
  public static final int MAX_PATH_BYTES = 1024;

  /** MySQL truncates error messages at 512 bytes; so does the ERROR response. */
  public static final int MAX_ERROR_MESSAGE_BYTES = 512;

  /** Both sides' max_allowed_packet must be at least this (MySQL's 2 MiB; else 3957). */
  public static final long MIN_MAX_ALLOWED_PACKET = 2L * 1024 * 1024;

  /** Length of the random token of a snapshot locator. */
  public static final int TOKEN_BYTES = 16;

  private CloneProtocol() {}

  /**
   * The version a donor answers an INIT of {@code requested} in: the lower of the two, as MySQL
   * does; the recipient then rejects anything it does not know.
   */
  public static int negotiate(int requested) {
    return Math.min(requested, VERSION);
  }

  /** The one error every malformed message produces: 3863 with what was wrong. */
  public static MysqlException malformed(String what) {
    return new MysqlException(ErrorCode.ER_CLONE_PROTOCOL, what);
  }
}
