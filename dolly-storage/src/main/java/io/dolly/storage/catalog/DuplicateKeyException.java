package io.dolly.storage.catalog;

/**
 * A unique index already holds the key (MySQL 1062). keyText is the key as MySQL prints it: the
 * values joined with '-'; MySQL 8 names the key "table.index" in the message, which {@link
 * #getMessage()} does when the table is known.
 */
public final class DuplicateKeyException extends CatalogException {
  private final String indexName;
  private final String keyText;

  public DuplicateKeyException(String indexName, String keyText) {
    this(null, indexName, keyText);
  }

  public DuplicateKeyException(String table, String indexName, String keyText) {
    super(
        "Duplicate entry '"
            + keyText
            + "' for key '"
            + (table == null ? indexName : table + "." + indexName)
            + "'");
    this.indexName = indexName;
    this.keyText = keyText;
  }

  public String indexName() {
    return indexName;
  }

  public String keyText() {
    return keyText;
  }
}
