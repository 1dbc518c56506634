package io.dolly.storage.space;

import io.dolly.storage.InstanceId;
import io.dolly.storage.StorageException;
import io.dolly.storage.io.IoFailures;
import io.dolly.storage.io.StorageFileSystem;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Space id to file. There is no separate catalog file: on open every tablespace is discovered by
 * scanning the data directory ({@code mysql.ibd}, {@code undo_001}, {@code undo_002}, {@code
 * <schema>/<table>.ibd}) and reading its page 0, as InnoDB does, so that a cloned directory is
 * self-describing. Space ids are never reused within a run; recovery ends with a checkpoint so redo
 * of a dropped space can never be replayed into a later space with the same id.
 */
public final class TablespaceRegistry implements Closeable {
  public static final int SYSTEM_SPACE_ID = 0;
  public static final int UNDO_1_SPACE_ID = 1;
  public static final int UNDO_2_SPACE_ID = 2;
  public static final int FIRST_USER_SPACE_ID = 16;

  public static final String SYSTEM_FILE = "mysql.ibd";
  public static final String UNDO_1_FILE = "undo_001";
  public static final String UNDO_2_FILE = "undo_002";

  private static final Pattern USER_FILE = Pattern.compile("[^/#.][^/]*/[^/]+\\.ibd");

  private final StorageFileSystem fs;
  private final Path datadir;
  private final int pageSize;
  private final InstanceId instance;
  private final Map<Integer, Tablespace> spaces = new ConcurrentHashMap<>();
  private final AtomicInteger nextSpaceId = new AtomicInteger(FIRST_USER_SPACE_ID);

  public TablespaceRegistry(StorageFileSystem fs, Path datadir, int pageSize, InstanceId instance) {
    this.fs = fs;
    this.datadir = datadir;
    this.pageSize = pageSize;
    this.instance = instance;
  }

  /** Creates the system and undo tablespaces of a new instance. */
  public void createSystemSpaces() {
    add(
        Tablespace.create(
            fs, datadir.resolve(SYSTEM_FILE), SYSTEM_FILE, SYSTEM_SPACE_ID, pageSize, instance));
    add(
        Tablespace.create(
            fs, datadir.resolve(UNDO_1_FILE), UNDO_1_FILE, UNDO_1_SPACE_ID, pageSize, instance));
    add(
        Tablespace.create(
            fs, datadir.resolve(UNDO_2_FILE), UNDO_2_FILE, UNDO_2_SPACE_ID, pageSize, instance));
  }

  /** Discovers every tablespace of the data directory. */
  public void openAll() {
    try {
      for (String name : List.of(SYSTEM_FILE, UNDO_1_FILE, UNDO_2_FILE)) {
        Path p = datadir.resolve(name);
        if (!fs.exists(p)) {
          throw new StorageException("missing system tablespace " + p);
        }
        add(Tablespace.open(fs, p, name, pageSize, instance));
      }
      for (Path dir : fs.list(datadir)) {
        String d = dir.getFileName().toString();
        if (!fs.isDirectory(dir) || d.startsWith("#") || d.startsWith(".")) {
          continue;
        }
        for (Path f : fs.list(dir)) {
          String rel = d + "/" + f.getFileName();
          if (USER_FILE.matcher(rel).matches()) {
            add(Tablespace.open(fs, f, rel, pageSize, instance));
          }
        }
      }
    } catch (IOException e) {
      throw IoFailures.wrap(datadir, "listing", e);
    }
  }

  private void add(Tablespace t) {
    Tablespace old = spaces.putIfAbsent(t.spaceId(), t);
    if (old != null) {
      throw new StorageException(
          "space id " + t.spaceId() + " used by both " + old.path() + " and " + t.path());
    }
    nextSpaceId.accumulateAndGet(t.spaceId() + 1, Math::max);
  }

  /** Creates {@code <datadir>/<relativePath>} (e.g. {@code test/t1.ibd}); returns its space id. */
  public synchronized int create(String relativePath) {
    if (!USER_FILE.matcher(relativePath).matches()) {
      throw new IllegalArgumentException(
          "tablespace path must be <schema>/<table>.ibd: " + relativePath);
    }
    Path path = datadir.resolve(relativePath);
    if (fs.exists(path)) {
      throw new StorageException("tablespace file already exists: " + path);
    }
    int id = nextSpaceId.getAndIncrement();
    boolean newDir = !fs.exists(path.getParent());
    Tablespace t = Tablespace.create(fs, path, relativePath, id, pageSize, instance);
    if (newDir) {
      try {
        fs.syncDirectory(datadir);
      } catch (IOException e) {
        throw IoFailures.wrap(datadir, "syncing", e);
      }
    }
    add(t);
    return id;
  }

  /** Closes and deletes the file; the caller has discarded its buffered pages. */
  public synchronized void drop(int spaceId) {
    if (spaceId < FIRST_USER_SPACE_ID) {
      throw new IllegalArgumentException("cannot drop system tablespace " + spaceId);
    }
    Tablespace t = spaces.remove(spaceId);
    if (t == null) {
      throw new StorageException("no tablespace with id " + spaceId);
    }
    try {
      t.close();
      fs.delete(t.path());
      fs.syncDirectory(t.path().getParent());
    } catch (IOException e) {
      throw IoFailures.wrap(t.path(), "dropping", e);
    }
  }

  /** The tablespace, or null when no such space exists. */
  public Tablespace get(int spaceId) {
    return spaces.get(spaceId);
  }

  public Tablespace require(int spaceId) {
    Tablespace t = spaces.get(spaceId);
    if (t == null) {
      throw new StorageException("no tablespace with id " + spaceId);
    }
    return t;
  }

  /** Every tablespace file with its current size, by space id. */
  public List<TablespaceFile> files() {
    List<TablespaceFile> out = new ArrayList<>();
    for (Tablespace t : spaces.values()) {
      out.add(new TablespaceFile(t.spaceId(), t.name(), t.path(), t.sizeInBytes()));
    }
    out.sort((a, b) -> Integer.compare(a.spaceId(), b.spaceId()));
    return out;
  }

  public int pageSize() {
    return pageSize;
  }

  @Override
  public void close() throws IOException {
    for (Tablespace t : spaces.values()) {
      t.close();
    }
    spaces.clear();
  }
}
