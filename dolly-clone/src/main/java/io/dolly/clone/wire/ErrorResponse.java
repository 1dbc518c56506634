package io.dolly.clone.wire;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.nio.charset.StandardCharsets;

/**
 * ERROR: the donor failed; ends the answer to a command like COMPLETE does.
 *
 * <pre>
 *   u32     MySQL error number (1 .. 65535)
 *   string  message (0 .. 512 bytes, MySQL's limit)
 * </pre>
 */
public record ErrorResponse(int errorNumber, String message) implements CloneResponse {
  /** MySQL error numbers fit in 16 bits on the classic protocol's ERR packet. */
  public static final int MAX_ERRNO = 0xffff;

  public ErrorResponse {
    if (errorNumber < 1 || errorNumber > MAX_ERRNO) {
      throw CloneProtocol.malformed("ERROR number " + errorNumber + " out of range");
    }
    Strings.check("ERROR message", message, 0, CloneProtocol.MAX_ERROR_MESSAGE_BYTES);
  }

  /** An ERROR for {@code e}, its message cut to 512 bytes on a character boundary. */
  public static ErrorResponse of(MysqlException e) {
    return new ErrorResponse(e.errorNumber(), truncate(String.valueOf(e.getMessage())));
  }

  static String truncate(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length <= CloneProtocol.MAX_ERROR_MESSAGE_BYTES) {
      return s;
    }
    int end = CloneProtocol.MAX_ERROR_MESSAGE_BYTES;
    while (end > 0 && (b[end] & 0xc0) == 0x80) {
      end--;
    }
    return new String(b, 0, end, StandardCharsets.UTF_8);
  }

  /** What the recipient's client sees: 3862 {@code Clone Donor Error: <errno> : <message>.} */
  public MysqlException toDonorError() {
    return new MysqlException(ErrorCode.ER_CLONE_DONOR, errorNumber + " : " + message);
  }

  @Override
  public int code() {
    return CloneProtocol.RES_ERROR;
  }

  @Override
  public byte[] encode() {
    return new FieldWriter(CloneProtocol.RES_ERROR).u32(errorNumber).string(message).toByteArray();
  }

  public static ErrorResponse decode(byte[] packet) {
    FieldReader r = FieldReader.open(packet, CloneProtocol.RES_ERROR, "ERROR");
    int errno = r.u32In("error number", 1, MAX_ERRNO);
    String message = r.string("message", CloneProtocol.MAX_ERROR_MESSAGE_BYTES);
    r.end();
    return new ErrorResponse(errno, message);
  }
}
