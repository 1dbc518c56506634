package io.dolly.storage.catalog;

import io.dolly.storage.StorageException;

/** A data dictionary or table operation refused for a reason the SQL layer reports to a client. */
public class CatalogException extends StorageException {
  public CatalogException(String message) {
    super(message);
  }
}
