package io.dolly.clone.transfer;

/**
 * A chunk ready for the wire: the codec actually used (NONE when compressing did not help), the
 * encoded bytes, the raw length and the CRC32C of the raw bytes.
 */
public record EncodedChunk(ChunkCodec codec, byte[] bytes, int rawLength, int crc32c) {}
