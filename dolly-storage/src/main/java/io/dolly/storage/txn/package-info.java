/**
 * Transactions: ids, undo logs, rollback (whole, to a savepoint, of one statement), crash rollback,
 * purge, and row locks.
 *
 * <p>Durability and atomicity: every change a {@link io.dolly.storage.txn.Transaction} makes to an
 * index writes an undo record into its undo log (pages of {@code undo_001}/{@code undo_002}) in the
 * same mini-transaction as the index change, so redo makes both atomic, and what is needed to roll
 * back is always in pages (never only in old redo). Each undo tablespace's page 1 is a {@link
 * io.dolly.storage.txn.RollbackSegment} listing the undo logs of transactions not yet purged;
 * {@link io.dolly.storage.txn.TransactionManager#open} rolls back those without a commit. Old
 * values too big for an undo page go to {@link io.dolly.storage.txn.UndoOverflow} chains.
 *
 * <p>Commit marks the undo log COMMITTED in a mini-transaction (the commit record), then frees it
 * at once: without MVCC no reader needs old versions. Rollback applies undo records newest first;
 * each is idempotent ("delete if present", "put the old value"), so recovery can repeat a rollback
 * a crash interrupted.
 *
 * <p>Isolation: strict two-phase locking on (space, root page, key): reads take shared locks,
 * writes exclusive ones, all held to commit or rollback. There are no gap locks, so this is
 * serializable per key but allows phantoms in range scans (between READ COMMITTED and REPEATABLE
 * READ for point access; no MVCC snapshots yet).
 */
package io.dolly.storage.txn;
