package io.dolly.server.inspect;

import io.dolly.storage.StorageEngine;
import io.dolly.storage.catalog.OfflineCheck;
import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.io.StorageFile;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageInspector;
import io.dolly.storage.redo.Checkpoint;
import io.dolly.storage.redo.CheckpointFile;
import io.dolly.storage.redo.RedoFileSet;
import io.dolly.storage.redo.RedoInspector;
import io.dolly.storage.space.SpaceHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dolly inspect}: reads a stopped server's files without opening the engine, for debugging
 * recovery and clone — page headers, a tablespace's pages, redo groups, and a checksum check of a
 * whole data directory.
 */
@Command(
    name = "inspect",
    description = "Inspect the files of a stopped server's data directory.",
    mixinStandardHelpOptions = true,
    subcommands = {
      InspectCommand.Page.class,
      InspectCommand.Space.class,
      InspectCommand.Redo.class,
      InspectCommand.Check.class
    })
public final class InspectCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    new picocli.CommandLine(this).usage(System.out);
    return 0;
  }

  @Command(name = "page", description = "Print one page's header.")
  static final class Page implements Callable<Integer> {
    @Parameters(index = "0", description = "tablespace file (.ibd, mysql.ibd, undo_001, ...)")
    Path file;

    @Parameters(index = "1", description = "page number")
    int pageNo;

    @Override
    public Integer call() throws IOException {
      int pageSize = pageSizeOf(file);
      byte[] page = readPage(file, pageNo, pageSize);
      System.out.println(file + " page " + pageNo + ": " + PageInspector.describe(page));
      return 0;
    }
  }

  @Command(name = "space", description = "List a tablespace's pages and its free space.")
  static final class Space implements Callable<Integer> {
    @Parameters(index = "0", description = "tablespace file")
    Path file;

    @Override
    public Integer call() throws IOException {
      int pageSize = pageSizeOf(file);
      byte[] header = readPage(file, 0, pageSize);
      ByteBuffer h = ByteBuffer.wrap(header);
      long pages = Files.size(file) / pageSize;
      System.out.printf(
          "%s: space %d, page size %d, %d pages in the file, size %d, high water %d, %d free%n",
          file,
          h.getInt(PageHeader.SPACE_ID),
          pageSize,
          pages,
          h.getInt(SpaceHeader.SIZE),
          h.getInt(SpaceHeader.HIGH_WATER),
          h.getInt(SpaceHeader.FREE_COUNT));
      for (int n = 0; n < pages; n++) {
        System.out.println("  " + n + ": " + PageInspector.describe(readPage(file, n, pageSize)));
      }
      return 0;
    }
  }

  @Command(name = "redo", description = "List the redo groups from the checkpoint (or --from).")
  static final class Redo implements Callable<Integer> {
    @Parameters(index = "0", description = "data directory")
    Path datadir;

    @Option(names = "--from", description = "start LSN (default: the last checkpoint)")
    Long from;

    @Option(names = "--max", description = "at most this many groups (default ${DEFAULT-VALUE})")
    int max = 100;

    @Override
    public Integer call() throws IOException {
      Path redoDir = datadir.resolve(StorageEngine.REDO_DIR);
      Checkpoint cp = CheckpointFile.open(ChannelFileSystem.INSTANCE, redoDir).last();
      RedoFileSet files = RedoFileSet.open(ChannelFileSystem.INSTANCE, redoDir, cp.instance());
      try {
        long start = from == null ? cp.lsn() : from;
        System.out.printf(
            "checkpoint %d at LSN %d, page size %d, instance %s%n",
            cp.number(), cp.lsn(), cp.pageSize(), cp.instance());
        for (RedoFileSet.RedoFileInfo f : files.files()) {
          System.out.printf(
              "  file %s: LSN %d .. %d%n", f.path().getFileName(), f.startLsn(), f.endLsn());
        }
        for (RedoInspector.GroupSummary g :
            RedoInspector.summarize(files, start, cp.pageSize(), max)) {
          System.out.printf(
              "  [%d, %d) %d records, pages %s%s%n",
              g.startLsn(),
              g.endLsn(),
              g.records(),
              g.pages(),
              g.extensions().isEmpty() ? "" : ", extension records " + g.extensions());
        }
      } finally {
        files.close();
      }
      return 0;
    }
  }

  @Command(
      name = "check",
      description =
          "Verify every page checksum of every tablespace in a data directory, then every index of"
              + " every table named by the data dictionary.")
  static final class Check implements Callable<Integer> {
    @Parameters(index = "0", description = "data directory")
    Path datadir;

    @Override
    public Integer call() throws IOException {
      List<Path> spaces = tablespaces(datadir);
      int problems = 0;
      for (Path file : spaces) {
        List<PageInspector.Problem> found =
            PageInspector.verifyFile(ChannelFileSystem.INSTANCE, file, pageSizeOf(file));
        problems += found.size();
        for (PageInspector.Problem p : found) {
          System.out.println("CORRUPT " + p);
        }
        System.out.println((found.isEmpty() ? "OK      " : "FAILED  ") + datadir.relativize(file));
      }
      System.out.println(spaces.size() + " tablespaces checked, " + problems + " damaged pages");
      int badTables = checkTables(spaces);
      return problems == 0 && badTables == 0 ? 0 : 2;
    }

    /**
     * One line per table of the dictionary: its indexes against its rows. Skipped (not failed) when
     * redo after the last checkpoint is still to be applied: the files alone are then not the
     * state. Returns how many tables have problems.
     */
    private int checkTables(List<Path> spaces) throws IOException {
      if (needsRecovery(datadir)) {
        System.out.println(
            "SKIPPED tables: the redo log has changes after the last checkpoint;"
                + " start the server once so that recovery applies them");
        return 0;
      }
      int bad = 0;
      List<OfflineCheck.TableReport> reports =
          OfflineCheck.run(ChannelFileSystem.INSTANCE, datadir, spaces);
      for (OfflineCheck.TableReport r : reports) {
        System.out.printf(
            "%s table %s.%s (%s): %d rows%n",
            r.ok() ? "OK     " : "FAILED ", r.schema(), r.table(), r.file(), r.rows());
        for (String p : r.problems()) {
          System.out.println("  " + p);
        }
        bad += r.ok() ? 0 : 1;
      }
      System.out.println(reports.size() + " tables checked, " + bad + " with problems");
      return bad;
    }
  }

  /** True when redo beyond the last checkpoint exists (the directory was not shut down cleanly). */
  static boolean needsRecovery(Path datadir) throws IOException {
    Path redoDir = datadir.resolve(StorageEngine.REDO_DIR);
    Checkpoint cp = CheckpointFile.open(ChannelFileSystem.INSTANCE, redoDir).last();
    RedoFileSet files = RedoFileSet.open(ChannelFileSystem.INSTANCE, redoDir, cp.instance());
    try {
      return !RedoInspector.summarize(files, cp.lsn(), cp.pageSize(), 1).isEmpty();
    } finally {
      files.close();
    }
  }

  /** Every tablespace file of a data directory: system, undo and per-table files. */
  static List<Path> tablespaces(Path datadir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(datadir, 2)) {
      walk.filter(Files::isRegularFile)
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".ibd") || n.startsWith("undo_");
              })
          .sorted()
          .forEach(out::add);
    }
    return out;
  }

  /** The page size a tablespace was created with, from its header page. */
  static int pageSizeOf(Path file) throws IOException {
    byte[] first = new byte[SpaceHeader.PAGE_SIZE + 4];
    try (StorageFile f = ChannelFileSystem.INSTANCE.open(file)) {
      f.readFully(ByteBuffer.wrap(first), 0);
    }
    int pageSize = ByteBuffer.wrap(first).getInt(SpaceHeader.PAGE_SIZE);
    if (pageSize < 4096 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
      throw new IOException(file + " does not start with a Dolly tablespace header");
    }
    return pageSize;
  }

  static byte[] readPage(Path file, int pageNo, int pageSize) throws IOException {
    byte[] page = new byte[pageSize];
    try (StorageFile f = ChannelFileSystem.INSTANCE.open(file)) {
      if ((long) (pageNo + 1) * pageSize > f.size()) {
        throw new IOException(file + " has no page " + pageNo);
      }
      f.readFully(ByteBuffer.wrap(page), (long) pageNo * pageSize);
    }
    return page;
  }
}
