package io.dolly.storage.txn;

import java.util.Arrays;
import java.util.HexFormat;

/** What a row lock covers: one key of one index, named by its space and (fixed) root page. */
record LockKey(int spaceId, int rootPageNo, byte[] key) {
  @Override
  public boolean equals(Object o) {
    return o instanceof LockKey k
        && k.spaceId == spaceId
        && k.rootPageNo == rootPageNo
        && Arrays.equals(k.key, key);
  }

  @Override
  public int hashCode() {
    return (spaceId * 31 + rootPageNo) * 31 + Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "space " + spaceId + " root " + rootPageNo + " key " + HexFormat.of().formatHex(key);
  }
}
