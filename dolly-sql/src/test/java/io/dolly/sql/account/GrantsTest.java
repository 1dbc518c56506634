package io.dolly.sql.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a privilege on a table or database resolves through the levels of an account's grants. */
class GrantsTest {
  @Test
  void aPrivilegeHoldsWhenAnyLevelCoveringTheTableHasIt() {
    Grants g =
        Grants.NONE
            .withGlobal(Set.of("PROCESS"))
            .withDatabase("Shop", Set.of("SELECT"))
            .withTable("shop", "Orders", Set.of("UPDATE"));
    assertThat(g.allows("SELECT", "shop", "items")).isTrue();
    assertThat(g.allows("UPDATE", "SHOP", "orders")).isTrue();
    assertThat(g.allows("UPDATE", "shop", "items")).isFalse();
    assertThat(g.allows("SELECT", "hr", "pay")).isFalse();
    assertThat(g.allowsOnDatabase("UPDATE", "shop"))
        .as("a table grant is not the database's")
        .isFalse();
    assertThat(g.seesDatabase("shop")).isTrue();
    assertThat(g.seesDatabase("hr")).as("PROCESS is not a database privilege").isFalse();
    assertThat(g.seesTable("shop", "anything")).isTrue();
    assertThat(Grants.NONE.withGlobal(Set.of("INSERT")).seesDatabase("hr")).isTrue();
  }

  @Test
  void databaseWildcardsMatchWithTheExactNameFirstThenTheLongestLiteralPrefix() {
    Grants g =
        new Grants(
            Set.of(),
            Map.of(
                "app\\_%", Set.of("SELECT"),
                "app\\_test%", Set.of("SELECT", "INSERT"),
                "app_exact", Set.of("DELETE"),
                "t_p", Set.of("UPDATE")),
            Map.of());
    assertThat(g.database("app_prod")).containsExactly("SELECT");
    assertThat(g.database("app_test1")).containsExactlyInAnyOrder("SELECT", "INSERT");
    assertThat(g.database("app_exact")).containsExactly("DELETE");
    assertThat(g.database("appXprod")).as("an escaped _ is literal").isEmpty();
    assertThat(g.database("tmp")).containsExactly("UPDATE");
    assertThat(g.database("tp")).isEmpty();
    assertThat(g.databaseEntry("app_prod")).as("what GRANT and REVOKE change").isEmpty();
  }

  @Test
  void anEmptyLevelDisappears() {
    Grants g = Grants.NONE.withDatabase("shop", Set.of("SELECT")).withDatabase("shop", Set.of());
    assertThat(g.databases()).isEmpty();
  }
}
