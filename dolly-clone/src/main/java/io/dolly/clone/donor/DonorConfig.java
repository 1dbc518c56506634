package io.dolly.clone.donor;

import java.util.List;

/**
 * The donor's settings a recipient checks before any data moves (CLONE.md §8), read when a
 * recipient's INIT arrives so that the current {@code max_allowed_packet} counts.
 *
 * @param version the server version string, e.g. {@code 8.0.40-dolly-0.1.0}
 * @param os version_compile_os
 * @param machine version_compile_machine
 * @param characterSetServer character_set_server
 * @param collationServer collation_server
 * @param maxAllowedPacket the global max_allowed_packet
 * @param collations every collation the donor's data may use
 */
public record DonorConfig(
    String version,
    String os,
    String machine,
    String characterSetServer,
    String collationServer,
    long maxAllowedPacket,
    List<String> collations) {
  public DonorConfig {
    collations = List.copyOf(collations);
  }
}
