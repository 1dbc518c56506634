/**
 * B+trees over byte-string keys, compared as unsigned bytes, mapping to byte-string values.
 *
 * <p>What the indexes store: a clustered index maps the memcmp-encoded primary key ({@code
 * io.dolly.storage.record.KeyEncoder}) to the row ({@code RowFormat}, whose header carries the
 * transaction id and roll pointer); a secondary index maps the encoded (secondary key columns,
 * primary key columns) to an empty value, so that non-unique secondary keys are still unique tree
 * keys and a lookup finds the primary key by decoding the key's tail. A unique secondary index
 * checks uniqueness on the secondary-key prefix (a range scan of that prefix) before inserting.
 *
 * <p>Layout: {@link io.dolly.storage.btree.Node} (node pages with a sorted slot directory and a
 * record heap) and {@link io.dolly.storage.btree.OverflowChain} (values above a quarter page). The
 * root page number of a tree never changes: a root split copies the root's records into a new child
 * and the root becomes its parent; when the root is left with a single child, the child is copied
 * back up.
 *
 * <p>Latching: the root page's latch doubles as the tree latch. A reader latches root to leaf
 * shared; a writer first tries the same with only the leaf exclusive (no split, merge or free
 * needed), otherwise it starts again with the whole path exclusive, root first. Anything that
 * latches more than one leaf, or a leaf to the left of one it holds, holds the root exclusively, so
 * nothing else is inside the tree; cursors release everything between batches. Operations that take
 * a caller's mini-transaction always descend exclusively (the latches are kept until the caller
 * commits, and a shared root latch could not be upgraded for a later split in the same
 * mini-transaction). They require that fetching a page twice in one mini-transaction returns its
 * latched handle again; asking for an exclusive latch on a page the mini-transaction holds shared
 * is not supported (the engine refuses it), so a caller must not read a tree with {@code get(mtr,
 * key)} and then write the same tree in that mini-transaction. Two trees latched in one
 * mini-transaction must be taken in a fixed order by the caller (clustered index first).
 *
 * <p>Nested mini-transactions: overflow chains are written, read and freed in the tree's own short
 * mini-transactions even while a caller's is open in the same thread. They only latch pages no
 * other path can reach while they run (a chain not yet linked, a chain whose referencing leaf the
 * thread holds, a chain already unlinked by a committed change) and the space header inside the
 * engine's own allocation mini-transactions, which never hold page 0 across any other wait; so
 * neither the caller's latches nor another tree in the same space can close a cycle. {@link
 * io.dolly.storage.btree.BTree#verify()} likewise holds only the root (exclusively, as the tree
 * latch) and one more page at a time, so it works on trees larger than the buffer pool.
 *
 * <p>Durability: {@link io.dolly.storage.btree.BTree#lastCommitLsn()} is the end LSN of the last
 * mini-transaction the tree committed for the calling thread; waiting until the redo log is durable
 * up to it makes the thread's operations so far durable.
 */
package io.dolly.storage.btree;
