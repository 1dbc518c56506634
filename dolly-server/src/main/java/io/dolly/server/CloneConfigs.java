package io.dolly.server;

import io.dolly.clone.donor.DonorConfig;
import io.dolly.clone.recipient.RecipientConfig;
import io.dolly.sql.charset.Collation;
import io.dolly.sql.charset.Collations;
import io.dolly.sql.sysvar.SystemVariables;
import java.util.Set;
import java.util.stream.Collectors;

/** This server's settings as a clone donor announces them and as a recipient checks them. */
final class CloneConfigs {
  private CloneConfigs() {}

  static DonorConfig donor(SystemVariables variables) {
    return new DonorConfig(
        ServerVersion.FULL,
        text(variables.global("version_compile_os")),
        text(variables.global("version_compile_machine")),
        text(variables.global("character_set_server")),
        text(variables.global("collation_server")),
        ((Number) variables.global("max_allowed_packet")).longValue(),
        collations().stream().sorted().toList());
  }

  static RecipientConfig recipient(SystemVariables variables, int pageSize) {
    return new RecipientConfig(
        ServerVersion.FULL,
        text(variables.global("version_compile_os")),
        text(variables.global("version_compile_machine")),
        pageSize,
        text(variables.global("character_set_server")),
        text(variables.global("collation_server")),
        ((Number) variables.global("max_allowed_packet")).longValue(),
        collations());
  }

  /** Every collation this build knows; a clone's data can use no other. */
  private static Set<String> collations() {
    return Collations.ALL.stream().map(Collation::name).collect(Collectors.toSet());
  }

  private static String text(Object v) {
    return v == null ? "" : v.toString();
  }
}
