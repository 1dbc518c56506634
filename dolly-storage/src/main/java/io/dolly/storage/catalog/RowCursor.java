package io.dolly.storage.catalog;

/** Rows of a scan, in index order; {@link #row()} is the full column array in definition order. */
public interface RowCursor extends AutoCloseable {
  boolean next();

  Object[] row();

  @Override
  void close();
}
