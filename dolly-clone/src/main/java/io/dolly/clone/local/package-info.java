/**
 * CLONE LOCAL: the recipient that writes a donor snapshot into a new data directory on the same
 * machine, file to file (read, then written with O_DIRECT; {@code FileChannel.transferTo} where the
 * file system refuses that), so that a server started there recovers to exactly the snapshot's end
 * LSN.
 */
package io.dolly.clone.local;
