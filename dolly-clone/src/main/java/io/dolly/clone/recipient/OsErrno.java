package io.dolly.clone.recipient;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The errno and text MySQL messages such as {@code (errno: %d - %s)} show, recovered from the JDK's
 * exception types (Java does not expose errno itself).
 */
public record OsErrno(int number, String text) {
  public static OsErrno of(IOException e) {
    if (e.getMessage() != null && e.getMessage().contains("No space left on device")) {
      return new OsErrno(28, "No space left on device");
    }
    if (e instanceof AccessDeniedException) {
      return new OsErrno(13, "Permission denied");
    }
    if (e instanceof FileAlreadyExistsException) {
      return new OsErrno(17, "File exists");
    }
    if (e instanceof NoSuchFileException) {
      return new OsErrno(2, "No such file or directory");
    }
    if (e instanceof NotDirectoryException) {
      return new OsErrno(20, "Not a directory");
    }
    if (e instanceof DirectoryNotEmptyException) {
      return new OsErrno(39, "Directory not empty");
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return new OsErrno(5, fse.getReason());
    }
    return new OsErrno(5, "Input/output error");
  }
}
