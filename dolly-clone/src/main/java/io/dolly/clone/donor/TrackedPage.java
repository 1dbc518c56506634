package io.dolly.clone.donor;

/**
 * A page PAGE COPY sends: its tablespace file (relative name), byte offset in it, and an image read
 * under the page latch with a valid checksum.
 */
public record TrackedPage(String file, long offset, byte[] image) {}
