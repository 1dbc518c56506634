package io.dolly.storage.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The file operations the engine needs, and nothing else, so that tests can inject faults and clone
 * can wrap files (throttling, checksumming) without touching the engine.
 */
public interface StorageFileSystem {
  /** Opens an existing file for reading and writing. */
  StorageFile open(Path path) throws IOException;

  /**
   * Creates a new, empty file; fails if it exists. The directory entry is durable only after {@link
   * #syncDirectory}.
   */
  StorageFile create(Path path) throws IOException;

  boolean exists(Path path);

  boolean isDirectory(Path path);

  void delete(Path path) throws IOException;

  /** Atomically replaces {@code to} with {@code from}. */
  void rename(Path from, Path to) throws IOException;

  /** Entries of a directory, sorted by name. */
  List<Path> list(Path dir) throws IOException;

  void createDirectories(Path dir) throws IOException;

  /** Makes creations, deletions and renames in {@code dir} durable. */
  void syncDirectory(Path dir) throws IOException;
}
