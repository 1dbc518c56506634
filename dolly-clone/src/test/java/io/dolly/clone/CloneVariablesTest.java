package io.dolly.clone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.protocol.error.MysqlException;
import org.junit.jupiter.api.Test;

class CloneVariablesTest {
  @Test
  void definitionsMatchMysql() {
    assertThat(CloneVariables.ALL).hasSize(14);
    assertThat(CloneVariables.ALL)
        .extracting(CloneVariable::name)
        .isSorted()
        .allMatch(n -> n.startsWith("clone_"));
    assertThat(CloneVariables.BUFFER_SIZE.defaultValue()).isEqualTo(4194304);
    assertThat(CloneVariables.MAX_CONCURRENCY.defaultValue()).isEqualTo(16);
    assertThat(CloneVariables.MAX_CONCURRENCY.max()).isEqualTo(128);
    assertThat(CloneVariables.DDL_TIMEOUT.max()).isEqualTo(2592000);
    assertThat(CloneVariables.MAX_DATA_BANDWIDTH.max()).isEqualTo(1048576);
    assertThat(CloneVariables.DONOR_TIMEOUT_AFTER_NETWORK_FAILURE.defaultValue()).isEqualTo(5);
    assertThat(CloneVariables.BLOCK_DDL.defaultValue()).isEqualTo(1);
    assertThat(CloneVariables.VALID_DONOR_LIST.defaultString()).isNull();
    assertThat(CloneVariables.byName("CLONE_BUFFER_SIZE")).contains(CloneVariables.BUFFER_SIZE);
  }

  @Test
  void clampsAndRoundsToTheBlockSize() {
    CloneVariable b = CloneVariables.BUFFER_SIZE;
    assertThat(b.clamp(0)).isEqualTo(1 << 20);
    assertThat(b.clamp(5_000_000)).isEqualTo(4 << 20);
    assertThat(b.clamp(Long.MAX_VALUE)).isEqualTo(256L << 20);
    assertThat(CloneVariables.MAX_CONCURRENCY.clamp(0)).isEqualTo(1);
  }

  private static void assert3869(Runnable r, String message) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(3869))
        .hasMessage(message);
  }

  @Test
  void donorListFormatFollowsMysql() {
    String bad =
        "Clone system configuration: Invalid Format. Please enter"
            + " \"<hostname1>:<port1>,...\"' with no extra space";
    for (String v :
        new String[] {
          "",
          "h",
          ":3306",
          "h:",
          "h:33a",
          "h:1,",
          ",h:1",
          "h:1,,g:2",
          "h:1, g:2",
          " h:1",
          "h:99999999999",
          "[::1]:3306" // the first ':' separates, as in MySQL: IPv6 literals cannot be listed
        }) {
      assert3869(() -> DonorList.validate(v), bad);
    }
    DonorList.validate(null);
    DonorList.validate("h:1");
    DonorList.validate("Host.Example:3306,10.0.0.1:3307");
    assertThat(DonorList.parse("A:1,b:02"))
        .containsExactly(new DonorList.Donor("a", 1), new DonorList.Donor("b", 2));
  }

  @Test
  void allowListMatchesHostAndPortAndNullAllowsNone() {
    DonorList.requireAllowed("donor.example:3306,b:1", "DONOR.example", 3306);
    DonorList.requireAllowed("donor.example:3306,b:1", "b", 1);
    assert3869(
        () -> DonorList.requireAllowed(null, "172.16.16.10", 3306),
        "Clone system configuration: 172.16.16.10:3306 is not found in clone_valid_donor_list: ");
    assert3869(
        () -> DonorList.requireAllowed("", "h", 1),
        "Clone system configuration: h:1 is not found in clone_valid_donor_list: ");
    assert3869(
        () -> DonorList.requireAllowed("10.10.30.162:3306", "%", 3306),
        "Clone system configuration: %:3306 is not found in clone_valid_donor_list:"
            + " 10.10.30.162:3306");
    assert3869(
        () -> DonorList.requireAllowed("h:3306", "h", 3307),
        "Clone system configuration: h:3307 is not found in clone_valid_donor_list: h:3306");
  }
}
