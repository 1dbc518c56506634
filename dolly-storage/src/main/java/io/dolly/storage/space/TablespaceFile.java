package io.dolly.storage.space;

import java.nio.file.Path;

/** A tablespace file as clone lists it: id, path relative to the data directory, size now. */
public record TablespaceFile(int spaceId, String relativePath, Path path, long sizeBytes) {}
