package io.dolly.storage;

import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.io.StorageFileSystem;
import io.dolly.storage.redo.FlushPolicy;
import io.dolly.storage.redo.RedoRecordHandler;
import java.util.HashMap;
import java.util.Map;

/**
 * Engine settings, named after the MySQL variables they mirror.
 *
 * @param pageSize innodb_page_size: 4, 8, 16, 32 or 64 KiB; only used when a data directory is
 *     initialized (an existing one keeps its own)
 * @param bufferPoolSize innodb_buffer_pool_size in bytes (frames = size / page size)
 * @param redoLogCapacity innodb_redo_log_capacity in bytes (spread over 32 files)
 * @param flushPolicy innodb_flush_log_at_trx_commit
 * @param redoBufferSize innodb_log_buffer_size in bytes
 * @param fileSystem where files live (tests inject faults here)
 * @param redoHandlers appliers of upper layers' redo record types, used by recovery
 */
public record StorageConfig(
    int pageSize,
    long bufferPoolSize,
    long redoLogCapacity,
    FlushPolicy flushPolicy,
    int redoBufferSize,
    StorageFileSystem fileSystem,
    Map<Integer, RedoRecordHandler> redoHandlers) {

  public static final int DEFAULT_PAGE_SIZE = 16 * 1024;

  public StorageConfig {
    if (pageSize < 4096 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
      throw new IllegalArgumentException("innodb_page_size must be 4K, 8K, 16K, 32K or 64K");
    }
    redoHandlers = Map.copyOf(redoHandlers);
  }

  public static StorageConfig defaults() {
    return new StorageConfig(
        DEFAULT_PAGE_SIZE,
        128L << 20,
        100L << 20,
        FlushPolicy.SYNC_AT_COMMIT,
        16 << 20,
        ChannelFileSystem.INSTANCE,
        Map.of());
  }

  public StorageConfig withPageSize(int v) {
    return new StorageConfig(
        v, bufferPoolSize, redoLogCapacity, flushPolicy, redoBufferSize, fileSystem, redoHandlers);
  }

  public StorageConfig withBufferPoolSize(long v) {
    return new StorageConfig(
        pageSize, v, redoLogCapacity, flushPolicy, redoBufferSize, fileSystem, redoHandlers);
  }

  public StorageConfig withRedoLogCapacity(long v) {
    return new StorageConfig(
        pageSize, bufferPoolSize, v, flushPolicy, redoBufferSize, fileSystem, redoHandlers);
  }

  public StorageConfig withFlushPolicy(FlushPolicy v) {
    return new StorageConfig(
        pageSize, bufferPoolSize, redoLogCapacity, v, redoBufferSize, fileSystem, redoHandlers);
  }

  public StorageConfig withRedoBufferSize(int v) {
    return new StorageConfig(
        pageSize, bufferPoolSize, redoLogCapacity, flushPolicy, v, fileSystem, redoHandlers);
  }

  public StorageConfig withFileSystem(StorageFileSystem v) {
    return new StorageConfig(
        pageSize, bufferPoolSize, redoLogCapacity, flushPolicy, redoBufferSize, v, redoHandlers);
  }

  public StorageConfig withRedoHandler(int recordType, RedoRecordHandler handler) {
    Map<Integer, RedoRecordHandler> m = new HashMap<>(redoHandlers);
    m.put(recordType, handler);
    return new StorageConfig(
        pageSize, bufferPoolSize, redoLogCapacity, flushPolicy, redoBufferSize, fileSystem, m);
  }

  /** Bytes of redo each {@code #ib_redo<N>} file holds: capacity / 32, at least 64 KiB. */
  public long redoFileCapacity() {
    return Math.max(64 << 10, redoLogCapacity / 32);
  }

  public int frames(int actualPageSize) {
    return (int) Math.max(8, bufferPoolSize / actualPageSize);
  }
}
