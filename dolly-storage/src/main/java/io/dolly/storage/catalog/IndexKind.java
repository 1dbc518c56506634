package io.dolly.storage.catalog;

/** What an index enforces: PRIMARY is also the clustered index. */
public enum IndexKind {
  PRIMARY,
  UNIQUE,
  INDEX
}
