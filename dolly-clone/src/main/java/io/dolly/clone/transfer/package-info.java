/**
 * Moving chunk bytes: per-chunk compression ({@link io.dolly.clone.transfer.ChunkEncoder}, {@link
 * io.dolly.clone.transfer.ChunkDecoder}), the end-to-end CRC32C and the bandwidth limit shared by
 * all threads of a clone.
 */
package io.dolly.clone.transfer;
