package io.dolly.sql.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SHOW GRANTS in MySQL 8.0's text: the static global privileges (or USAGE) first, then the dynamic
 * ones, then one line per database and per table, each with WITH GRANT OPTION when granted at that
 * level. A level holding every privilege it can hold reads ALL PRIVILEGES, except the global one,
 * which MySQL 8.0 spells out.
 */
public final class GrantsText {
  private GrantsText() {}

  public static List<String> lines(StoredAccount account) {
    Grants g = account.grants();
    String to = " TO " + quote(account.user()) + "@" + quote(account.host());
    List<String> lines = new ArrayList<>();
    boolean globalGrant = g.global().contains(Privileges.GRANT_OPTION);
    String withGrant = globalGrant ? " WITH GRANT OPTION" : "";
    lines.add("GRANT " + list(g.global(), Privileges.STATIC, null) + " ON *.*" + to + withGrant);
    List<String> dynamics = new ArrayList<>();
    for (String p : Privileges.DYNAMIC) {
      if (g.global().contains(p)) {
        dynamics.add(p);
      }
    }
    if (!dynamics.isEmpty()) {
      lines.add("GRANT " + String.join(",", dynamics) + " ON *.*" + to + withGrant);
    }
    for (Map.Entry<String, Set<String>> e : new TreeMap<>(g.databases()).entrySet()) {
      lines.add(
          "GRANT "
              + list(e.getValue(), Privileges.DATABASE_LEVEL, "ALL PRIVILEGES")
              + " ON "
              + quote(e.getKey())
              + ".*"
              + to
              + option(e.getValue()));
    }
    Map<String, Map.Entry<Grants.TableRef, Set<String>>> tables = new TreeMap<>();
    for (Map.Entry<Grants.TableRef, Set<String>> e : g.tables().entrySet()) {
      tables.put(e.getKey().database() + "\0" + e.getKey().table(), e);
    }
    for (Map.Entry<Grants.TableRef, Set<String>> e : tables.values()) {
      lines.add(
          "GRANT "
              + list(e.getValue(), Privileges.TABLE_LEVEL, "ALL PRIVILEGES")
              + " ON "
              + quote(e.getKey().database())
              + "."
              + quote(e.getKey().table())
              + to
              + option(e.getValue()));
    }
    return lines;
  }

  /** The held privileges of {@code order} joined as MySQL prints them; USAGE for none. */
  private static String list(Set<String> held, List<String> order, String all) {
    List<String> out = new ArrayList<>();
    for (String p : order) {
      if (held.contains(p)) {
        out.add(p);
      }
    }
    if (all != null && out.size() == order.size()) {
      return all;
    }
    return out.isEmpty() ? "USAGE" : String.join(", ", out);
  }

  private static String option(Set<String> held) {
    return held.contains(Privileges.GRANT_OPTION) ? " WITH GRANT OPTION" : "";
  }

  /** An identifier in backticks, a backtick in it doubled. */
  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
