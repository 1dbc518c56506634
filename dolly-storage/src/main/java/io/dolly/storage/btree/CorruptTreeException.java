package io.dolly.storage.btree;

/** A page met while walking a tree is not what the tree expects (wrong type, owner or layout). */
public final class CorruptTreeException extends IllegalStateException {
  public CorruptTreeException(int spaceId, int pageNo, String problem) {
    super("corrupt B-tree page " + pageNo + " in space " + spaceId + ": " + problem);
  }
}
