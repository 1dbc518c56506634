package io.dolly.storage.catalog;

import java.util.List;

/**
 * A table as the dictionary records it: its definition and where its indexes live.
 *
 * @param file the tablespace file relative to the data directory; it keeps the name it was created
 *     with across RENAME TABLE (the dictionary, not the file name, says which table it holds)
 * @param clusteredRoot root page of the clustered index (the PRIMARY index or the hidden row id)
 * @param indexRoots root page of each index of the definition, in its order (PRIMARY's is the
 *     clustered root)
 */
record StoredTable(
    TableDefinition definition,
    int spaceId,
    String file,
    int clusteredRoot,
    List<Integer> indexRoots) {
  StoredTable {
    indexRoots = List.copyOf(indexRoots);
  }

  StoredTable withDefinition(TableDefinition d) {
    return new StoredTable(d, spaceId, file, clusteredRoot, indexRoots);
  }
}
