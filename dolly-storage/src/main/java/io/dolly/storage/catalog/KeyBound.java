package io.dolly.storage.catalog;

/**
 * One end of a range scan: values of the first columns of the index (a prefix of them, possibly all
 * of them), inclusive or not. {@link #UNBOUNDED} has no values.
 */
public record KeyBound(Object[] values, boolean inclusive) {
  public static final KeyBound UNBOUNDED = new KeyBound(new Object[0], true);

  public static KeyBound inclusive(Object... values) {
    return new KeyBound(values, true);
  }

  public static KeyBound exclusive(Object... values) {
    return new KeyBound(values, false);
  }

  public boolean unbounded() {
    return values == null || values.length == 0;
  }
}
