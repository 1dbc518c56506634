package io.dolly.sql.account;

import io.dolly.protocol.auth.Account;
import io.dolly.protocol.auth.AccountDirectory;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The server's accounts and their grants, kept in memory for authentication and privilege checks
 * and persisted as rows of the grant tables in {@code mysql.ibd} ({@link AccountRows}). Every
 * change writes the rows first, in one committed transaction, and only then replaces the in-memory
 * copy, so memory never shows what a crash could lose. FLUSH PRIVILEGES ({@link #reload}) reads the
 * tables again, which is how direct DML on them takes effect, as in MySQL.
 *
 * <p>Until storage is attached (a SQL layer alone, in tests) the accounts live in memory only.
 */
public final class AccountStore implements AccountDirectory {
  private static final Comparator<StoredAccount> MATCH_ORDER =
      Comparator.<StoredAccount>comparingInt(a -> new HostPattern(a.host()).specificity())
          .thenComparing(a -> a.user().isEmpty())
          .thenComparing(StoredAccount::host)
          .thenComparing(StoredAccount::user);

  private final PasswordHasher hasher;
  private final Path legacyFile;
  private volatile List<StoredAccount> accounts;
  private volatile AccountRows rows;
  private volatile Runnable onChange = () -> {};

  private AccountStore(PasswordHasher hasher, Path legacyFile, List<StoredAccount> accounts) {
    this.hasher = hasher;
    this.legacyFile = legacyFile;
    this.accounts = sorted(accounts);
  }

  /** A store that keeps its accounts in memory until {@link #attach} gives it the tables. */
  public static AccountStore inMemory(PasswordHasher hasher) {
    return new AccountStore(hasher, null, List.of());
  }

  /**
   * The store of a data directory before storage opens: empty, or the accounts of an old {@code
   * mysql/accounts} file, which {@link #attach} migrates into the tables and then removes.
   */
  public static AccountStore open(Path datadir, PasswordHasher hasher) {
    Path file = LegacyAccountsFile.of(datadir);
    try {
      List<StoredAccount> legacy = Files.exists(file) ? LegacyAccountsFile.read(file) : List.of();
      return new AccountStore(hasher, file, legacy);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read accounts from " + file, e);
    }
  }

  /**
   * Makes the grant tables the home of the accounts. When they hold no account yet, the accounts in
   * memory (a legacy file's, or those created before storage was attached) are written to them;
   * otherwise the tables' accounts replace those in memory. A legacy file is removed after its
   * accounts are committed, so a crash in between migrates it again or finds it done.
   */
  public synchronized void attach(AccountRows tables) {
    List<StoredAccount> stored = tables.load();
    if (stored.isEmpty() && !accounts.isEmpty()) {
      tables.replace(List.of(), accounts);
      stored = tables.load();
    }
    this.rows = tables;
    accounts = sorted(stored);
    if (legacyFile != null && Files.exists(legacyFile)) {
      try {
        LegacyAccountsFile.remove(legacyFile);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove the migrated " + legacyFile, e);
      }
    }
    onChange.run();
  }

  /** FLUSH PRIVILEGES: the in-memory copy is read again from the tables. */
  public synchronized void reload() {
    if (rows != null) {
      accounts = sorted(rows.load());
    }
    onChange.run();
  }

  /** Runs after every change (credential caches must forget what they hold). */
  public void onChange(Runnable listener) {
    this.onChange = listener;
  }

  public boolean isEmpty() {
    return accounts.isEmpty();
  }

  /**
   * Creates {@code root@localhost} with every privilege, as a new data directory gets.
   *
   * @param insecure true for an empty password; false for a random one, returned, that must be
   *     changed at first login
   * @return the generated password, or the empty string when insecure
   */
  public synchronized String initialize(boolean insecure, String plugin) {
    String password = insecure ? "" : randomPassword();
    create("root", "localhost", plugin, password, !insecure, false, false);
    grantGlobal("root", "localhost", Privileges.all());
    return password;
  }

  @Override
  public Optional<Account> find(String user, String clientHost) {
    for (StoredAccount a : accounts) {
      if ((a.user().isEmpty() || a.user().equals(user))
          && new HostPattern(a.host()).matches(clientHost)) {
        return Optional.of(a.account());
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean mayUse(Account account, String database) {
    return database.equalsIgnoreCase("information_schema")
        || grants(account.user(), account.host()).seesDatabase(database);
  }

  /** The account with exactly this user and host, as named in CREATE/ALTER/DROP USER. */
  public Optional<StoredAccount> get(String user, String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return accounts.stream()
        .filter(a -> a.user().equals(user) && a.host().equalsIgnoreCase(h))
        .findFirst();
  }

  public List<StoredAccount> all() {
    return accounts;
  }

  /** CREATE USER; fails with 1396 when the account exists. */
  public synchronized void create(
      String user,
      String host,
      String plugin,
      String password,
      boolean expired,
      boolean requireSsl,
      boolean locked) {
    if (get(user, host).isPresent()) {
      throw new MysqlException(ErrorCode.ER_CANNOT_USER, "CREATE USER", quoted(user, host));
    }
    String auth = password.isEmpty() ? "" : hasher.hash(plugin, password);
    Account account =
        new Account(user, host.toLowerCase(Locale.ROOT), plugin, auth, expired, locked, requireSsl);
    change(null, new StoredAccount(account, Grants.NONE));
  }

  /** ALTER USER ... IDENTIFIED BY / SET PASSWORD: new credential, expiry cleared. */
  public synchronized void setPassword(String user, String host, String plugin, String password) {
    StoredAccount old = require(user, host, "ALTER USER");
    String usePlugin = plugin == null ? old.account().plugin() : plugin;
    String auth = password.isEmpty() ? "" : hasher.hash(usePlugin, password);
    Account a = old.account();
    change(
        old,
        old.with(
            new Account(a.user(), a.host(), usePlugin, auth, false, a.locked(), a.requireSsl())));
  }

  /**
   * ALTER USER account options: PASSWORD EXPIRE, ACCOUNT LOCK/UNLOCK, REQUIRE SSL/NONE; a null
   * argument leaves that flag as it is.
   */
  public synchronized void setFlags(
      String user, String host, Boolean expired, Boolean locked, Boolean requireSsl) {
    StoredAccount old = require(user, host, "ALTER USER");
    Account a = old.account();
    change(
        old,
        old.with(
            new Account(
                a.user(),
                a.host(),
                a.plugin(),
                a.authenticationString(),
                expired == null ? a.passwordExpired() : expired,
                locked == null ? a.locked() : locked,
                requireSsl == null ? a.requireSsl() : requireSsl)));
  }

  /** DROP USER, with every grant of the account; fails with 1396 when it does not exist. */
  public synchronized void drop(String user, String host) {
    change(require(user, host, "DROP USER"), null);
  }

  /**
   * RENAME USER: the account and its grants move to the new name; 1396 when the old name does not
   * exist or the new one does.
   */
  public synchronized void rename(String user, String host, String newUser, String newHost) {
    StoredAccount old = require(user, host, "RENAME USER");
    if (get(newUser, newHost).isPresent()) {
      throw new MysqlException(ErrorCode.ER_CANNOT_USER, "RENAME USER", quoted(user, host));
    }
    Account a = old.account();
    change(
        old,
        old.with(
            new Account(
                newUser,
                newHost.toLowerCase(Locale.ROOT),
                a.plugin(),
                a.authenticationString(),
                a.passwordExpired(),
                a.locked(),
                a.requireSsl())));
  }

  public synchronized void grantGlobal(String user, String host, Set<String> privileges) {
    grant(user, host, null, null, privileges);
  }

  public synchronized void revokeGlobal(String user, String host, Set<String> privileges) {
    revoke(user, host, null, null, privileges);
  }

  /**
   * GRANT at one level: global when {@code db} is null, database when {@code table} is null,
   * otherwise the table.
   */
  public synchronized void grant(
      String user, String host, String db, String table, Set<String> privileges) {
    StoredAccount old = require(user, host, "GRANT");
    Set<String> merged = new LinkedHashSet<>(held(old.grants(), db, table));
    merged.addAll(privileges);
    change(old, old.with(at(old.grants(), db, table, merged)));
  }

  /** REVOKE at one level (as {@link #grant}). */
  public synchronized void revoke(
      String user, String host, String db, String table, Set<String> privileges) {
    StoredAccount old = require(user, host, "REVOKE");
    Set<String> remaining = new LinkedHashSet<>(held(old.grants(), db, table));
    remaining.removeAll(privileges);
    change(old, old.with(at(old.grants(), db, table, remaining)));
  }

  private static Set<String> held(Grants g, String db, String table) {
    if (db == null) {
      return g.global();
    }
    return table == null ? g.database(db) : g.table(db, table);
  }

  private static Grants at(Grants g, String db, String table, Set<String> privileges) {
    if (db == null) {
      return g.withGlobal(privileges);
    }
    return table == null ? g.withDatabase(db, privileges) : g.withTable(db, table, privileges);
  }

  /** True when the account holds the global privilege (SUPER does not imply dynamic ones). */
  public boolean hasGlobalPrivilege(String user, String host, String privilege) {
    return get(user, host).map(a -> a.globalPrivileges().contains(privilege)).orElse(false);
  }

  /** The grants of the account with exactly this user and host; none when it does not exist. */
  public Grants grants(String user, String host) {
    return get(user, host).map(StoredAccount::grants).orElse(Grants.NONE);
  }

  private StoredAccount require(String user, String host, String operation) {
    return get(user, host)
        .orElseThrow(
            () -> new MysqlException(ErrorCode.ER_CANNOT_USER, operation, quoted(user, host)));
  }

  /** Replaces {@code old} (null: none) by {@code replacement} (null: none), rows first. */
  private void change(StoredAccount old, StoredAccount replacement) {
    List<StoredAccount> next = new ArrayList<>(accounts);
    if (old != null) {
      next.remove(old);
    }
    if (replacement != null) {
      next.add(replacement);
    }
    AccountRows tables = rows;
    if (tables != null) {
      tables.replace(
          old == null ? List.of() : List.of(old),
          replacement == null ? List.of() : List.of(replacement));
    }
    accounts = sorted(next);
    onChange.run();
  }

  private static List<StoredAccount> sorted(List<StoredAccount> list) {
    List<StoredAccount> copy = new ArrayList<>(list);
    copy.sort(MATCH_ORDER);
    return List.copyOf(copy);
  }

  private static String quoted(String user, String host) {
    return "'" + user + "'@'" + host + "'";
  }

  private static String randomPassword() {
    // Letters, digits and punctuation that need no quoting in a shell or SQL string.
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789#%+,-.:=?@^_";
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
