package io.dolly.server.clone;

import io.dolly.protocol.auth.Account;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.exec.SqlSession;

/** The privileges of CLONE (CLONE.md §2), checked before anything else. */
public final class CloneAccess {
  private CloneAccess() {}

  /** CLONE LOCAL, CLONE INSTANCE ... DATA DIRECTORY, and COM_CLONE on a donor. */
  public static void requireBackupAdmin(SqlSession session) {
    require(session, "BACKUP_ADMIN");
  }

  /** In-place CLONE INSTANCE (no DATA DIRECTORY). */
  public static void requireCloneAdmin(SqlSession session) {
    require(session, "CLONE_ADMIN");
  }

  private static void require(SqlSession session, String privilege) {
    Account account = session.info().account();
    if (account == null
        || !session
            .engine()
            .accounts()
            .hasGlobalPrivilege(account.user(), account.host(), privilege)) {
      throw new MysqlException(ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR, privilege);
    }
  }
}
