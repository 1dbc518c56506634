package io.dolly.storage.redo;

import java.nio.ByteBuffer;

/**
 * Applies an upper layer's redo record type during recovery. Called in log order, after the page
 * records that precede it in its group have been applied.
 */
@FunctionalInterface
public interface RedoRecordHandler {
  /**
   * @param type the record type ({@code >=} {@link RedoRecordType#FIRST_EXTENSION})
   * @param groupEndLsn end LSN of the mini-transaction that logged it
   * @param payload the record's bytes (read-only view)
   */
  void apply(int type, long groupEndLsn, ByteBuffer payload);
}
