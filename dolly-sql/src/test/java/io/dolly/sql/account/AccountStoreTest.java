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
  void survivesReopenWithPrivilegesAndFlags() {
    AccountStore store = AccountStore.open(datadir, HASHER);
    String password = store.initialize(false, "caching_sha2_password");
    assertThat(password).hasSize(16);
    store.create("clone_user", "%", "caching_sha2_password", "pw", false, true, false);
    store.grantGlobal("clone_user", "%", Set.of("BACKUP_ADMIN", "SHOW DATABASES"));

    AccountStore reopened = AccountStore.open(datadir, HASHER);
    Account root = reopened.find("root", "127.0.0.1").orElseThrow();
    assertThat(root.passwordExpired()).isTrue();
    assertThat(root.authenticationString()).isEqualTo("caching_sha2_password:" + password);
    assertThat(reopened.hasGlobalPrivilege("root", "localhost", "SHUTDOWN")).isTrue();
    assertThat(reopened.get("clone_user", "%").orElseThrow().globalPrivileges())
        .containsExactlyInAnyOrder("BACKUP_ADMIN", "SHOW DATABASES");
    assertThat(reopened.find("clone_user", "10.0.0.1").orElseThrow().requireSsl()).isTrue();

    reopened.setPassword("root", "localhost", null, "new");
    assertThat(AccountStore.open(datadir, HASHER).find("root", "::1").orElseThrow())
        .extracting(Account::passwordExpired, Account::authenticationString)
        .containsExactly(false, "caching_sha2_password:new");
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
