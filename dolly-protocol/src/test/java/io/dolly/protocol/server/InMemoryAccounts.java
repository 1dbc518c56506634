package io.dolly.protocol.server;

import io.dolly.protocol.auth.Account;
import io.dolly.protocol.auth.AccountDirectory;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Accounts for tests: exact user, host {@code %}, an exact host, or {@code localhost}. */
final class InMemoryAccounts implements AccountDirectory {
  private final CopyOnWriteArrayList<Account> accounts = new CopyOnWriteArrayList<>();

  InMemoryAccounts add(Account account) {
    accounts.add(account);
    return this;
  }

  @Override
  public Optional<Account> find(String user, String clientHost) {
    Optional<Account> exact =
        accounts.stream()
            .filter(a -> a.user().equals(user) && a.host().equals(clientHost))
            .findFirst();
    return exact.or(
        () ->
            accounts.stream()
                .filter(a -> a.user().equals(user) && a.host().equals("%"))
                .findFirst());
  }
}
