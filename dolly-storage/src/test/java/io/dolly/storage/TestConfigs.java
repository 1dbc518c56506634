package io.dolly.storage;

import io.dolly.storage.io.StorageFileSystem;

final class TestConfigs {
  private TestConfigs() {}

  /** Small enough for fast tests: 4 MiB pool, 8 MiB redo capacity, 1 MiB log buffer. */
  static StorageConfig small(StorageFileSystem fs) {
    return StorageConfig.defaults()
        .withBufferPoolSize(4 << 20)
        .withRedoLogCapacity(8 << 20)
        .withRedoBufferSize(1 << 20)
        .withFileSystem(fs);
  }
}
