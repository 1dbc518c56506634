package io.dolly.storage.btree;

/** An insert found the key already present; nothing was changed. */
public final class DuplicateKeyException extends RuntimeException {
  private final transient byte[] key;

  public DuplicateKeyException(int spaceId, int rootPageNo, byte[] key) {
    super("duplicate key in B-tree (space " + spaceId + ", root page " + rootPageNo + ")");
    this.key = key.clone();
  }

  /** The encoded key that collided, so that the SQL layer can report it. */
  public byte[] key() {
    return key.clone();
  }
}
