package io.dolly.sql.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.protocol.auth.Account;
import io.dolly.protocol.error.MysqlException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountStoreTest {
  private static final PasswordHasher HASHER = (plugin, pw) -> plugin + ":" + pw;

  @TempDir Path datadir;

  @Test
  void mostSpecificHostWinsAndNamedUsersBeatAnonymous() {
    AccountStore store = AccountStore.open(datadir, HASHER);
    store.create("app", "%", "caching_sha2_password", "any", false, false, false);
    store.create("app", "192.168.1.%", "caching_sha2_password", "lan", false, false, false);
    store.create("app", "192.168.1.7", "caching_sha2_password", "one", false, false, false);
    store.create("", "192.168.1.7", "caching_sha2_password", "anon", false, false, false);
    store.create("app", "localhost", "mysql_native_password", "local", false, false, false);

    assertThat(store.find("app", "192.168.1.7").map(Account::host)).contains("192.168.1.7");
    assertThat(store.find("app", "192.168.1.8").map(Account::host)).contains("192.168.1.%");
    assertThat(store.find("app", "10.0.0.1").map(Account::host)).contains("%");
    assertThat(store.find("app", "127.0.0.1").map(Account::host)).contains("localhost");
    assertThat(store.find("app", "::1").map(Account::host)).contains("localhost");
    assertThat(store.find("bob", "192.168.1.7").map(Account::user)).contains("");
    assertThat(store.find("bob", "10.0.0.1")).isEmpty();
  }

  @Test
  void netmasksAndCidrMatch() {
    assertThat(new HostPattern("10.1.0.0/255.255.0.0").matches("10.1.200.3")).isTrue();
    assertThat(new HostPattern("10.1.0.0/255.255.0.0").matches("10.2.0.3")).isFalse();
    assertThat(new HostPattern("10.1.0.0/16").matches("10.1.9.9")).isTrue();
    assertThat(new HostPattern("10.1.0.0/16").matches("11.1.9.9")).isFalse();
    assertThat(new HostPattern("192.168._.1").matches("192.168.3.1")).isTrue();
  }

  @Test
  void legacyFileAccountsMoveIntoTheTablesOnceAndTheFileGoes() throws Exception {
    Path file = LegacyAccountsFile.of(datadir);
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.writeString(
        file,
        "dolly-accounts 1\n"
            + hex("root")
            + " "
            + hex("localhost")
            + " caching_sha2_password - E SELECT,SHUTDOWN\n"
            + "- "
            + hex("%")
            + " mysql_native_password "
            + hex("*AB")
            + " LS BACKUP_ADMIN\n");
    AccountStore store = AccountStore.open(datadir, HASHER);
    RecordingRows tables = new RecordingRows();
    store.attach(tables);

    assertThat(java.nio.file.Files.exists(file)).isFalse();
    assertThat(tables.rows).extracting(StoredAccount::user).containsExactlyInAnyOrder("root", "");
    Account anonymous = store.find("anyone", "10.0.0.1").orElseThrow();
    assertThat(anonymous)
        .extracting(Account::plugin, Account::authenticationString, Account::locked)
        .containsExactly("mysql_native_password", "*AB", true);
    assertThat(store.hasGlobalPrivilege("root", "localhost", "SHUTDOWN")).isTrue();
    assertThat(store.find("root", "::1").orElseThrow().passwordExpired()).isTrue();

    // A second start finds the tables filled and nothing to migrate.
    AccountStore again = AccountStore.open(datadir, HASHER);
    again.attach(tables);
    assertThat(again.all()).hasSize(2);
  }

  @Test
  void everyChangeReachesTheTablesBeforeMemoryAndReloadReadsThem() {
    AccountStore store = AccountStore.inMemory(HASHER);
    RecordingRows tables = new RecordingRows();
    store.attach(tables);
    store.create("u", "%", "caching_sha2_password", "pw", false, false, false);
    store.grant("u", "%", "shop", null, Set.of("SELECT", "INSERT"));
    store.grant("u", "%", "shop", "orders", Set.of("UPDATE"));
    assertThat(tables.rows)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.grants().database("SHOP")).containsExactlyInAnyOrder("SELECT", "INSERT");
              assertThat(a.grants().table("shop", "Orders")).containsExactly("UPDATE");
            });
    store.revoke("u", "%", "shop", null, Set.of("SELECT", "INSERT"));
    assertThat(tables.rows.getFirst().grants().databases()).isEmpty();

    tables.failNext = true;
    assertThatThrownBy(() -> store.grantGlobal("u", "%", Set.of("SUPER")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.hasGlobalPrivilege("u", "%", "SUPER")).isFalse();

    tables.rows.clear();
    store.reload();
    assertThat(store.all()).isEmpty();
  }

  private static String hex(String s) {
    return java.util.HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Grant tables in a list, failing one replace on request. */
  private static final class RecordingRows implements AccountRows {
    final java.util.List<StoredAccount> rows = new java.util.ArrayList<>();
    boolean failNext;

    @Override
    public java.util.List<StoredAccount> load() {
      return java.util.List.copyOf(rows);
    }

    @Override
    public void replace(
        java.util.List<StoredAccount> removed, java.util.List<StoredAccount> added) {
      if (failNext) {
        failNext = false;
        throw new IllegalStateException("disk gone");
      }
      rows.removeAll(removed);
      rows.addAll(added);
    }
  }

  @Test
  void duplicateAndMissingAccountsFailWith1396() {
    AccountStore store = AccountStore.open(datadir, HASHER);
    store.create("u", "%", "caching_sha2_password", "", false, false, false);
    assertThatThrownBy(
            () -> store.create("u", "%", "caching_sha2_password", "", false, false, false))
        .isInstanceOf(MysqlException.class)
        .hasMessage("Operation CREATE USER failed for 'u'@'%'");
    assertThatThrownBy(() -> store.drop("v", "%"))
        .hasMessage("Operation DROP USER failed for 'v'@'%'");
  }
}
