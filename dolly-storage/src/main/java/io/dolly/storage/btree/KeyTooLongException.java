package io.dolly.storage.btree;

/** A key exceeds {@link BTree#maxKeyLength(int)} for the page size (InnoDB's error 1071). */
public final class KeyTooLongException extends IllegalArgumentException {
  private final int length;
  private final int maxLength;

  public KeyTooLongException(int length, int maxLength) {
    super("key is " + length + " bytes; max key length is " + maxLength + " bytes");
    this.length = length;
    this.maxLength = maxLength;
  }

  public int length() {
    return length;
  }

  public int maxLength() {
    return maxLength;
  }
}
