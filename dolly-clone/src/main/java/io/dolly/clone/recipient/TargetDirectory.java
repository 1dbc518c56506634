package io.dolly.clone.recipient;

import io.dolly.clone.transfer.DirectWrites;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The recipient's side of the file stream: creates the files the donor announces inside one target
 * directory and writes chunks into them. It trusts nothing the donor sends:
 *
 * <ul>
 *   <li>a name is accepted only as a relative, '/'-separated path without empty, {@code .} or
 *       {@code ..} segments, backslashes or NUL;
 *   <li>every directory on the way must be a real directory (not a symlink) below the target, and
 *       files are created new with {@code NOFOLLOW_LINKS}, so a symlink planted anywhere cannot
 *       redirect a write outside;
 *   <li>a file index may be announced once (re-announcing the same path and size, as after a
 *       resume, is allowed; a larger size only after {@link #allowGrowth}) and a path belongs to
 *       one index;
 *   <li>writes must fall inside the size announced for the file.
 * </ul>
 *
 * Any violation is 3863 and nothing is written. Directories are created 0750 and files 0640.
 * Aligned chunks are written around the page cache ({@link DirectWrites}).
 *
 * <p>Thread-safe: chunks of different files and of the same file may be written concurrently.
 */
public final class TargetDirectory implements Closeable {
  public static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS =
      PosixFilePermissions.fromString("rwxr-x---");
  public static final Set<PosixFilePermission> FILE_PERMISSIONS =
      PosixFilePermissions.fromString("rw-r-----");

  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_ATTRIBUTE =
      PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS);
  private static final FileAttribute<Set<PosixFilePermission>> FILE_ATTRIBUTE =
      PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS);

  /**
   * One file the donor announced; {@code unbuffered} is its O_DIRECT channel, null where the file
   * system refuses that.
   */
  private record TargetFile(
      String name, Path path, long size, FileChannel channel, FileChannel unbuffered) {}

  /** Chunks are 1 MiB: one aligned buffer of that size per writing thread. */
  private static final int DIRECT_BUFFER_BYTES = 1 << 20;

  private final Path root;
  private final Map<Integer, TargetFile> byIndex = new HashMap<>();
  private final Map<String, Integer> indexByName = new HashMap<>();
  private final DirectWrites direct;
  private boolean growable;

  private TargetDirectory(Path root) {
    this.root = root;
    this.direct = DirectWrites.under(root, DIRECT_BUFFER_BYTES);
  }

  /** Creates {@code dir} (0750; it must not exist, its parent must) and opens it as a target. */
  public static TargetDirectory create(Path dir) {
    try {
      Files.createDirectory(dir, DIRECTORY_ATTRIBUTE);
      return new TargetDirectory(dir.toRealPath());
    } catch (IOException e) {
      OsErrno errno = OsErrno.of(e);
      throw new MysqlException(
          e, ErrorCode.ER_CANT_CREATE_DB, dir.toString(), errno.number(), errno.text());
    }
  }

  /** Opens an existing directory (for example a staging directory) as a target. */
  public static TargetDirectory open(Path dir) throws IOException {
    if (!Files.isDirectory(dir, NOFOLLOW)) {
      throw new NotDirectoryOrLinkException(dir);
    }
    return new TargetDirectory(dir.toRealPath());
  }

  /** The target's real path. */
  public Path root() {
    return root;
  }

  /**
   * Creates the file the donor announced as {@code fileIndex} at {@code donorName} with the given
   * size limit. Re-announcing an index with the same name and size is a no-op.
   *
   * @return the file's path
   */
  public synchronized Path announce(int fileIndex, String donorName, long size) {
    if (size < 0) {
      throw malformed("file " + fileIndex + " announced with negative size " + size);
    }
    TargetFile known = byIndex.get(fileIndex);
    if (known != null) {
      if (known.name().equals(donorName) && known.size() == size) {
        return known.path();
      }
      if (known.name().equals(donorName) && known.size() < size && growable) {
        byIndex.put(
            fileIndex,
            new TargetFile(known.name(), known.path(), size, known.channel(), known.unbuffered()));
        return known.path();
      }
      throw malformed(
          "file "
              + fileIndex
              + " announced twice: '"
              + known.name()
              + "' ("
              + known.size()
              + " bytes) and '"
              + donorName
              + "' ("
              + size
              + " bytes)");
    }
    Integer other = indexByName.get(donorName);
    if (other != null) {
      throw malformed("file '" + donorName + "' announced as both " + other + " and " + fileIndex);
    }
    String[] segments = segments(donorName);
    Path dir = root;
    try {
      for (int i = 0; i < segments.length - 1; i++) {
        dir = enterDirectory(dir.resolve(segments[i]), donorName);
      }
      Path file = dir.resolve(segments[segments.length - 1]);
      if (!file.normalize().startsWith(root)) {
        throw malformed("file name '" + donorName + "' leaves the target directory");
      }
      FileChannel channel = createFile(file, donorName);
      byIndex.put(fileIndex, new TargetFile(donorName, file, size, channel, direct.open(file)));
      indexByName.put(donorName, fileIndex);
      return file;
    } catch (IOException e) {
      OsErrno errno = OsErrno.of(e);
      throw new MysqlException(
          e,
          ErrorCode.ER_CANT_CREATE_FILE,
          dir.resolve(segments[segments.length - 1]).toString(),
          errno.number(),
          errno.text());
    }
  }

  /**
   * From now on a file may be announced again with a larger size (PAGE COPY re-announces a
   * tablespace that grew while FILE COPY ran); never smaller, never under another name.
   */
  public synchronized void allowGrowth() {
    growable = true;
  }

  /** Writes {@code length} bytes at {@code offset} of an announced file, inside its size. */
  public void write(int fileIndex, long offset, byte[] data, int from, int length) {
    TargetFile file;
    synchronized (this) {
      file = byIndex.get(fileIndex);
    }
    if (file == null) {
      throw malformed("chunk for unannounced file " + fileIndex);
    }
    if (offset < 0 || length < 0 || offset > file.size() - length) {
      throw malformed(
          "chunk "
              + offset
              + "+"
              + length
              + " outside the "
              + file.size()
              + " bytes announced for '"
              + file.name()
              + "'");
    }
    try {
      direct.write(file.unbuffered(), file.channel(), data, from, length, offset);
    } catch (IOException e) {
      OsErrno errno = OsErrno.of(e);
      throw new MysqlException(
          e, ErrorCode.ER_ERROR_ON_WRITE, file.path().toString(), errno.number(), errno.text());
    }
  }

  /** The size the donor announced for a file, or -1. */
  public synchronized long announcedSize(int fileIndex) {
    TargetFile f = byIndex.get(fileIndex);
    return f == null ? -1 : f.size();
  }

  /** Extends every file to its announced size and fsyncs files, then directories (FILE SYNC). */
  public synchronized void syncAll() throws IOException {
    for (TargetFile f : byIndex.values()) {
      if (f.channel().size() < f.size()) {
        // Writing the last byte makes the file its full size; sparse where nothing was sent.
        f.channel().write(ByteBuffer.allocate(1), f.size() - 1);
      }
      f.channel().force(true);
    }
    syncDirectories(root);
  }

  private static void syncDirectories(Path dir) throws IOException {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        if (Files.isDirectory(child, NOFOLLOW)) {
          syncDirectories(child);
        }
      }
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    IOException first = null;
    for (TargetFile f : byIndex.values()) {
      for (FileChannel ch : new FileChannel[] {f.channel(), f.unbuffered()}) {
        try {
          if (ch != null) {
            ch.close();
          }
        } catch (IOException e) {
          first = first == null ? e : first;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Closes the files and deletes the target directory with everything in it, without following
   * symlinks (a link is removed, never its target): a failed clone leaves no partial directory.
   */
  public void removePartial() throws IOException {
    try {
      close();
    } finally {
      removeTree(root);
    }
  }

  /** Deletes {@code path} and everything below it without following symlinks. */
  public static void removeTree(Path path) throws IOException {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
    } catch (NoSuchFileException e) {
      return;
    }
    if (attrs.isDirectory()) {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
        for (Path child : children) {
          removeTree(child);
        }
      }
    }
    Files.deleteIfExists(path);
  }

  /** Splits and vets a donor's name; every rejection is 3863. */
  static String[] segments(String name) {
    if (name == null || name.isEmpty()) {
      throw malformed("empty file name");
    }
    if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
      throw malformed("file name '" + printable(name) + "' has a NUL or backslash");
    }
    if (name.startsWith("/")) {
      throw malformed("file name '" + name + "' is absolute");
    }
    String[] parts = name.split("/", -1);
    for (String p : parts) {
      if (p.isEmpty() || p.equals(".") || p.equals("..")) {
        throw malformed("file name '" + name + "' has an empty, '.' or '..' segment");
      }
    }
    return parts;
  }

  /** Enters (creating if missing) one directory below the target; it must not be a symlink. */
  private Path enterDirectory(Path dir, String donorName) throws IOException {
    if (!dir.normalize().startsWith(root)) {
      throw malformed("file name '" + donorName + "' leaves the target directory");
    }
    try {
      Files.createDirectory(dir, DIRECTORY_ATTRIBUTE);
      return dir;
    } catch (FileAlreadyExistsException e) {
      // Exists: acceptable only as a real directory, never as a link to elsewhere.
      BasicFileAttributes attrs = Files.readAttributes(dir, BasicFileAttributes.class, NOFOLLOW);
      if (attrs.isSymbolicLink() || !attrs.isDirectory()) {
        throw malformed(
            "file name '"
                + donorName
                + "' goes through '"
                + root.relativize(dir)
                + "', which is not a directory");
      }
      return dir;
    }
  }

  private FileChannel createFile(Path file, String donorName) throws IOException {
    OpenOption[] options = {
      StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ, NOFOLLOW
    };
    try {
      return FileChannel.open(file, Set.of(options), FILE_ATTRIBUTE);
    } catch (FileAlreadyExistsException e) {
      throw malformed("file '" + donorName + "' already exists in the target directory");
    }
  }

  private static String printable(String s) {
    return s.replace("\0", "\\0");
  }

  private static MysqlException malformed(String what) {
    return new MysqlException(ErrorCode.ER_CLONE_PROTOCOL, what);
  }

  /** The path given to {@link #open} is not a real directory. */
  public static final class NotDirectoryOrLinkException extends IOException {
    NotDirectoryOrLinkException(Path p) {
      super(p + " is not a directory (or is a symbolic link)");
    }
  }
}
