package io.dolly.clone.recipient;

import io.dolly.clone.transfer.BandwidthThrottle;
import io.dolly.clone.transfer.ChunkCodec;

/**
 * How a remote clone runs, from the recipient's clone_* variables.
 *
 * @param maxConcurrency clone_max_concurrency: connections to the donor, the master included
 * @param autotune clone_autotune_concurrency: start with the master alone and add workers while
 *     throughput improves; off: start them all with FILE COPY
 * @param codec the chunk codec asked of the donor; NONE when clone_enable_compression is OFF
 * @param ddlTimeoutSeconds clone_ddl_timeout, sent to the donor
 * @param blockDdl clone_block_ddl, sent to the donor
 * @param dataThrottle clone_max_data_bandwidth over all threads (raw bytes applied)
 * @param networkThrottle clone_max_network_bandwidth over all threads (bytes on the wire)
 */
public record RemoteCloneSettings(
    int maxConcurrency,
    boolean autotune,
    ChunkCodec codec,
    int ddlTimeoutSeconds,
    boolean blockDdl,
    BandwidthThrottle dataThrottle,
    BandwidthThrottle networkThrottle) {
  public RemoteCloneSettings {
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("clone_max_concurrency " + maxConcurrency);
    }
  }
}
