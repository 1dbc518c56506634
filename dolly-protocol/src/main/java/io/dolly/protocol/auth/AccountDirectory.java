package io.dolly.protocol.auth;

import java.util.Optional;

/** Where the connection phase looks up accounts; implemented by the SQL layer's account store. */
public interface AccountDirectory {
  /**
   * The account that a client presenting {@code user} from {@code clientHost} maps to, choosing the
   * most specific host pattern first as MySQL sorts them; empty when none matches.
   *
   * @param clientHost the client's address as text; loopback addresses also match {@code localhost}
   *     accounts
   */
  Optional<Account> find(String user, String clientHost);

  /**
   * Whether the account may use {@code database} (named at connect time): anything granted on it,
   * its tables, or globally. Checked before the database's existence, as MySQL does, so that an
   * account learns nothing of databases it may not see.
   */
  default boolean mayUse(Account account, String database) {
    return true;
  }
}
