package io.dolly.clone.wire;

import java.nio.charset.StandardCharsets;

/** Length checks shared by the records' constructors, so encode and decode agree on limits. */
final class Strings {
  private Strings() {}

  static void check(String what, String value, int minBytes, int maxBytes) {
    if (value == null) {
      throw CloneProtocol.malformed(what + " is missing");
    }
    int n = value.getBytes(StandardCharsets.UTF_8).length;
    if (n < minBytes || n > maxBytes) {
      throw CloneProtocol.malformed(
          what + " is " + n + " bytes, allowed " + minBytes + " to " + maxBytes);
    }
  }
}
