package io.dolly.storage.btree;

import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import java.util.Arrays;

/**
 * The layout of a B-tree node page and the operations on it that do not depend on the rest of the
 * tree. All methods are static over a {@link PageHandle} so that a lookup allocates nothing.
 *
 * <pre>
 * offset          size field
 * BODY_START+0      2  level           0 = leaf; a parent is one more than its children
 * BODY_START+2      2  record count    n, the number of slots
 * BODY_START+4      2  heap size       bytes from the heap top to the end of the page,
 *                                      live records and garbage (heap top = pageSize - heap size)
 * BODY_START+6      2  garbage         bytes of deleted records still inside the heap
 * BODY_START+8      4  prev sibling    page no of the left neighbour on the same level, or NULL_PAGE
 * BODY_START+12     4  next sibling    page no of the right neighbour on the same level, or NULL_PAGE
 * BODY_START+16     4  leftmost child  internal nodes: the child for keys below record 0's key
 * BODY_START+20     4  root page no    the tree this node belongs to (checked while walking)
 * SLOTS             2n slot directory  record offsets, sorted by key (binary search runs here)
 * ...                  free space
 * heap top .. end      record heap     records in any order; grows downwards
 * </pre>
 *
 * <p>A record is {@code [key length: 2][aux: 4][key][payload]}. In a leaf, aux is the value field:
 * bit 31 set means the value lives on an overflow chain and the payload is a {@link
 * #OVERFLOW_REF_SIZE}-byte reference {@code [total length: 4][first page: 4]}; otherwise bits 0..30
 * are the inline value length and the payload is the value. In an internal node aux is the child
 * page number and there is no payload; record i's child holds keys {@code >= key(i)} and {@code <
 * key(i+1)}, the leftmost child holds keys below key(0).
 */
final class Node {
  static final int LEVEL = PageHeader.BODY_START;
  static final int COUNT = PageHeader.BODY_START + 2;
  static final int HEAP_SIZE = PageHeader.BODY_START + 4;
  static final int GARBAGE = PageHeader.BODY_START + 6;
  static final int PREV = PageHeader.BODY_START + 8;
  static final int NEXT = PageHeader.BODY_START + 12;
  static final int LEFTMOST_CHILD = PageHeader.BODY_START + 16;
  static final int ROOT = PageHeader.BODY_START + 20;
  static final int SLOTS = PageHeader.BODY_START + 24;
  static final int SLOT_SIZE = 2;

  static final int REC_KEY_LENGTH = 0;
  static final int REC_AUX = 2;
  static final int REC_KEY = 6;
  static final int REC_HEADER = 6;

  static final int OVERFLOW_FLAG = 0x8000_0000;
  static final int OVERFLOW_REF_SIZE = 8;

  private Node() {}

  static void init(PageHandle p, int level, int rootPageNo) {
    p.putShort(LEVEL, level);
    p.putShort(COUNT, 0);
    p.putShort(HEAP_SIZE, 0);
    p.putShort(GARBAGE, 0);
    p.putInt(PREV, PageHeader.NULL_PAGE);
    p.putInt(NEXT, PageHeader.NULL_PAGE);
    p.putInt(LEFTMOST_CHILD, PageHeader.NULL_PAGE);
    p.putInt(ROOT, rootPageNo);
  }

  static int level(PageHandle p) {
    return p.getShort(LEVEL) & 0xFFFF;
  }

  static boolean isLeaf(PageHandle p) {
    return level(p) == 0;
  }

  static int count(PageHandle p) {
    return p.getShort(COUNT) & 0xFFFF;
  }

  static int heapSize(PageHandle p) {
    return p.getShort(HEAP_SIZE) & 0xFFFF;
  }

  static int garbage(PageHandle p) {
    return p.getShort(GARBAGE) & 0xFFFF;
  }

  static int heapTop(PageHandle p) {
    return p.pageSize() - heapSize(p);
  }

  static int prev(PageHandle p) {
    return p.getInt(PREV);
  }

  static int next(PageHandle p) {
    return p.getInt(NEXT);
  }

  static int leftmostChild(PageHandle p) {
    return p.getInt(LEFTMOST_CHILD);
  }

  static int rootOf(PageHandle p) {
    return p.getInt(ROOT);
  }

  /** Bytes usable for slots and records on a page of this size. */
  static int usable(int pageSize) {
    return pageSize - SLOTS;
  }

  /** Free bytes between the slot directory and the heap top. */
  static int contiguousFree(PageHandle p) {
    return heapTop(p) - (SLOTS + SLOT_SIZE * count(p));
  }

  /** Free bytes after a compaction. */
  static int totalFree(PageHandle p) {
    return contiguousFree(p) + garbage(p);
  }

  static int slot(PageHandle p, int i) {
    return p.getShort(SLOTS + SLOT_SIZE * i) & 0xFFFF;
  }

  static int keyLength(PageHandle p, int rec) {
    return p.getShort(rec + REC_KEY_LENGTH) & 0xFFFF;
  }

  static int aux(PageHandle p, int rec) {
    return p.getInt(rec + REC_AUX);
  }

  static int child(PageHandle p, int i) {
    return aux(p, slot(p, i));
  }

  /** Payload bytes stored in the page for a leaf record with this value field. */
  static int payloadLength(int aux) {
    return (aux & OVERFLOW_FLAG) != 0 ? OVERFLOW_REF_SIZE : aux;
  }

  static int recordSize(PageHandle p, int rec, boolean leaf) {
    int size = REC_HEADER + keyLength(p, rec);
    return leaf ? size + payloadLength(aux(p, rec)) : size;
  }

  static byte[] key(PageHandle p, int i) {
    int rec = slot(p, i);
    byte[] k = new byte[keyLength(p, rec)];
    p.getBytes(rec + REC_KEY, k, 0, k.length);
    return k;
  }

  /**
   * Compares {@code key} with the key of the record at {@code rec}, copying at most the common
   * length into {@code scratch} (which must hold the longest key).
   */
  static int compare(PageHandle p, int rec, byte[] key, byte[] scratch) {
    int len = keyLength(p, rec);
    int common = Math.min(len, key.length);
    p.getBytes(rec + REC_KEY, scratch, 0, common);
    int c = Arrays.compareUnsigned(key, 0, common, scratch, 0, common);
    return c != 0 ? c : Integer.compare(key.length, len);
  }

  /**
   * Binary search over the slot directory: the slot index of {@code key}, or {@code -(insertion
   * point) - 1} when absent.
   */
  static int search(PageHandle p, byte[] key, byte[] scratch) {
    int lo = 0;
    int hi = count(p) - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compare(p, slot(p, mid), key, scratch);
      if (c > 0) {
        lo = mid + 1;
      } else if (c < 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /** The child of an internal node whose key range contains {@code key}; -1 is the leftmost. */
  static int childIndex(PageHandle p, byte[] key, byte[] scratch) {
    int i = search(p, key, scratch);
    return i >= 0 ? i : -i - 2;
  }

  static int childAt(PageHandle p, int childIndex) {
    return childIndex < 0 ? leftmostChild(p) : child(p, childIndex);
  }

  /** Reserves {@code size} heap bytes and a slot at {@code pos}; returns the record offset. */
  static int reserve(PageHandle p, int pos, int size) {
    if (contiguousFree(p) < size + SLOT_SIZE) {
      compact(p);
    }
    int n = count(p);
    int heap = heapSize(p) + size;
    int rec = p.pageSize() - heap;
    int slotAt = SLOTS + SLOT_SIZE * pos;
    if (pos < n) {
      p.moveBytes(slotAt, slotAt + SLOT_SIZE, SLOT_SIZE * (n - pos));
    }
    p.putShort(slotAt, rec);
    p.putShort(COUNT, n + 1);
    p.putShort(HEAP_SIZE, heap);
    return rec;
  }

  static void insertLeaf(PageHandle p, int pos, byte[] key, int valueField, byte[] payload) {
    int rec = reserve(p, pos, REC_HEADER + key.length + payload.length);
    p.putShort(rec + REC_KEY_LENGTH, key.length);
    p.putInt(rec + REC_AUX, valueField);
    p.putBytes(rec + REC_KEY, key, 0, key.length);
    p.putBytes(rec + REC_KEY + key.length, payload, 0, payload.length);
  }

  static void insertInternal(PageHandle p, int pos, byte[] key, int child) {
    int rec = reserve(p, pos, REC_HEADER + key.length);
    p.putShort(rec + REC_KEY_LENGTH, key.length);
    p.putInt(rec + REC_AUX, child);
    p.putBytes(rec + REC_KEY, key, 0, key.length);
  }

  /** Removes slot {@code pos}; its record's bytes become garbage. */
  static void remove(PageHandle p, int pos) {
    int n = count(p);
    int size = recordSize(p, slot(p, pos), isLeaf(p));
    int slotAt = SLOTS + SLOT_SIZE * pos;
    if (pos < n - 1) {
      p.moveBytes(slotAt + SLOT_SIZE, slotAt, SLOT_SIZE * (n - 1 - pos));
    }
    p.putShort(COUNT, n - 1);
    if (n == 1) {
      p.putShort(HEAP_SIZE, 0);
      p.putShort(GARBAGE, 0);
    } else {
      p.putShort(GARBAGE, garbage(p) + size);
    }
  }

  /** Rewrites the heap without garbage, keeping slot order. One read and one write of the heap. */
  static void compact(PageHandle p) {
    int n = count(p);
    int pageSize = p.pageSize();
    boolean leaf = isLeaf(p);
    byte[] image = new byte[pageSize];
    p.getBytes(0, image, 0, pageSize);
    byte[] heap = new byte[heapSize(p) - garbage(p)];
    int top = heap.length;
    for (int i = 0; i < n; i++) {
      int rec = slot(p, i);
      int size = recordSize(p, rec, leaf);
      top -= size;
      System.arraycopy(image, rec, heap, top, size);
      p.putShort(SLOTS + SLOT_SIZE * i, pageSize - heap.length + top);
    }
    p.putBytes(pageSize - heap.length, heap, 0, heap.length);
    p.putShort(HEAP_SIZE, heap.length);
    p.putShort(GARBAGE, 0);
  }

  /**
   * Replaces all records of {@code p} with {@code count} records whose images are {@code
   * images[from..from+count)} (each a full record: header, key, payload), in that order.
   */
  static void rewrite(PageHandle p, byte[][] images, int from, int count) {
    int pageSize = p.pageSize();
    int total = 0;
    for (int i = 0; i < count; i++) {
      total += images[from + i].length;
    }
    byte[] heap = new byte[total];
    byte[] slots = new byte[SLOT_SIZE * count];
    int top = total;
    for (int i = 0; i < count; i++) {
      byte[] r = images[from + i];
      top -= r.length;
      System.arraycopy(r, 0, heap, top, r.length);
      int off = pageSize - total + top;
      slots[2 * i] = (byte) (off >>> 8);
      slots[2 * i + 1] = (byte) off;
    }
    p.putBytes(SLOTS, slots, 0, slots.length);
    p.putBytes(pageSize - total, heap, 0, total);
    p.putShort(COUNT, count);
    p.putShort(HEAP_SIZE, total);
    p.putShort(GARBAGE, 0);
  }

  /** A copy of the full record (header, key and payload) in slot {@code i}. */
  static byte[] recordImage(PageHandle p, int i) {
    int rec = slot(p, i);
    byte[] r = new byte[recordSize(p, rec, isLeaf(p))];
    p.getBytes(rec, r, 0, r.length);
    return r;
  }

  static byte[] internalRecord(byte[] key, int child) {
    byte[] r = new byte[REC_HEADER + key.length];
    r[0] = (byte) (key.length >>> 8);
    r[1] = (byte) key.length;
    r[2] = (byte) (child >>> 24);
    r[3] = (byte) (child >>> 16);
    r[4] = (byte) (child >>> 8);
    r[5] = (byte) child;
    System.arraycopy(key, 0, r, REC_HEADER, key.length);
    return r;
  }

  static byte[] leafRecord(byte[] key, int valueField, byte[] payload) {
    byte[] r = internalRecord(key, valueField);
    r = Arrays.copyOf(r, r.length + payload.length);
    System.arraycopy(payload, 0, r, REC_HEADER + key.length, payload.length);
    return r;
  }

  static int imageKeyLength(byte[] record) {
    return ((record[0] & 0xFF) << 8) | (record[1] & 0xFF);
  }

  static int imageAux(byte[] record) {
    return ((record[2] & 0xFF) << 24)
        | ((record[3] & 0xFF) << 16)
        | ((record[4] & 0xFF) << 8)
        | (record[5] & 0xFF);
  }

  static byte[] imageKey(byte[] record) {
    return Arrays.copyOfRange(record, REC_KEY, REC_KEY + imageKeyLength(record));
  }
}
