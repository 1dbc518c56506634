package io.dolly.clone.local;

import io.dolly.clone.transfer.BandwidthThrottle;

/**
 * How a local clone moves bytes.
 *
 * @param maxConcurrency clone_max_concurrency: most threads copying file ranges in FILE COPY
 * @param autotune clone_autotune_concurrency: start with one thread and add threads while the copy
 *     gets faster; off starts them all at once
 * @param bufferSize clone_buffer_size: the unit of one transfer (and of throttling and progress)
 * @param throttle clone_max_data_bandwidth, shared by all threads
 */
public record CloneSettings(
    int maxConcurrency, boolean autotune, int bufferSize, BandwidthThrottle throttle) {
  public CloneSettings {
    if (maxConcurrency < 1 || bufferSize < 1) {
      throw new IllegalArgumentException("concurrency and buffer size must be positive");
    }
  }
}
