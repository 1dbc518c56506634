package io.dolly.sql.exec;

import io.dolly.protocol.auth.Account;
import io.dolly.sql.account.StoredAccount;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mysql.user} over the account store, read-only: the columns scripts query to check an
 * account (Host, User, plugin, password_expired, account_locked), named and ordered as in MySQL 8.
 * Its other columns are left out: one per static privilege and resource limits Dolly does not keep,
 * and authentication_string, whose binary salts the text columns here cannot carry. As in MySQL,
 * reading it takes the SELECT privilege.
 */
final class MysqlUserTable implements SystemTable {
  private static final List<ColumnMeta> COLUMNS =
      List.of(
          ColumnMeta.text("Host", 255),
          ColumnMeta.text("User", 32),
          ColumnMeta.text("plugin", 64),
          ColumnMeta.text("password_expired", 1),
          ColumnMeta.text("account_locked", 1));

  @Override
  public List<ColumnMeta> columns() {
    return COLUMNS;
  }

  @Override
  public List<List<Value>> rows(SqlSession session) {
    session.requireTable("SELECT", "user");
    List<List<Value>> rows = new ArrayList<>();
    for (StoredAccount stored : session.engine().accounts().all()) {
      Account a = stored.account();
      rows.add(
          List.of(
              Value.of(a.host()),
              Value.of(a.user()),
              Value.of(a.plugin()),
              Value.of(a.passwordExpired() ? "Y" : "N"),
              Value.of(a.locked() ? "Y" : "N")));
    }
    return rows;
  }
}
