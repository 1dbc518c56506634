package io.dolly.sql.account;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The privileges of one account at each level, as {@code mysql.user}, {@code mysql.global_grants},
 * {@code mysql.db} and {@code mysql.tables_priv} hold them. Privilege names are upper case as
 * written in GRANT ({@code SELECT}, {@code CREATE TEMPORARY TABLES}, {@code BACKUP_ADMIN}); {@code
 * GRANT OPTION} is an entry of the level it was granted at. Database and table names are kept in
 * lower case (Dolly's names are case-insensitive, lower_case_table_names=1), so lookups agree with
 * how statements name them.
 *
 * @param global static privileges ON *.*, dynamic ones and GRANT OPTION
 * @param databases per database ON db.*
 * @param tables per table ON db.t
 */
public record Grants(
    Set<String> global, Map<String, Set<String>> databases, Map<TableRef, Set<String>> tables) {

  /** A table a grant names: database and table, lower case. */
  public record TableRef(String database, String table) {
    public TableRef {
      database = database.toLowerCase(Locale.ROOT);
      table = table.toLowerCase(Locale.ROOT);
    }
  }

  public static final Grants NONE = new Grants(Set.of(), Map.of(), Map.of());

  public Grants {
    global = Set.copyOf(global);
    databases = freeze(databases, k -> k.toLowerCase(Locale.ROOT));
    tables = freeze(tables, k -> k);
  }

  private static <K> Map<K, Set<String>> freeze(
      Map<K, Set<String>> m, java.util.function.UnaryOperator<K> key) {
    Map<K, Set<String>> out = new LinkedHashMap<>();
    for (Map.Entry<K, Set<String>> e : m.entrySet()) {
      if (!e.getValue().isEmpty()) {
        out.merge(key.apply(e.getKey()), Set.copyOf(e.getValue()), Grants::union);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new LinkedHashSet<>(a);
    u.addAll(b);
    return Set.copyOf(u);
  }

  /** True when {@code privilege} is held on {@code db.table} at any level covering it. */
  public boolean allows(String privilege, String db, String table) {
    if (global.contains(privilege)) {
      return true;
    }
    if (db == null) {
      return false;
    }
    if (database(db).contains(privilege)) {
      return true;
    }
    return table != null && table(db, table).contains(privilege);
  }

  /** True when {@code privilege} is held for the whole database (global or db level). */
  public boolean allowsOnDatabase(String privilege, String db) {
    return global.contains(privilege) || (db != null && database(db).contains(privilege));
  }

  /**
   * True when anything at all is granted on the database or one of its tables (or globally), which
   * is what USE and SHOW DATABASES ask of an account in MySQL.
   */
  public boolean seesDatabase(String db) {
    if (global.stream().anyMatch(Privileges::isDatabaseLevel)) {
      return true;
    }
    String d = db.toLowerCase(Locale.ROOT);
    return databases.containsKey(d)
        || tables.keySet().stream().anyMatch(t -> t.database().equals(d));
  }

  /** True when anything is granted on the table (or its database, or globally). */
  public boolean seesTable(String db, String table) {
    if (global.stream().anyMatch(Privileges::isTableLevel)) {
      return true;
    }
    return database(db).stream().anyMatch(Privileges::isTableLevel) || !table(db, table).isEmpty();
  }

  public Set<String> database(String db) {
    return databases.getOrDefault(db.toLowerCase(Locale.ROOT), Set.of());
  }

  public Set<String> table(String db, String table) {
    return tables.getOrDefault(new TableRef(db, table), Set.of());
  }

  public Grants withGlobal(Set<String> privileges) {
    return new Grants(privileges, databases, tables);
  }

  public Grants withDatabase(String db, Set<String> privileges) {
    Map<String, Set<String>> m = new LinkedHashMap<>(databases);
    m.put(db.toLowerCase(Locale.ROOT), privileges);
    return new Grants(global, m, tables);
  }

  public Grants withTable(String db, String table, Set<String> privileges) {
    Map<TableRef, Set<String>> m = new LinkedHashMap<>(tables);
    m.put(new TableRef(db, table), privileges);
    return new Grants(global, databases, m);
  }
}
