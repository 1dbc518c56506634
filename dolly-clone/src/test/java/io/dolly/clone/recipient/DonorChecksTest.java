package io.dolly.clone.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.clone.wire.ConfigResponse;
import io.dolly.protocol.error.MysqlException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a donor's configuration can disagree with the recipient's, and its MySQL error. */
class DonorChecksTest {
  private static final RecipientConfig LOCAL =
      new RecipientConfig(
          "8.0.40-dolly-0.1.0",
          "Linux",
          "x86_64",
          16384,
          "utf8mb4",
          "utf8mb4_0900_ai_ci",
          64L << 20,
          Set.of("utf8mb4_0900_ai_ci", "binary"));

  @TempDir Path tmp;

  private Map<String, String> donor() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(ConfigResponse.VERSION, "8.0.40-dolly-0.1.0");
    m.put(ConfigResponse.VERSION_COMPILE_OS, "Linux");
    m.put(ConfigResponse.VERSION_COMPILE_MACHINE, "x86_64");
    m.put(ConfigResponse.INNODB_PAGE_SIZE, "16384");
    m.put(ConfigResponse.CHARACTER_SET_SERVER, "utf8mb4");
    m.put(ConfigResponse.COLLATION_SERVER, "utf8mb4_0900_ai_ci");
    m.put(ConfigResponse.MAX_ALLOWED_PACKET, String.valueOf(4L << 20));
    m.put(ConfigResponse.ESTIMATED_BYTES, "1000");
    return m;
  }

  private void check(Map<String, String> donor, List<String> collations, RecipientConfig local) {
    List<ConfigResponse.Entry> entries = new ArrayList<>();
    donor.forEach((k, v) -> entries.add(new ConfigResponse.Entry(k, v)));
    DonorChecks.validate(new ConfigResponse(entries), collations, local, tmp.resolve("clone"));
  }

  private void assertError(
      Map<String, String> donor, List<String> collations, int errno, String m) {
    assertThatThrownBy(() -> check(donor, collations, LOCAL))
        .isInstanceOfSatisfying(
            MysqlException.class,
            e -> {
              assertThat(e.errorNumber()).isEqualTo(errno);
              assertThat(e.getMessage()).isEqualTo(m);
            });
  }

  @Test
  void anAgreeingDonorPasses() {
    assertThatCode(() -> check(donor(), List.of("binary"), LOCAL)).doesNotThrowAnyException();
  }

  @Test
  void anotherPatchLevelOfTheSameSeriesPasses() {
    Map<String, String> d = donor();
    d.put(ConfigResponse.VERSION, "8.0.41-dolly-0.1.7");
    assertThatCode(() -> check(d, List.of(), LOCAL)).doesNotThrowAnyException();
  }

  @Test
  void anotherMinorVersionIs3864() {
    Map<String, String> d = donor();
    d.put(ConfigResponse.VERSION, "8.0.40-dolly-0.2.0");
    assertError(
        d,
        List.of(),
        3864,
        "Clone Donor MySQL version: 8.0.40-dolly-0.2.0 is different from Recipient MySQL version"
            + " 8.0.40-dolly-0.1.0.");
  }

  @Test
  void anotherOsIs3865AndAnotherPlatform3866() {
    Map<String, String> d = donor();
    d.put(ConfigResponse.VERSION_COMPILE_OS, "Win64");
    assertError(d, List.of(), 3865, "Clone Donor OS: Win64 is different from Recipient OS: Linux.");
    d = donor();
    d.put(ConfigResponse.VERSION_COMPILE_MACHINE, "aarch64");
    assertError(
        d,
        List.of(),
        3866,
        "Clone Donor platform: aarch64 is different from Recipient platform: x86_64.");
  }

  @Test
  void anUnknownCollationIs3867() {
    assertError(
        donor(),
        List.of("klingon_ci"),
        3867,
        "Clone Donor collation: klingon_ci is unavailable in Recipient.");
  }

  @Test
  void anotherPageSizeOrCharacterSetIs3868() {
    Map<String, String> d = donor();
    d.put(ConfigResponse.INNODB_PAGE_SIZE, "8192");
    assertError(
        d,
        List.of(),
        3868,
        "Clone Configuration innodb_page_size: Donor value: 8192 is different from Recipient"
            + " value: 16384.");
    d = donor();
    d.put(ConfigResponse.CHARACTER_SET_SERVER, "latin1");
    assertError(
        d,
        List.of(),
        3868,
        "Clone Configuration character_set_server: Donor value: latin1 is different from"
            + " Recipient value: utf8mb4.");
  }

  @Test
  void aSmallMaxAllowedPacketOnEitherSideIs3957() {
    Map<String, String> d = donor();
    d.put(ConfigResponse.MAX_ALLOWED_PACKET, "1048576");
    assertError(
        d,
        List.of(),
        3957,
        "Clone needs max_allowed_packet value to be 2097152 or more. Current value is 1048576");
    RecipientConfig small =
        new RecipientConfig(
            LOCAL.version(),
            LOCAL.os(),
            LOCAL.machine(),
            LOCAL.pageSize(),
            LOCAL.characterSetServer(),
            LOCAL.collationServer(),
            1024,
            LOCAL.collations());
    assertThatThrownBy(() -> check(donor(), List.of(), small))
        .isInstanceOfSatisfying(
            MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(3957));
  }

  @Test
  void moreDataThanFreeSpaceIs3873() {
    Map<String, String> d = donor();
    d.put(ConfigResponse.ESTIMATED_BYTES, String.valueOf(Long.MAX_VALUE / 2));
    assertThatThrownBy(() -> check(d, List.of(), LOCAL))
        .isInstanceOfSatisfying(
            MysqlException.class,
            e -> {
              assertThat(e.errorNumber()).isEqualTo(3873);
              assertThat(e.getMessage()).startsWith("Clone estimated database size is ");
            });
  }

  @Test
  void aMissingOrMalformedSettingIs3863() {
    Map<String, String> d = donor();
    d.remove(ConfigResponse.ESTIMATED_BYTES);
    assertThatThrownBy(() -> check(d, List.of(), LOCAL))
        .isInstanceOfSatisfying(
            MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(3863));
    Map<String, String> bad = donor();
    bad.put(ConfigResponse.MAX_ALLOWED_PACKET, "lots");
    assertThatThrownBy(() -> check(bad, List.of(), LOCAL))
        .isInstanceOfSatisfying(
            MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(3863));
  }
}
