package io.dolly.sql.account;

import io.dolly.protocol.auth.Account;
import io.dolly.protocol.auth.AccountDirectory;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server's accounts and their global privileges.
 *
 * <p>Until the accounts move into the system tablespace as {@code mysql.user} rows, they are kept
 * in {@code <datadir>/mysql/accounts}, rewritten whole on every change (temporary file, fsync,
 * rename, fsync of the directory) so that a crash leaves either the old or the new list. Format,
 * UTF-8 text:
 *
 * <pre>
 * dolly-accounts 1
 * &lt;user hex&gt; &lt;host hex&gt; &lt;plugin&gt; &lt;auth string hex or -&gt; &lt;flags&gt; &lt;privileges&gt;
 * </pre>
 *
 * one account per line, fields separated by a single space; flags is a string of {@code E}
 * (password expired), {@code L} (locked), {@code S} (REQUIRE SSL) or {@code -}; privileges is a
 * comma-separated list with spaces written as {@code +}, or {@code -}. Hex keeps arbitrary bytes of
 * names and credentials out of the field syntax.
 */
public final class AccountStore implements AccountDirectory {
  static final String FILE_NAME = "accounts";
  private static final String HEADER = "dolly-accounts 1";
  private static final Comparator<StoredAccount> MATCH_ORDER =
      Comparator.<StoredAccount>comparingInt(a -> new HostPattern(a.host()).specificity())
          .thenComparing(a -> a.user().isEmpty())
          .thenComparing(StoredAccount::host)
          .thenComparing(StoredAccount::user);

  private final Path file;
  private final PasswordHasher hasher;
  private volatile List<StoredAccount> accounts;
  private volatile Runnable onChange = () -> {};

  private AccountStore(Path file, PasswordHasher hasher, List<StoredAccount> accounts) {
    this.file = file;
    this.hasher = hasher;
    this.accounts = sorted(accounts);
  }

  /** Opens the store of a data directory; an absent file is an empty store. */
  public static AccountStore open(Path datadir, PasswordHasher hasher) {
    Path file = datadir.resolve("mysql").resolve(FILE_NAME);
    try {
      List<StoredAccount> loaded = Files.exists(file) ? read(file) : List.of();
      return new AccountStore(file, hasher, loaded);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read accounts from " + file, e);
    }
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
    List<StoredAccount> next = new ArrayList<>(accounts);
    next.add(new StoredAccount(account, Set.of()));
    replace(next);
  }

  /** ALTER USER ... IDENTIFIED BY / SET PASSWORD: new credential, expiry cleared. */
  public synchronized void setPassword(String user, String host, String plugin, String password) {
    StoredAccount old = require(user, host, "ALTER USER");
    String usePlugin = plugin == null ? old.account().plugin() : plugin;
    String auth = password.isEmpty() ? "" : hasher.hash(usePlugin, password);
    Account a = old.account();
    update(
        old,
        new StoredAccount(
            new Account(a.user(), a.host(), usePlugin, auth, false, a.locked(), a.requireSsl()),
            old.globalPrivileges()));
  }

  /**
   * ALTER USER account options: PASSWORD EXPIRE, ACCOUNT LOCK/UNLOCK, REQUIRE SSL/NONE; a null
   * argument leaves that flag as it is.
   */
  public synchronized void setFlags(
      String user, String host, Boolean expired, Boolean locked, Boolean requireSsl) {
    StoredAccount old = require(user, host, "ALTER USER");
    Account a = old.account();
    update(
        old,
        new StoredAccount(
            new Account(
                a.user(),
                a.host(),
                a.plugin(),
                a.authenticationString(),
                expired == null ? a.passwordExpired() : expired,
                locked == null ? a.locked() : locked,
                requireSsl == null ? a.requireSsl() : requireSsl),
            old.globalPrivileges()));
  }

  /** DROP USER; fails with 1396 when the account does not exist. */
  public synchronized void drop(String user, String host) {
    StoredAccount old = require(user, host, "DROP USER");
    List<StoredAccount> next = new ArrayList<>(accounts);
    next.remove(old);
    replace(next);
  }

  public synchronized void grantGlobal(String user, String host, Set<String> privileges) {
    StoredAccount old = require(user, host, "GRANT");
    Set<String> merged = new LinkedHashSet<>(old.globalPrivileges());
    merged.addAll(privileges);
    update(old, new StoredAccount(old.account(), merged));
  }

  public synchronized void revokeGlobal(String user, String host, Set<String> privileges) {
    StoredAccount old = require(user, host, "REVOKE");
    Set<String> remaining = new LinkedHashSet<>(old.globalPrivileges());
    remaining.removeAll(privileges);
    update(old, new StoredAccount(old.account(), remaining));
  }

  /** True when the account holds the global privilege (SUPER does not imply dynamic ones). */
  public boolean hasGlobalPrivilege(String user, String host, String privilege) {
    return get(user, host).map(a -> a.globalPrivileges().contains(privilege)).orElse(false);
  }

  private StoredAccount require(String user, String host, String operation) {
    return get(user, host)
        .orElseThrow(
            () -> new MysqlException(ErrorCode.ER_CANNOT_USER, operation, quoted(user, host)));
  }

  private void update(StoredAccount old, StoredAccount replacement) {
    List<StoredAccount> next = new ArrayList<>(accounts);
    next.set(next.indexOf(old), replacement);
    replace(next);
  }

  private void replace(List<StoredAccount> next) {
    List<StoredAccount> sortedNext = sorted(next);
    write(sortedNext);
    accounts = sortedNext;
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

  private void write(List<StoredAccount> list) {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    HexFormat hex = HexFormat.of();
    for (StoredAccount s : list) {
      Account a = s.account();
      String flags =
          (a.passwordExpired() ? "E" : "") + (a.locked() ? "L" : "") + (a.requireSsl() ? "S" : "");
      String privileges =
          s.globalPrivileges().isEmpty()
              ? "-"
              : String.join(",", new TreeSet<>(s.globalPrivileges())).replace(' ', '+');
      String user = hex.formatHex(a.user().getBytes(StandardCharsets.UTF_8));
      sb.append(user.isEmpty() ? "-" : user)
          .append(' ')
          .append(hex.formatHex(a.host().getBytes(StandardCharsets.UTF_8)))
          .append(' ')
          .append(a.plugin())
          .append(' ')
          .append(
              a.authenticationString().isEmpty()
                  ? "-"
                  : hex.formatHex(a.authenticationString().getBytes(StandardCharsets.ISO_8859_1)))
          .append(' ')
          .append(flags.isEmpty() ? "-" : flags)
          .append(' ')
          .append(privileges)
          .append('\n');
    }
    try {
      Path dir = file.getParent();
      Files.createDirectories(dir);
      Path tmp = dir.resolve(FILE_NAME + ".tmp");
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    } catch (IOException e) {
      throw new MysqlException(
          e, ErrorCode.ER_ERROR_ON_WRITE, file.toString(), 0, String.valueOf(e.getMessage()));
    }
  }

  private static List<StoredAccount> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      throw new IOException(file + " is not a Dolly accounts file of format 1");
    }
    HexFormat hex = HexFormat.of();
    List<StoredAccount> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(" ", -1);
      if (f.length != 6) {
        throw new IOException(file + ": malformed line: " + line);
      }
      String user = f[0].equals("-") ? "" : new String(hex.parseHex(f[0]), StandardCharsets.UTF_8);
      String host = new String(hex.parseHex(f[1]), StandardCharsets.UTF_8);
      String auth =
          f[3].equals("-") ? "" : new String(hex.parseHex(f[3]), StandardCharsets.ISO_8859_1);
      String flags = f[4];
      Set<String> privileges = new LinkedHashSet<>();
      if (!f[5].equals("-")) {
        Arrays.stream(f[5].split(",")).map(p -> p.replace('+', ' ')).forEach(privileges::add);
      }
      out.add(
          new StoredAccount(
              new Account(
                  user,
                  host,
                  f[2],
                  auth,
                  flags.contains("E"),
                  flags.contains("L"),
                  flags.contains("S")),
              privileges));
    }
    return out;
  }
}
