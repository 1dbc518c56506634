package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.account.Grants;
import io.dolly.sql.account.HostPattern;
import io.dolly.sql.account.Privileges;
import io.dolly.sql.ast.Admin;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The level a GRANT or REVOKE names, resolved against the session: global ({@code *.*}), a database
 * ({@code db.*}, or {@code *} for the current one) or a table ({@code db.t}, or {@code t} in the
 * current database). It knows which privileges that level may hold and what the grantor needs.
 *
 * @param database null for the global level
 * @param table null for the global and database levels
 */
record GrantLevel(String database, String table) {

  static GrantLevel of(SqlSession session, Admin.GrantLevel written) {
    String db = written.database();
    String t = written.table();
    if ("*".equals(db)) {
      if (!"*".equals(t)) {
        throw new MysqlException(ErrorCode.ER_ILLEGAL_GRANT_FOR_TABLE);
      }
      return new GrantLevel(null, null);
    }
    String schema = session.schemaOf(db);
    if ("*".equals(t)) {
      return new GrantLevel(schema, null);
    }
    if (session.findTable(schema, t).isEmpty()) {
      throw new MysqlException(ErrorCode.ER_NO_SUCH_TABLE, schema, t);
    }
    return new GrantLevel(schema, t.toLowerCase(java.util.Locale.ROOT));
  }

  boolean global() {
    return database == null;
  }

  /** What a level holds besides GRANT OPTION; ALL means all of these. */
  private List<String> allowed() {
    if (global()) {
      return null;
    }
    return table == null ? Privileges.DATABASE_LEVEL : Privileges.TABLE_LEVEL;
  }

  /** The privilege names of a GRANT/REVOKE at this level, checked against it. */
  Set<String> privileges(List<Admin.Privilege> written) {
    Set<String> out = new LinkedHashSet<>();
    for (Admin.Privilege p : written) {
      if (!p.columns().isEmpty()) {
        throw SyntaxErrors.unsupported("column privileges");
      }
      String name = p.name();
      if (name.equals("ALL")) {
        if (global()) {
          out.addAll(Privileges.STATIC);
          out.addAll(Privileges.DYNAMIC);
        } else {
          out.addAll(allowed());
        }
      } else if (name.equals("USAGE")) {
        // grants nothing
      } else if (name.equals(Privileges.GRANT_OPTION)) {
        out.add(name);
      } else if (Privileges.DYNAMIC.contains(name)) {
        if (!global()) {
          throw new MysqlException(ErrorCode.ER_ILLEGAL_PRIVILEGE_LEVEL, name);
        }
        out.add(name);
      } else if (Privileges.STATIC.contains(name)) {
        if (!global() && !allowed().contains(name)) {
          throw table == null
              ? new MysqlException(ErrorCode.ER_WRONG_USAGE, "DB GRANT", "GLOBAL PRIVILEGES")
              : new MysqlException(ErrorCode.ER_ILLEGAL_GRANT_FOR_TABLE);
        }
        out.add(name);
      } else {
        throw SyntaxErrors.unsupported("privilege " + name);
      }
    }
    return out;
  }

  /**
   * The grantor needs GRANT OPTION and every privilege it hands out, at this level or above, as in
   * MySQL: 1045 for the global level, 1044 for a database, 1142 for a table.
   */
  void requireGrantable(SqlSession session, Set<String> privileges) {
    Grants g = session.privileges().grants();
    if (g == null) {
      return;
    }
    Set<String> needed = new LinkedHashSet<>(privileges);
    needed.add(Privileges.GRANT_OPTION);
    for (String p : needed) {
      boolean held =
          global()
              ? g.global().contains(p)
              : table == null ? g.allowsOnDatabase(p, database) : g.allows(p, database, table);
      if (held) {
        continue;
      }
      var info = session.info();
      String host = HostPattern.displayHost(info.clientHost());
      if (global()) {
        throw new MysqlException(ErrorCode.ER_ACCESS_DENIED_ERROR, info.user(), host, "YES");
      }
      if (table == null) {
        throw session.privileges().deniedDatabase(database);
      }
      throw new MysqlException(
          ErrorCode.ER_TABLEACCESS_DENIED_ERROR, "GRANT", info.user(), host, table);
    }
  }

  /** REVOKE at a database or table level the account holds nothing at: 1141 or 1147. */
  void requireGranted(Grants held, String[] userHost) {
    if (global()) {
      return;
    }
    if (table == null && held.database(database).isEmpty()) {
      throw new MysqlException(ErrorCode.ER_NONEXISTING_GRANT, userHost[0], userHost[1]);
    }
    if (table != null && held.table(database, table).isEmpty()) {
      throw new MysqlException(
          ErrorCode.ER_NONEXISTING_TABLE_GRANT, userHost[0], userHost[1], table);
    }
  }
}
