package io.dolly.server.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InspectCommandTest {
  @TempDir Path datadir;

  private record Run(int exit, String out) {}

  private static Run inspect(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int exit = new CommandLine(new InspectCommand()).execute(args);
      return new Run(exit, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void dumpsPagesRedoAndFindsTheDamagedPage() throws Exception {
    int spaceId;
    int pageNo;
    try (StorageEngine engine = StorageEngine.open(datadir, StorageConfig.defaults())) {
      spaceId = engine.createTablespace("shop/orders.ibd");
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        PageHandle page = mtr.allocatePage(spaceId, PageType.BTREE_NODE);
        page.putLong(PageHeader.BODY_START, 42);
        pageNo = page.pageNo();
        mtr.commit();
      }
    }
    Path file = datadir.resolve("shop/orders.ibd");

    Run page = inspect("page", file.toString(), String.valueOf(pageNo));
    assertThat(page.exit()).isZero();
    assertThat(page.out()).contains("space " + spaceId + " page " + pageNo).contains("(ok)");

    Run space = inspect("space", file.toString());
    assertThat(space.exit()).isZero();
    assertThat(space.out()).contains("space " + spaceId + ", page size 16384");

    Run redo = inspect("redo", datadir.toString(), "--from", "8192");
    assertThat(redo.exit()).isZero();
    assertThat(redo.out()).contains("checkpoint").contains("records, pages");

    assertThat(inspect("check", datadir.toString()).exit()).isZero();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long at = (long) pageNo * 16384 + 100;
      raf.seek(at);
      int b = raf.read();
      raf.seek(at);
      raf.write(b ^ 0x5a);
    }
    Run check = inspect("check", datadir.toString());
    assertThat(check.exit()).isEqualTo(2);
    assertThat(check.out())
        .contains("CORRUPT " + file + " page " + pageNo)
        .contains("checksum mismatch")
        .contains("1 damaged pages");
  }
}
