package io.dolly.clone.wire;

/**
 * What a DATA_DESC response describes. The body of DATA_DESC starts with {@code u8 kind}; the
 * fields of each kind follow as documented on its record.
 */
public sealed interface DataDescriptor
    permits FileDescriptor, ChunkDescriptor, RedoRangeDescriptor, StageChange {
  int KIND_FILE = 1;
  int KIND_CHUNK = 2;
  int KIND_REDO_RANGE = 3;
  int KIND_STAGE = 4;

  int kind();

  /** Writes the fields after the kind byte. */
  void write(FieldWriter w);
}
