package io.dolly.clone.recipient;

import java.util.Set;

/**
 * The recipient's own settings that a donor's CONFIG must agree with (CLONE.md §8).
 *
 * @param version the server version string, e.g. {@code 8.0.40-dolly-0.1.0}
 * @param os version_compile_os
 * @param machine version_compile_machine
 * @param pageSize the page size of the recipient's engine
 * @param characterSetServer character_set_server
 * @param collationServer collation_server
 * @param maxAllowedPacket the recipient's global max_allowed_packet
 * @param collations every collation the recipient knows
 */
public record RecipientConfig(
    String version,
    String os,
    String machine,
    int pageSize,
    String characterSetServer,
    String collationServer,
    long maxAllowedPacket,
    Set<String> collations) {
  public RecipientConfig {
    collations = Set.copyOf(collations);
  }
}
