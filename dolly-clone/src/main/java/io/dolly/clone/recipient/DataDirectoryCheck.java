package io.dolly.clone.recipient;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The checks of {@code CLONE ... DATA DIRECTORY = '<dir>'} before anything is written, in MySQL's
 * order (CLONE.md §5):
 *
 * <ol>
 *   <li>absolute, else 1525 {@code Incorrect path value: '<dir>'};
 *   <li>shorter than 512 characters, else 1680;
 *   <li>does not exist, else 1007;
 *   <li>its deepest existing ancestor is not inside the server's datadir, else 3632;
 *   <li>missing parents are created (0750), failure 1006.
 * </ol>
 *
 * The directory itself is left for {@link TargetDirectory#create} to make, so that a clone that
 * fails validation leaves nothing behind but parents.
 */
public final class DataDirectoryCheck {
  /** MySQL's FN_REFLEN - 1: the path must be strictly shorter. */
  public static final int MAX_PATH_CHARS = 512;

  private DataDirectoryCheck() {}

  /** Validates {@code dir} against {@code serverDatadir} and creates its missing parents. */
  public static Path prepare(String dir, Path serverDatadir) {
    Path path;
    try {
      path = Path.of(dir);
    } catch (InvalidPathException e) {
      throw new MysqlException(ErrorCode.ER_WRONG_VALUE, "path", dir);
    }
    if (!path.isAbsolute() || dir.indexOf('\0') >= 0) {
      throw new MysqlException(ErrorCode.ER_WRONG_VALUE, "path", dir);
    }
    if (dir.length() >= MAX_PATH_CHARS) {
      throw new MysqlException(ErrorCode.ER_PATH_LENGTH, "DATA DIRECTORY");
    }
    path = path.normalize();
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new MysqlException(ErrorCode.ER_DB_CREATE_EXISTS, dir);
    }
    Path ancestor = path.getParent();
    while (ancestor != null && !Files.exists(ancestor, LinkOption.NOFOLLOW_LINKS)) {
      ancestor = ancestor.getParent();
    }
    if (ancestor != null && isInside(ancestor, serverDatadir)) {
      throw new MysqlException(ErrorCode.ER_PATH_IN_DATADIR, dir);
    }
    try {
      Path parent = path.getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        Files.createDirectories(
            parent, PosixFilePermissions.asFileAttribute(TargetDirectory.DIRECTORY_PERMISSIONS));
      }
    } catch (IOException e) {
      OsErrno errno = OsErrno.of(e);
      throw new MysqlException(e, ErrorCode.ER_CANT_CREATE_DB, dir, errno.number(), errno.text());
    }
    return path;
  }

  /** Compares real paths, so a symlink into the datadir counts as inside. */
  private static boolean isInside(Path existing, Path datadir) {
    try {
      Path real = existing.toRealPath();
      Path data = datadir.toRealPath();
      return real.startsWith(data);
    } catch (IOException e) {
      return existing.toAbsolutePath().normalize().startsWith(datadir.toAbsolutePath().normalize());
    }
  }
}
