package io.dolly.clone.local;

import io.dolly.clone.recipient.OsErrno;
import io.dolly.clone.recipient.TargetDirectory;
import io.dolly.clone.status.IncompleteCloneMarker;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a local clone's target directory: created owner-only (0750 directories, 0640 files,
 * CLONE.md §5), opened for positional writes, synced at the end. The names come from the donor's
 * own engine, so no confinement beyond refusing to leave the root is needed.
 */
final class TargetFiles {
  private final Path root;

  TargetFiles(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  Path resolve(String name) {
    Path p = root.resolve(name).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("file name leaves the target: " + name);
    }
    return p;
  }

  /** Creates the (empty) file and its missing directories. */
  void create(String name) {
    Path p = resolve(name);
    try {
      Files.createDirectories(
          p.getParent(),
          PosixFilePermissions.asFileAttribute(TargetDirectory.DIRECTORY_PERMISSIONS));
      Files.createFile(p, PosixFilePermissions.asFileAttribute(TargetDirectory.FILE_PERMISSIONS));
    } catch (FileAlreadyExistsException e) {
      // Created by an earlier range of the same file.
    } catch (IOException e) {
      throw writeError(p, e);
    }
  }

  /** A channel for positional writes into an existing target file. */
  FileChannel openForWrite(String name) {
    Path p = resolve(name);
    try {
      return FileChannel.open(p, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw writeError(p, e);
    }
  }

  /**
   * FILE SYNC: gives files created through the storage engine's own I/O (redo, checkpoint) the
   * owner-only permissions too, fsyncs every file, then every directory from the deepest up, so
   * that the names are durable after the contents.
   */
  void syncAll() {
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.setPosixFilePermissions(p, TargetDirectory.DIRECTORY_PERMISSIONS);
          dirs.add(p);
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.setPosixFilePermissions(p, TargetDirectory.FILE_PERMISSIONS);
          try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.force(true);
          }
        }
      }
      for (Path d : dirs.reversed()) {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
          ch.force(true);
        }
      }
    } catch (IOException e) {
      throw writeError(root, e);
    }
  }

  /** The status tables written into {@code #clone/} after FILE SYNC: owner-only, durable. */
  void syncStatus() {
    Path dir = resolve(IncompleteCloneMarker.CLONE_DIRECTORY);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.setPosixFilePermissions(p, TargetDirectory.FILE_PERMISSIONS);
      }
      try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
        ch.force(true);
      }
    } catch (IOException e) {
      throw writeError(dir, e);
    }
  }

  /** MySQL's 1026 with the errno the JDK's exception stands for (28 on a full disk). */
  static MysqlException writeError(Path file, IOException e) {
    OsErrno errno = OsErrno.of(e);
    return new MysqlException(
        e, ErrorCode.ER_ERROR_ON_WRITE, file.toString(), errno.number(), errno.text());
  }
}
