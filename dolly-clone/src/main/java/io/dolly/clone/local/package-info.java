/**
 * CLONE LOCAL: the recipient that writes a donor snapshot into a new data directory on the same
 * machine, file to file ({@code FileChannel.transferTo}, i.e. copy_file_range where the kernel
 * offers it), so that a server started there recovers to exactly the snapshot's end LSN.
 */
package io.dolly.clone.local;
