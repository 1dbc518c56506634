package io.dolly.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a copy taken under {@link TransferWorkload}, started as a server, must show: the exact
 * balance total, balances equal to its journal's replay from {@link TransferWorkload#INITIAL},
 * every transfer acknowledged before the CLONE statement started, nothing of the transaction held
 * open across it, CHECK TABLE OK on every table of every schema, and (when given) the donor's user
 * logging in with the donor's grants. Each check's outcome is kept by name, in order, so that a
 * bench run can print OK/FAIL per check and a test can assert them all.
 */
final class CloneChecks {
  /** A user created on the donor before the clone, and what SHOW GRANTS printed for it there. */
  record Account(String user, String password, List<String> grants) {}

  private final Map<String, String> failures = new LinkedHashMap<>();
  private final List<String> names = new ArrayList<>();

  private CloneChecks() {}

  /** Runs every check against {@code clone}; never throws for a failed check, only records it. */
  static CloneChecks run(
      ServerProcess clone, int accounts, Set<Long> acknowledgedBeforeStart, Account account)
      throws SQLException {
    CloneChecks checks = new CloneChecks();
    try (Connection c = clone.root();
        Statement s = c.createStatement()) {
      checks.checkTables(s);
      Journal journal = Journal.read(s);
      Map<Integer, Long> balances = new HashMap<>();
      try (ResultSet rs = s.executeQuery("SELECT id, bal FROM bank.acct")) {
        while (rs.next()) {
          balances.put(rs.getInt(1), rs.getLong(2));
        }
      }
      long total = 0;
      List<String> mismatched = new ArrayList<>();
      for (int id = 1; id <= accounts; id++) {
        long bal = balances.getOrDefault(id, Long.MIN_VALUE);
        total += bal;
        long replayed = TransferWorkload.INITIAL + journal.net.getOrDefault(id, 0L);
        if (bal != replayed && mismatched.size() < 5) {
          mismatched.add("account " + id + " = " + bal + ", journal replay " + replayed);
        }
      }
      long expectedTotal = accounts * TransferWorkload.INITIAL;
      checks.record(
          "total",
          total == expectedTotal ? null : "total " + total + ", expected " + expectedTotal);
      checks.record("journal", mismatched.isEmpty() ? null : String.join("; ", mismatched));
      Set<Long> missing = new HashSet<>(acknowledgedBeforeStart);
      missing.removeAll(journal.ids);
      checks.record(
          "acknowledged",
          missing.isEmpty()
              ? null
              : missing.size()
                  + " of "
                  + acknowledgedBeforeStart.size()
                  + " acknowledged transfers missing, e.g. "
                  + missing.iterator().next());
      long account0 = balances.getOrDefault(0, Long.MIN_VALUE);
      checks.record(
          "uncommitted",
          !journal.ids.contains(TransferWorkload.UNCOMMITTED)
                  && account0 == TransferWorkload.INITIAL
              ? null
              : "the open transaction reached the copy: account 0 = " + account0);
    }
    if (account != null) {
      checks.checkAccount(clone, account);
    }
    return checks;
  }

  /** CHECK TABLE on every base table of every schema but the virtual ones. */
  private void checkTables(Statement s) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs =
        s.executeQuery(
            "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE ="
                + " 'BASE TABLE' AND TABLE_SCHEMA NOT IN ('information_schema',"
                + " 'performance_schema')")) {
      while (rs.next()) {
        tables.add("`" + rs.getString(1) + "`.`" + rs.getString(2) + "`");
      }
    }
    List<String> bad = new ArrayList<>();
    for (String table : tables) {
      try (ResultSet rs = s.executeQuery("CHECK TABLE " + table)) {
        String text = rs.next() ? rs.getString("Msg_text") : "(no row)";
        if (!"OK".equals(text)) {
          bad.add(table + ": " + text);
        }
      }
    }
    if (tables.isEmpty()) {
      bad.add("no tables listed");
    }
    record("check-table(" + tables.size() + ")", bad.isEmpty() ? null : String.join("; ", bad));
  }

  private void checkAccount(ServerProcess clone, Account account) {
    List<String> grants = new ArrayList<>();
    String failure;
    try (Connection c = clone.connectorJ(account.user(), account.password(), "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW GRANTS")) {
      while (rs.next()) {
        grants.add(rs.getString(1));
      }
      failure =
          grants.equals(account.grants())
              ? null
              : "SHOW GRANTS " + grants + ", donor's " + account.grants();
    } catch (SQLException e) {
      failure = account.user() + " cannot log in: " + e.getMessage();
    }
    record("user", failure);
  }

  private void record(String name, String failure) {
    names.add(name);
    if (failure != null) {
      failures.put(name, failure);
    }
  }

  /** Each check's name with OK or FAIL, e.g. {@code total=OK journal=FAIL ...}. */
  String summary() {
    StringBuilder sb = new StringBuilder();
    for (String name : names) {
      sb.append(sb.isEmpty() ? "" : " ").append(name).append('=');
      sb.append(failures.containsKey(name) ? "FAIL" : "OK");
    }
    return sb.toString();
  }

  /** The failed checks with what they found; empty when every check passed. */
  Map<String, String> failures() {
    return failures;
  }

  /** The copy's journal: its ids, and each account's net amount from replaying it. */
  private record Journal(Set<Long> ids, Map<Integer, Long> net) {
    static Journal read(Statement s) throws SQLException {
      Set<Long> ids = new HashSet<>();
      Map<Integer, Long> net = new HashMap<>();
      try (ResultSet rs = s.executeQuery("SELECT id, src, dst, amount FROM bank.journal")) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
          net.merge(rs.getInt(2), -rs.getLong(4), Long::sum);
          net.merge(rs.getInt(3), rs.getLong(4), Long::sum);
        }
      }
      return new Journal(ids, net);
    }
  }
}
