package io.dolly.sql.account;

import io.dolly.protocol.auth.Account;
import java.util.Set;

/**
 * One account as the store keeps it: the connection-phase view plus its global privileges.
 *
 * @param globalPrivileges static privileges granted ON *.* (upper case, e.g. {@code SELECT}, {@code
 *     SHUTDOWN}) and dynamic ones (e.g. {@code BACKUP_ADMIN}); {@code GRANT OPTION} is kept as its
 *     own entry
 */
public record StoredAccount(Account account, Set<String> globalPrivileges) {
  public StoredAccount {
    globalPrivileges = Set.copyOf(globalPrivileges);
  }

  public String user() {
    return account.user();
  }

  public String host() {
    return account.host();
  }
}
