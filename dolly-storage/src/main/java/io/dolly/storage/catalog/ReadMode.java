package io.dolly.storage.catalog;

/**
 * How a read locks. CONSISTENT: a non-locking read for plain SELECT: it returns only committed data
 * (it waits for a writer of the row to finish) and keeps no lock after the read; this is READ
 * COMMITTED for plain reads, not InnoDB's REPEATABLE READ snapshot, because the engine keeps no old
 * versions. Because it waits like a lock request, it can (rarely) be chosen as a deadlock victim,
 * unlike InnoDB's snapshot reads. SHARED: LOCK IN SHARE MODE / FOR SHARE. EXCLUSIVE: FOR UPDATE,
 * and the reads UPDATE and DELETE do before changing a row. Locks are held to the transaction's
 * end.
 */
public enum ReadMode {
  CONSISTENT,
  SHARED,
  EXCLUSIVE
}
