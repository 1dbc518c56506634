package io.dolly.storage.redo;

import io.dolly.storage.InstanceId;

/** A checkpoint as stored: redo from {@code lsn} on is all recovery needs. */
public record Checkpoint(long number, long lsn, int pageSize, InstanceId instance) {}
