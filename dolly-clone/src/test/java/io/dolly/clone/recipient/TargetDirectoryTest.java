package io.dolly.clone.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.protocol.error.MysqlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A malicious donor tries to make the recipient write outside its target directory. */
class TargetDirectoryTest {
  @TempDir Path tmp;

  private static final byte[] PAYLOAD = "owned".getBytes(StandardCharsets.US_ASCII);

  private static void assert3863(Runnable r) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(3863));
  }

  /** Every file under tmp other than inside the target, with its content. */
  private List<Path> filesOutside(Path target) throws IOException {
    try (Stream<Path> all = Files.walk(tmp)) {
      return all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> !p.startsWith(target))
          .filter(p -> !p.getFileName().toString().equals("bait"))
          .toList();
    }
  }

  @Test
  void writesAnnouncedFilesWithOwnerOnlyPermissions() throws IOException {
    Path dir = tmp.resolve("clone");
    try (TargetDirectory t = TargetDirectory.create(dir)) {
      Path f = t.announce(3, "db1/sub/t1.ibd", 10);
      t.write(3, 5, PAYLOAD, 0, 5);
      t.write(3, 0, PAYLOAD, 0, 2);
      t.syncAll();
      assertThat(Files.readAllBytes(f))
          .isEqualTo(new byte[] {'o', 'w', 0, 0, 0, 'o', 'w', 'n', 'e', 'd'});
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
          .isEqualTo("rw-r-----");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())))
          .isEqualTo("rwxr-x---");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .isEqualTo("rwxr-x---");
      // Re-announcing the same file identically (after a resume) is fine.
      assertThat(t.announce(3, "db1/sub/t1.ibd", 10)).isEqualTo(f);
    }
  }

  @Test
  void rejectsNamesThatLeaveTheTarget() throws IOException {
    Path dir = tmp.resolve("clone");
    try (TargetDirectory t = TargetDirectory.create(dir)) {
      String[] evil = {
        "../x",
        "/etc/passwd",
        "a/../../b",
        "a/./b",
        "./a",
        "a//b",
        "a/",
        "",
        "..",
        ".",
        "a\0b",
        "..\\x",
        "a/..",
        "x/../../../../../../tmp/evil"
      };
      int i = 0;
      for (String name : evil) {
        int index = i++;
        assert3863(() -> t.announce(index, name, 10));
      }
      assertThat(filesOutside(dir)).isEmpty();
      try (Stream<Path> inside = Files.list(dir)) {
        assertThat(inside.toList()).isEmpty();
      }
    }
  }

  @Test
  void symlinkedParentPointingOutsideIsRefused() throws IOException {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Path dir = tmp.resolve("clone");
    try (TargetDirectory t = TargetDirectory.create(dir)) {
      Files.createSymbolicLink(dir.resolve("db"), outside);
      assert3863(() -> t.announce(1, "db/t.ibd", 10));
      // A symlink in the file's own place is refused too (CREATE_NEW + NOFOLLOW_LINKS).
      Path bait = Files.writeString(outside.resolve("bait"), "keep");
      Files.createSymbolicLink(dir.resolve("f.ibd"), bait);
      assert3863(() -> t.announce(2, "f.ibd", 10));
      Files.createDirectory(dir.resolve("real"));
      Files.createSymbolicLink(dir.resolve("real/deeper"), outside);
      assert3863(() -> t.announce(3, "real/deeper/x/y.ibd", 10));
      assertThat(Files.readString(bait)).isEqualTo("keep");
      try (Stream<Path> out = Files.list(outside)) {
        assertThat(out.toList()).containsExactly(bait);
      }
    }
  }

  @Test
  void writesOnlyInsideTheAnnouncedSize() throws IOException {
    Path dir = tmp.resolve("clone");
    try (TargetDirectory t = TargetDirectory.create(dir)) {
      Path f = t.announce(0, "ibdata1", 8);
      assert3863(() -> t.write(0, 4, PAYLOAD, 0, 5));
      assert3863(() -> t.write(0, 8, PAYLOAD, 0, 1));
      assert3863(() -> t.write(0, -1, PAYLOAD, 0, 1));
      assert3863(() -> t.write(0, Long.MAX_VALUE, PAYLOAD, 0, 5));
      assert3863(() -> t.write(7, 0, PAYLOAD, 0, 1));
      assertThat(Files.size(f)).isZero();
      t.write(0, 3, PAYLOAD, 0, 5);
      assertThat(Files.size(f)).isEqualTo(8);
    }
  }

  @Test
  void fileAnnouncedTwiceWithDifferentSizesOrIndexesIsRefused() throws IOException {
    Path dir = tmp.resolve("clone");
    try (TargetDirectory t = TargetDirectory.create(dir)) {
      t.announce(1, "a.ibd", 16);
      assert3863(() -> t.announce(1, "a.ibd", 1 << 30));
      assert3863(() -> t.announce(1, "b.ibd", 16));
      assert3863(() -> t.announce(2, "a.ibd", 16));
      assert3863(() -> t.write(1, 16, PAYLOAD, 0, 1));
      assertThat(t.announcedSize(1)).isEqualTo(16);
    }
  }

  @Test
  void removePartialDeletesEverythingButNotSymlinkTargets() throws IOException {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Path bait = Files.writeString(outside.resolve("bait"), "keep");
    Path dir = tmp.resolve("clone");
    TargetDirectory t = TargetDirectory.create(dir);
    t.announce(1, "a/b/c.ibd", 4);
    t.write(1, 0, PAYLOAD, 0, 4);
    Files.createSymbolicLink(dir.resolve("a/link"), outside);
    t.removePartial();
    assertThat(dir).doesNotExist();
    assertThat(Files.readString(bait)).isEqualTo("keep");
  }

  @Test
  void dataDirectoryChecksInMysqlOrder() throws IOException {
    Path datadir = Files.createDirectory(tmp.resolve("data"));
    assertThatThrownBy(() -> DataDirectoryCheck.prepare("relative/dir", datadir))
        .isInstanceOfSatisfying(
            MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(1525))
        .hasMessage("Incorrect path value: 'relative/dir'");
    String tooLong = tmp.resolve("x".repeat(600)).toString();
    assertThatThrownBy(() -> DataDirectoryCheck.prepare(tooLong, datadir))
        .isInstanceOfSatisfying(
            MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(1680));
    assertThatThrownBy(() -> DataDirectoryCheck.prepare(datadir.toString(), datadir))
        .isInstanceOfSatisfying(
            MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(1007))
        .hasMessage("Can't create database '" + datadir + "'; database exists");
    String inside = datadir.resolve("nested/clone").toString();
    assertThatThrownBy(() -> DataDirectoryCheck.prepare(inside, datadir))
        .isInstanceOfSatisfying(
            MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(3632));
    assertThat(datadir.resolve("nested")).doesNotExist();
    // A symlink into the datadir counts as inside.
    Files.createSymbolicLink(tmp.resolve("alias"), datadir);
    assertThatThrownBy(() -> DataDirectoryCheck.prepare(tmp.resolve("alias/c").toString(), datadir))
        .isInstanceOfSatisfying(
            MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(3632));
    Path ok = DataDirectoryCheck.prepare(tmp.resolve("new/parents/clone").toString(), datadir);
    assertThat(ok.getParent()).isDirectory();
    assertThat(ok).doesNotExist();
    Files.writeString(tmp.resolve("plainfile"), "x");
    assertThatThrownBy(
            () -> DataDirectoryCheck.prepare(tmp.resolve("plainfile/sub/c").toString(), datadir))
        .isInstanceOfSatisfying(
            MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(1006));
  }
}
