package io.dolly.storage.io;

import io.dolly.storage.StorageException;
import io.dolly.storage.StorageFullException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Turns an {@link IOException} into the engine's exception for it (ENOSPC is recognisable). */
public final class IoFailures {
  /** The text the JDK (strerror) uses for ENOSPC; the fault-injecting file system uses it too. */
  public static final String NO_SPACE = "No space left on device";

  private IoFailures() {}

  public static boolean isNoSpace(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StorageFullException
          || (t.getMessage() != null && t.getMessage().contains(NO_SPACE))) {
        return true;
      }
    }
    return false;
  }

  public static StorageException wrap(Path file, String action, IOException e) {
    if (isNoSpace(e)) {
      return new StorageFullException(file, e);
    }
    return new StorageException(action + " " + file + " failed: " + e.getMessage(), e);
  }

  public static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e);
  }
}
