/**
 * The buffer pool: fixed frames, latches, eviction, the flush list, the doublewrite buffer, the
 * page cleaner, and page tracking for clone.
 */
package io.dolly.storage.buffer;
