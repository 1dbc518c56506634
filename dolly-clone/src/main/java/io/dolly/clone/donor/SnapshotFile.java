package io.dolly.clone.donor;

import java.nio.file.Path;

/**
 * A file the snapshot sends in FILE COPY.
 *
 * @param name path relative to the data directory, '/'-separated ({@code test/t1.ibd})
 * @param path where it is on the donor
 * @param size bytes to send: the size when the snapshot listed it (pages written later are sent
 *     again by PAGE COPY or replayed from redo)
 * @param spaceId the tablespace id, or {@link #NOT_A_TABLESPACE} for an instance file such as the
 *     accounts
 */
public record SnapshotFile(String name, Path path, long size, int spaceId) {
  public static final int NOT_A_TABLESPACE = -1;

  public boolean isTablespace() {
    return spaceId != NOT_A_TABLESPACE;
  }
}
