package io.dolly.storage.btree;

import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageType;

/**
 * A B+tree over byte-string keys (compared as unsigned bytes) and byte-string values, stored in the
 * pages of one tablespace. See the package documentation for latching and what the indexes store.
 *
 * <p>Operations that take a {@link MiniTransaction} make their page changes in it and leave it
 * open, so that a transaction can write its undo record in the same unit; the tree's exclusive
 * latch (the root page's) is then held until the caller commits; an overflow chain such a change
 * unlinks is freed through {@link MiniTransaction#afterCommit} once it committed. Operations
 * without one run their own mini-transactions: first optimistically (root and internal pages
 * shared, only the leaf exclusive), and again pessimistically when the leaf must split, merge or be
 * freed.
 */
public final class BTree {
  /** InnoDB's limit for index keys with 16 KiB pages; smaller pages lower it. */
  public static final int MAX_KEY_LENGTH = 3072;

  private final MiniTransactionFactory mtrs;
  private final int spaceId;
  private final int rootPageNo;
  private final int pageSize;
  private final int maxRecord;
  private final int maxKey;
  private final TreeShape shape;
  private final ThreadLocal<long[]> lastCommit = ThreadLocal.withInitial(() -> new long[1]);

  private BTree(MiniTransactionFactory mtrs, int spaceId, int rootPageNo, int pageSize) {
    this.mtrs = mtrs;
    this.spaceId = spaceId;
    this.rootPageNo = rootPageNo;
    this.pageSize = pageSize;
    this.maxRecord = maxRecordSize(pageSize);
    this.maxKey = maxKeyLength(pageSize);
    this.shape = new TreeShape(spaceId, rootPageNo);
  }

  /** Creates an empty tree in {@code mtr}; returns its root page number, which never changes. */
  public static int create(MiniTransaction mtr, int spaceId) {
    PageHandle root = mtr.allocatePage(spaceId, PageType.BTREE_NODE);
    Node.init(root, 0, root.pageNo());
    return root.pageNo();
  }

  /** Opens the tree whose root is {@code rootPageNo}; checks that it is one. */
  public static BTree open(MiniTransactionFactory mtrs, int spaceId, int rootPageNo) {
    try (MiniTransaction mtr = mtrs.begin()) {
      PageHandle root = mtr.readPage(spaceId, rootPageNo);
      checkNode(root, rootPageNo, -1);
      return new BTree(mtrs, spaceId, rootPageNo, root.pageSize());
    }
  }

  /**
   * The largest record kept whole in a leaf: a quarter of the usable page minus its slot, so that
   * at least four records fit in every leaf and a split always leaves both halves valid.
   */
  static int maxRecordSize(int pageSize) {
    return Node.usable(pageSize) / 4 - Node.SLOT_SIZE;
  }

  /** The longest key accepted with this page size: 3072 bytes for 16 KiB pages. */
  public static int maxKeyLength(int pageSize) {
    return Math.min(
        MAX_KEY_LENGTH, maxRecordSize(pageSize) - Node.REC_HEADER - Node.OVERFLOW_REF_SIZE);
  }

  public int spaceId() {
    return spaceId;
  }

  public int rootPageNo() {
    return rootPageNo;
  }

  public int pageSize() {
    return pageSize;
  }

  /**
   * The end LSN of the latest mini-transaction the tree itself committed for the calling thread
   * (the leaf change of an operation without a caller's mini-transaction, overflow chain writes and
   * frees), 0 if none. Waiting for redo to be durable up to it after an operation makes that
   * operation durable; with a caller's mini-transaction, the caller's {@code commitLsn()} does.
   */
  public long lastCommitLsn() {
    return lastCommit.get()[0];
  }

  private void commit(MiniTransaction mtr) {
    mtr.commit();
    committed(mtr.commitLsn());
  }

  private void committed(long lsn) {
    long[] last = lastCommit.get();
    last[0] = Math.max(last[0], lsn);
  }

  /**
   * Frees an overflow chain the caller's change unlinked once the caller commits, in the tree's own
   * mini-transactions: latching every page of a multi-MiB chain in the caller's would pin a large
   * part of the buffer pool; and if the caller rolls back, the chain is still in use.
   */
  private void freeAfterCommit(MiniTransaction callerMtr, int chain) {
    if (chain != PageHeader.NULL_PAGE) {
      callerMtr.afterCommit(() -> OverflowChain.free(mtrs, spaceId, chain, this::committed));
    }
  }

  MiniTransactionFactory miniTransactions() {
    return mtrs;
  }

  // ---------------------------------------------------------------- reads

  /** The value stored under {@code key}, or null. */
  public byte[] get(byte[] key) {
    checkKey(key);
    try (MiniTransaction mtr = mtrs.begin()) {
      return get(mtr, key);
    }
  }

  /** Reads in the caller's mini-transaction (its latches stay until the caller commits). */
  public byte[] get(MiniTransaction mtr, byte[] key) {
    checkKey(key);
    byte[] scratch = new byte[key.length];
    PageHandle leaf = descendShared(mtr, key, 0, scratch);
    int pos = Node.search(leaf, key, scratch);
    return pos < 0 ? null : value(mtr, leaf, pos);
  }

  /** A cursor over keys between the bounds (null = unbounded), ascending or descending. */
  public BTreeCursor scan(
      byte[] from, boolean fromInclusive, byte[] to, boolean toInclusive, boolean ascending) {
    return new BTreeCursor(this, from, fromInclusive, to, toInclusive, ascending);
  }

  /** A cursor over the whole tree in ascending key order. */
  public BTreeCursor scan() {
    return scan(null, true, null, true, true);
  }

  /** The number of records, counted leaf by leaf in batches of mini-transactions. */
  public long count() {
    long total = 0;
    try (BTreeCursor c = scan()) {
      while (c.nextLeafCount()) {
        total += c.leafCount();
      }
    }
    return total;
  }

  /**
   * Checks the structural invariants; see {@link TreeVerifier}. Holds the tree latch exclusively
   * while it runs (the tree is still for that time) but only one other page at a time.
   */
  public VerifyReport verify() {
    try (MiniTransaction mtr = mtrs.begin()) {
      return new TreeVerifier(mtr, mtrs, spaceId, rootPageNo).run();
    }
  }

  /**
   * Every page the tree uses (nodes and overflow pages), ascending; walked like {@link #verify}.
   */
  public int[] pages() {
    try (MiniTransaction mtr = mtrs.begin()) {
      return new TreeVerifier(mtr, mtrs, spaceId, rootPageNo).pages();
    }
  }

  // ---------------------------------------------------------------- writes

  /** Inserts a new key; throws {@link DuplicateKeyException} if present. */
  public void insert(byte[] key, byte[] value) {
    write(null, key, value, Mode.INSERT);
  }

  public void insert(MiniTransaction mtr, byte[] key, byte[] value) {
    write(mtr, key, value, Mode.INSERT);
  }

  /** Inserts or replaces; returns true if a value was replaced. */
  public boolean put(byte[] key, byte[] value) {
    return write(null, key, value, Mode.PUT) == Outcome.REPLACED;
  }

  public boolean put(MiniTransaction mtr, byte[] key, byte[] value) {
    return write(mtr, key, value, Mode.PUT) == Outcome.REPLACED;
  }

  /** Replaces the value of an existing key; returns false (changing nothing) if absent. */
  public boolean update(byte[] key, byte[] value) {
    return write(null, key, value, Mode.UPDATE) == Outcome.REPLACED;
  }

  public boolean update(MiniTransaction mtr, byte[] key, byte[] value) {
    return write(mtr, key, value, Mode.UPDATE) == Outcome.REPLACED;
  }

  /** Removes a key; returns false if it was absent. */
  public boolean delete(byte[] key) {
    return remove(null, key);
  }

  public boolean delete(MiniTransaction mtr, byte[] key) {
    return remove(mtr, key);
  }

  private enum Mode {
    INSERT,
    PUT,
    UPDATE
  }

  private enum Outcome {
    INSERTED,
    REPLACED,
    NOT_FOUND,
    RETRY
  }

  private Outcome write(MiniTransaction callerMtr, byte[] key, byte[] value, Mode mode) {
    checkKey(key);
    int valueField;
    byte[] payload;
    int chain = PageHeader.NULL_PAGE;
    if (Node.REC_HEADER + key.length + value.length <= maxRecord) {
      valueField = value.length;
      payload = value;
    } else {
      chain = OverflowChain.write(mtrs, spaceId, pageSize, value, this::committed);
      valueField = Node.OVERFLOW_FLAG | Node.OVERFLOW_REF_SIZE;
      payload = new byte[Node.OVERFLOW_REF_SIZE];
      putInt(payload, 0, value.length);
      putInt(payload, 4, chain);
    }
    Outcome outcome = null;
    Descent path = new Descent();
    try {
      if (callerMtr != null) {
        descendExclusive(callerMtr, key, path);
        outcome = writeLeaf(callerMtr, path, true, key, valueField, payload, mode);
        freeAfterCommit(callerMtr, path.releasedChain);
        return outcome;
      }
      try (MiniTransaction mtr = mtrs.begin()) {
        if (descendOptimistic(mtr, key, path)) {
          outcome = writeLeaf(mtr, path, false, key, valueField, payload, mode);
        } else {
          outcome = Outcome.RETRY;
        }
        if (outcome != Outcome.RETRY) {
          commit(mtr);
        }
      }
      if (outcome == Outcome.RETRY) {
        path = new Descent();
        try (MiniTransaction mtr = mtrs.begin()) {
          descendExclusive(mtr, key, path);
          outcome = writeLeaf(mtr, path, true, key, valueField, payload, mode);
          commit(mtr);
        }
      }
      if (path.releasedChain != PageHeader.NULL_PAGE) {
        OverflowChain.free(mtrs, spaceId, path.releasedChain, this::committed);
      }
      return outcome;
    } finally {
      boolean linked = outcome == Outcome.INSERTED || outcome == Outcome.REPLACED;
      if (chain != PageHeader.NULL_PAGE && !linked) {
        OverflowChain.free(mtrs, spaceId, chain, this::committed);
      }
    }
  }

  /**
   * Applies an insert or replace to the leaf of {@code path}. Without {@code structural} (only the
   * leaf is latched exclusively) it changes nothing and returns RETRY when the leaf would split.
   */
  private Outcome writeLeaf(
      MiniTransaction mtr,
      Descent path,
      boolean structural,
      byte[] key,
      int valueField,
      byte[] payload,
      Mode mode) {
    PageHandle leaf = path.leaf();
    byte[] scratch = new byte[key.length];
    int pos = Node.search(leaf, key, scratch);
    int size = Node.REC_HEADER + key.length + payload.length;
    if (pos >= 0) {
      if (mode == Mode.INSERT) {
        throw new DuplicateKeyException(spaceId, rootPageNo, key);
      }
      int rec = Node.slot(leaf, pos);
      int oldAux = Node.aux(leaf, rec);
      int oldSize = Node.REC_HEADER + key.length + Node.payloadLength(oldAux);
      if (!structural && size > oldSize + Node.totalFree(leaf)) {
        return Outcome.RETRY;
      }
      if ((oldAux & Node.OVERFLOW_FLAG) != 0) {
        path.releasedChain = leaf.getInt(rec + Node.REC_KEY + key.length + 4);
      }
      if (size == oldSize) {
        // Same length (the common UPDATE of fixed-size rows): overwrite in place.
        leaf.putInt(rec + Node.REC_AUX, valueField);
        leaf.putBytes(rec + Node.REC_KEY + key.length, payload, 0, payload.length);
        return Outcome.REPLACED;
      }
      Node.remove(leaf, pos);
      insertLeaf(mtr, path, pos, key, valueField, payload, size);
      return Outcome.REPLACED;
    }
    if (mode == Mode.UPDATE) {
      return Outcome.NOT_FOUND;
    }
    if (!structural && size + Node.SLOT_SIZE > Node.totalFree(leaf)) {
      return Outcome.RETRY;
    }
    insertLeaf(mtr, path, -pos - 1, key, valueField, payload, size);
    return Outcome.INSERTED;
  }

  private void insertLeaf(
      MiniTransaction mtr,
      Descent path,
      int pos,
      byte[] key,
      int valueField,
      byte[] payload,
      int size) {
    PageHandle leaf = path.leaf();
    if (size + Node.SLOT_SIZE <= Node.totalFree(leaf)) {
      Node.insertLeaf(leaf, pos, key, valueField, payload);
    } else {
      shape.insert(mtr, path, path.depth, pos, Node.leafRecord(key, valueField, payload));
    }
  }

  private boolean remove(MiniTransaction callerMtr, byte[] key) {
    checkKey(key);
    byte[] scratch = new byte[key.length];
    Descent path = new Descent();
    if (callerMtr != null) {
      descendExclusive(callerMtr, key, path);
      boolean found = removeFromLeaf(callerMtr, path, true, key, scratch) == Outcome.REPLACED;
      freeAfterCommit(callerMtr, path.releasedChain);
      return found;
    }
    Outcome outcome;
    try (MiniTransaction mtr = mtrs.begin()) {
      outcome =
          descendOptimistic(mtr, key, path)
              ? removeFromLeaf(mtr, path, false, key, scratch)
              : Outcome.RETRY;
      if (outcome == Outcome.REPLACED) {
        commit(mtr);
      }
    }
    if (outcome == Outcome.RETRY) {
      path = new Descent();
      try (MiniTransaction mtr = mtrs.begin()) {
        descendExclusive(mtr, key, path);
        outcome = removeFromLeaf(mtr, path, true, key, scratch);
        commit(mtr);
      }
    }
    if (path.releasedChain != PageHeader.NULL_PAGE) {
      OverflowChain.free(mtrs, spaceId, path.releasedChain, this::committed);
    }
    return outcome == Outcome.REPLACED;
  }

  /** Returns REPLACED when removed, NOT_FOUND, or RETRY when the leaf would become under-full. */
  private Outcome removeFromLeaf(
      MiniTransaction mtr, Descent path, boolean structural, byte[] key, byte[] scratch) {
    PageHandle leaf = path.leaf();
    int pos = Node.search(leaf, key, scratch);
    if (pos < 0) {
      return Outcome.NOT_FOUND;
    }
    int rec = Node.slot(leaf, pos);
    int size = Node.recordSize(leaf, rec, true);
    if (!structural) {
      int usedAfter = Node.usable(pageSize) - Node.totalFree(leaf) - size - Node.SLOT_SIZE;
      if (usedAfter < Node.usable(pageSize) / 4) {
        return Outcome.RETRY;
      }
    }
    int aux = Node.aux(leaf, rec);
    if ((aux & Node.OVERFLOW_FLAG) != 0) {
      path.releasedChain = leaf.getInt(rec + Node.REC_KEY + key.length + 4);
    }
    Node.remove(leaf, pos);
    if (structural) {
      shape.afterDelete(mtr, path);
    }
    return Outcome.REPLACED;
  }

  // ---------------------------------------------------------------- descents

  /**
   * Descends with shared latches to the leaf for {@code key}; a null key goes to the leftmost
   * ({@code edge < 0}) or rightmost ({@code edge > 0}) leaf.
   */
  PageHandle descendShared(MiniTransaction mtr, byte[] key, int edge, byte[] scratch) {
    PageHandle p = mtr.readPage(spaceId, rootPageNo);
    int level = checkNode(p, rootPageNo, -1);
    while (level > 0) {
      int ci;
      if (key != null) {
        ci = Node.childIndex(p, key, scratch);
      } else {
        ci = edge < 0 ? -1 : Node.count(p) - 1;
      }
      p = mtr.readPage(spaceId, Node.childAt(p, ci));
      level = checkNode(p, rootPageNo, level - 1);
    }
    return p;
  }

  /**
   * Shared latches down to the parent of the leaf, exclusive on the leaf; false if root is a leaf.
   */
  private boolean descendOptimistic(MiniTransaction mtr, byte[] key, Descent path) {
    byte[] scratch = new byte[key.length];
    PageHandle p = mtr.readPage(spaceId, rootPageNo);
    int level = checkNode(p, rootPageNo, -1);
    if (level == 0) {
      return false;
    }
    int depth = 0;
    path.pages[0] = p;
    path.childIndex[0] = -1;
    while (level > 0) {
      int ci = Node.childIndex(p, key, scratch);
      int child = Node.childAt(p, ci);
      p = level == 1 ? mtr.writePage(spaceId, child) : mtr.readPage(spaceId, child);
      level = checkNode(p, rootPageNo, level - 1);
      depth++;
      path.pages[depth] = p;
      path.childIndex[depth] = ci;
    }
    path.depth = depth;
    return true;
  }

  /** Exclusive latches on the whole path: the caller may change the tree's structure. */
  private void descendExclusive(MiniTransaction mtr, byte[] key, Descent path) {
    byte[] scratch = new byte[key.length];
    PageHandle p = mtr.writePage(spaceId, rootPageNo);
    int level = checkNode(p, rootPageNo, -1);
    int depth = 0;
    path.pages[0] = p;
    path.childIndex[0] = -1;
    while (level > 0) {
      int ci = Node.childIndex(p, key, scratch);
      p = mtr.writePage(spaceId, Node.childAt(p, ci));
      level = checkNode(p, rootPageNo, level - 1);
      depth++;
      path.pages[depth] = p;
      path.childIndex[depth] = ci;
    }
    path.depth = depth;
  }

  /** Checks type, owner and (if known) level of a node; returns its level. */
  static int checkNode(PageHandle p, int rootPageNo, int expectedLevel) {
    if ((p.getShort(PageHeader.PAGE_TYPE) & 0xFFFF) != PageType.BTREE_NODE) {
      throw new CorruptTreeException(p.spaceId(), p.pageNo(), "not a B-tree node");
    }
    if (Node.rootOf(p) != rootPageNo) {
      throw new CorruptTreeException(
          p.spaceId(), p.pageNo(), "belongs to the tree rooted at " + Node.rootOf(p));
    }
    int level = Node.level(p);
    if (expectedLevel >= 0 && level != expectedLevel) {
      throw new CorruptTreeException(
          p.spaceId(), p.pageNo(), "level " + level + ", expected " + expectedLevel);
    }
    return level;
  }

  /** The value of leaf slot {@code pos}, following its overflow chain if it has one. */
  byte[] value(MiniTransaction mtr, PageHandle leaf, int pos) {
    int rec = Node.slot(leaf, pos);
    int aux = Node.aux(leaf, rec);
    int payloadAt = rec + Node.REC_KEY + Node.keyLength(leaf, rec);
    if ((aux & Node.OVERFLOW_FLAG) != 0) {
      int total = leaf.getInt(payloadAt);
      int first = leaf.getInt(payloadAt + 4);
      return OverflowChain.read(mtrs, spaceId, first, total);
    }
    byte[] v = new byte[aux];
    leaf.getBytes(payloadAt, v, 0, aux);
    return v;
  }

  private void checkKey(byte[] key) {
    if (key.length > maxKey) {
      throw new KeyTooLongException(key.length, maxKey);
    }
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
