package io.dolly.sql.account;

import io.dolly.protocol.auth.Account;
import java.util.Set;

/** One account as the store keeps it: the connection-phase view plus its grants at every level. */
public record StoredAccount(Account account, Grants grants) {
  public String user() {
    return account.user();
  }

  public String host() {
    return account.host();
  }

  /**
   * Static privileges granted ON *.* (upper case, e.g. {@code SELECT}, {@code SHUTDOWN}), dynamic
   * ones (e.g. {@code BACKUP_ADMIN}) and {@code GRANT OPTION}.
   */
  public Set<String> globalPrivileges() {
    return grants.global();
  }

  StoredAccount with(Account a) {
    return new StoredAccount(a, grants);
  }

  StoredAccount with(Grants g) {
    return new StoredAccount(account, g);
  }
}
