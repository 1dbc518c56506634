package io.dolly.sql.account;

import java.util.List;

/**
 * Where accounts and grants persist: the {@code mysql.user}, {@code mysql.global_grants}, {@code
 * mysql.db} and {@code mysql.tables_priv} rows of the system tablespace. Implemented by the SQL
 * executor, which owns the tables; the store keeps the in-memory copy that authentication and
 * privilege checks read.
 */
public interface AccountRows {
  /** Every account with its grants, as the tables hold them now. */
  List<StoredAccount> load();

  /**
   * Deletes every row of the {@code removed} accounts and writes those of {@code added}, all in one
   * committed transaction: a crash leaves either the old or the new rows.
   */
  void replace(List<StoredAccount> removed, List<StoredAccount> added);
}
