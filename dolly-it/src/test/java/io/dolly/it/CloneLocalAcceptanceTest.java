package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CLONE LOCAL DATA DIRECTORY against real server processes: the copy starts and serves the donor's
 * data and accounts, the seed tutorial's monitoring scripts follow it, and every error path answers
 * MySQL's number and message and leaves nothing behind.
 */
@Timeout(600)
class CloneLocalAcceptanceTest {
  @TempDir Path dir;

  /** A donor with {@code mebibytes} of rows and the user app@% / pw, started with {@code args}. */
  private ServerProcess donor(Path data, long mebibytes, String... args) throws IOException {
    ServerProcess server = ServerProcess.start(data, args);
    try {
      sql(server, "CREATE USER 'app'@'%' IDENTIFIED BY 'pw'; GRANT SELECT ON *.* TO 'app'@'%'");
      filler = FillerTable.fill(server, mebibytes);
      return server;
    } catch (IOException | java.sql.SQLException | RuntimeException e) {
      server.close();
      throw new IOException(e);
    }
  }

  private FillerTable filler;

  private static Cli.Result sql(ServerProcess s, String statements) throws IOException {
    Cli.Result r = Cli.mariadb(s.port(), "root", "", statements);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r;
  }

  private static Cli.Result clone(ServerProcess s, String directory) throws IOException {
    return Cli.mariadb(s.port(), "root", "", "CLONE LOCAL DATA DIRECTORY = '" + directory + "'");
  }

  @Test
  void theCopyStartsWithTheDonorsDataAndAccountsAndItsOwnIdentity() throws Exception {
    Path copy = dir.resolve("copies/one");
    String donorUuid;
    try (ServerProcess donor = donor(dir.resolve("donor"), 8)) {
      donorUuid = sql(donor, "SELECT @@server_uuid").stdout();
      Cli.Result r = clone(donor, copy.toString());
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      String status =
          sql(
                  donor,
                  "SELECT STATE, SOURCE, DESTINATION, ERROR_NO, DATA_DOWNLOADED >= "
                      + (8L << 20)
                      + " FROM performance_schema.clone_status")
              .stdout();
      assertThat(status).contains("Completed\tLOCAL INSTANCE\t" + copy + "\t0\t1");
      String stages =
          sql(donor, "SELECT STAGE, STATE FROM performance_schema.clone_progress").stdout();
      assertThat(stages)
          .contains(
              "DROP DATA\tCompleted",
              "FILE COPY\tCompleted",
              "PAGE COPY\tCompleted",
              "REDO COPY\tCompleted",
              "FILE SYNC\tCompleted",
              "RESTART\tNot Started",
              "RECOVERY\tNot Started");
    }
    // Not cloned (CLONE.md §9): identity, TLS material, logs, the pid file.
    for (String name :
        List.of(
            "auto.cnf", "dolly.pid", "dolly.err", "ca.pem", "server-key.pem", "private_key.pem")) {
      assertThat(copy.resolve(name)).doesNotExist();
    }
    assertThat(copy.resolve("#clone/in_progress")).doesNotExist();
    assertThat(Files.getPosixFilePermissions(copy))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    assertThat(Files.getPosixFilePermissions(copy.resolve("filler/t.ibd")))
        .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    try (ServerProcess clone = ServerProcess.start(copy)) {
      Cli.Result app = Cli.mariadb(clone.port(), "app", "pw", "SELECT CURRENT_USER()");
      assertThat(app.exitCode()).as(app.stderr()).isZero();
      assertThat(app.stdout()).contains("app@%");
      assertThat(sql(clone, "SELECT @@server_uuid").stdout()).isNotEqualTo(donorUuid);
      assertThat(
              sql(clone, "SELECT STATE, DESTINATION FROM performance_schema.clone_status").stdout())
          .as("the copy shows the clone that made it")
          .contains("Completed\t" + copy);
      assertThat(filler.presentIn(clone)).as("every row of the donor, with its content").isTrue();
    }
  }

  @Test
  void theTutorialsShellLoopAndPythonMonitorFollowTheClone() throws Exception {
    Cli.require("bash");
    Cli.requirePython("pymysql");
    try (ServerProcess donor = donor(dir.resolve("donor"), 12)) {
      sql(donor, "SET GLOBAL clone_max_data_bandwidth = 2; SET GLOBAL clone_buffer_size = 1048576");
      Path copy = dir.resolve("monitored");
      CompletableFuture<Cli.Result> running = background(() -> clone(donor, copy.toString()));
      CompletableFuture<Cli.Result> shell = background(() -> shellLoop(donor.port()));
      Cli.Result python = pythonMonitor(donor.port());
      Cli.Result cloned = running.get();
      assertThat(cloned.exitCode()).as(cloned.stderr()).isZero();

      assertThat(python.exitCode()).as(python.stderr()).isZero();
      assertThat(python.stdout()).contains("任务: FILE COPY", "✅ 克隆完成！");
      List<Long> downloaded = numbers(python.stdout(), "bytes: (\\d+)");
      assertThat(downloaded).as(python.stdout()).hasSizeGreaterThan(2);
      assertThat(downloaded.getLast()).isGreaterThan(downloaded.getFirst());
      assertThat(downloaded).isSorted();

      Cli.Result loop = shell.get();
      assertThat(loop.exitCode()).as(loop.stderr()).isZero();
      assertThat(loop.stdout()).contains("任务: FILE COPY", "状态: Completed");
      List<Long> percent = numbers(loop.stdout(), "\t(\\d+)\\.\\d\\d%");
      assertThat(percent.getLast()).isGreaterThan(percent.getFirst());
    }
  }

  /** The tutorial's shell loop with the mariadb client, a 1 s period, ending at Completed. */
  private static Cli.Result shellLoop(int port) throws IOException {
    String script =
        """
        for i in $(seq 1 60); do
            echo "=== MySQL克隆进度监控 ==="
            echo "时间: $(date)"
            echo "------------------------"
            out=$(mariadb -h127.0.0.1 -P%d -uroot -e "
            SELECT
                CONCAT('状态: ', STATE) as '克隆状态',
                CONCAT('任务: ', CURRENT_TASK) as '当前任务',
                CONCAT(ROUND(DATA_DOWNLOADED/1024/1024/1024,2), ' GB') as '已下载',
                CONCAT(ROUND(DATA_DOWNLOADED/GREATEST(DATA_LOCALIZED,1)*100,2), '%%') as '进度',
                CONCAT(ROUND(DURATION/60,2), ' 分钟') as '已用时间'
            FROM performance_schema.clone_status
            WHERE ID = (SELECT MAX(ID) FROM performance_schema.clone_status);
            ")
            echo "$out"
            echo "$out" | grep -q '状态: Completed' && exit 0
            sleep 1
        done
        exit 1
        """
            .formatted(port);
    return Cli.run(List.of("bash", "-c", script), null, 120);
  }

  /**
   * The tutorial's CloneMonitor, with PyMySQL instead of mysql.connector, a 1 s period, and the raw
   * byte count printed too.
   */
  private static Cli.Result pythonMonitor(int port) throws IOException {
    String script =
        """
        import pymysql, time
        class CloneMonitor:
            def __init__(self, host, user, password, port=3306):
                self.connection = pymysql.connect(host=host, user=user, password=password,
                                                  port=port, autocommit=True)
            def get_clone_status(self):
                cursor = self.connection.cursor(pymysql.cursors.DictCursor)
                query = \"""
                SELECT
                    STATE, CURRENT_TASK, DATA_DOWNLOADED, DATA_LOCALIZED,
                    NETWORK_BANDWIDTH, DURATION, ERROR_MESSAGE
                FROM performance_schema.clone_status
                ORDER BY ID DESC LIMIT 1
                \"""
                cursor.execute(query)
                return cursor.fetchone()
            def monitor_progress(self):
                print("开始监控MySQL克隆进度...")
                for _ in range(120):
                    status = self.get_clone_status()
                    if not status:
                        time.sleep(0.2)
                        continue
                    downloaded = status['DATA_DOWNLOADED'] or 0
                    total = status['DATA_LOCALIZED'] or 1
                    progress = (downloaded / total) * 100
                    bar_length = 50
                    filled = int(bar_length * progress / 100)
                    bar = '█' * filled + '░' * (bar_length - filled)
                    print(f"\\r状态: {status['STATE']}")
                    print(f"任务: {status['CURRENT_TASK']}")
                    print(f"进度: [{bar}] {progress:.2f}%")
                    print(f"已传输: {downloaded/1024/1024/1024:.2f} GB")
                    print(f"bytes: {downloaded}")
                    print(f"网络带宽: {status['NETWORK_BANDWIDTH'] or 'N/A'}")
                    print(f"用时: {status['DURATION']/60:.2f} 分钟")
                    if status['STATE'] == 'Completed':
                        print("\\n✅ 克隆完成！")
                        return
                    elif status['STATE'] == 'Failed':
                        print(f"\\n❌ 克隆失败: {status['ERROR_MESSAGE']}")
                        raise SystemExit(1)
                    time.sleep(1)
                raise SystemExit(2)
        CloneMonitor('127.0.0.1', 'root', '', port=PORT).monitor_progress()
        """
            .replace("PORT", Integer.toString(port));
    return Cli.python(script);
  }

  @Test
  void everyErrorAnswersMysqlsNumberAndMessageAndLeavesNothing() throws Exception {
    try (ServerProcess donor = donor(dir.resolve("donor"), 6)) {
      String data = donor.datadir().toString();
      expectError(
          clone(donor, "rel/x"), "ERROR 1525 (HY000) at line 1: Incorrect path value: 'rel/x'");
      String longPath = "/tmp/" + "x".repeat(520);
      expectError(clone(donor, longPath), "ERROR 1680 (HY000)");
      Path existing = Files.createDirectories(dir.resolve("exists"));
      expectError(
          clone(donor, existing.toString()),
          "ERROR 1007 (HY000) at line 1: Can't create database '"
              + existing
              + "'; database exists");
      expectError(clone(donor, data + "/inside/copy"), "ERROR 3632 (HY000)");
      assertThat(Path.of(data, "inside")).doesNotExist();
      Path file = Files.writeString(dir.resolve("plainfile"), "x");
      expectError(
          clone(donor, file + "/sub/copy"),
          "ERROR 1006 (HY000) at line 1: Can't create database '" + file + "/sub/copy' (errno:");
      Cli.Result denied =
          Cli.mariadb(
              donor.port(), "app", "pw", "CLONE LOCAL DATA DIRECTORY = '" + dir.resolve("d") + "'");
      expectError(
          denied,
          "ERROR 1227 (42000) at line 1: Access denied; you need (at least one of) the"
              + " BACKUP_ADMIN privilege(s) for this operation");
      assertThat(dir.resolve("d")).doesNotExist();
      assertThat(sql(donor, "SELECT COUNT(*) FROM performance_schema.clone_status").stdout())
          .as("validation errors do not touch the status tables")
          .contains("0");

      // A slow clone: a second one is refused, KILL QUERY stops the first within a second.
      sql(donor, "SET GLOBAL clone_max_data_bandwidth = 1; SET GLOBAL clone_buffer_size = 1048576");
      Path slow = dir.resolve("slow");
      // Through stdin with --force, so the session's next statement shows it still works.
      CompletableFuture<Cli.Result> first =
          background(
              () ->
                  Cli.run(
                      List.of("mariadb", "-h127.0.0.1", "-P" + donor.port(), "-uroot", "--force"),
                      "CLONE LOCAL DATA DIRECTORY = '"
                          + slow
                          + "';\nSELECT 'next statement runs';\n",
                      60));
      String pid = awaitRunningClone(donor, first);
      expectError(
          clone(donor, dir.resolve("second").toString()),
          "ERROR 3634 (HY000) at line 1: Too many concurrent clone operations. Maximum allowed - 1.");
      assertThat(dir.resolve("second")).doesNotExist();
      long t0 = System.nanoTime();
      sql(donor, "KILL QUERY " + pid);
      Cli.Result killed = first.get();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
      assertThat(killed.stderr())
          .contains("ERROR 1317 (70100) at line 1: Query execution was interrupted");
      assertThat(killed.stdout()).contains("next statement runs");
      assertThat(slow).as("a killed clone removes its directory").doesNotExist();
      assertThat(
              sql(
                      donor,
                      "SELECT STATE, ERROR_NO, ERROR_MESSAGE FROM performance_schema.clone_status")
                  .stdout())
          .contains("Failed\t1317\tQuery execution was interrupted");
      assertThat(sql(donor, "SELECT STAGE, STATE FROM performance_schema.clone_progress").stdout())
          .contains("DROP DATA\tCompleted", "FILE COPY\tFailed", "PAGE COPY\tNot Started");

      // The donor clones again at once.
      sql(donor, "SET GLOBAL clone_max_data_bandwidth = 0");
      Cli.Result again = clone(donor, slow.toString());
      assertThat(again.exitCode()).as(again.stderr()).isZero();
      assertThat(sql(donor, "SELECT ID, STATE FROM performance_schema.clone_history").stdout())
          .contains("1\tFailed");
    }
  }

  @Test
  void aFullDiskFailsWithErrno28AndRemovesThePartialCopy() throws Exception {
    Path small = Files.createDirectories(dir.resolve("small"));
    Cli.Result mount =
        Cli.run(
            List.of("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", small.toString()), null, 30);
    assumeTrue(mount.exitCode() == 0, "needs to mount a 2 MiB tmpfs: " + mount.stderr());
    try (ServerProcess donor = donor(dir.resolve("donor"), 8)) {
      Cli.Result r = clone(donor, small.resolve("copy").toString());
      expectError(r, "ERROR 1026 (HY000) at line 1: Error writing file '");
      assertThat(r.stderr()).contains("(errno: 28 - No space left on device)");
      assertThat(small.resolve("copy")).doesNotExist();
      Cli.Result again = clone(donor, dir.resolve("roomy").toString());
      assertThat(again.exitCode()).as(again.stderr()).isZero();
    } finally {
      Cli.run(List.of("umount", small.toString()), null, 30);
    }
  }

  @Test
  void aCrashDuringACloneReadsFailedWith1317AfterRestartAndTheCopyIsRefused() throws Exception {
    Path data = dir.resolve("donor");
    Path copy = dir.resolve("crashed");
    try (ServerProcess donor = donor(data, 6)) {
      sql(donor, "SET GLOBAL clone_max_data_bandwidth = 1");
      CompletableFuture<Cli.Result> running = background(() -> clone(donor, copy.toString()));
      awaitRunningClone(donor, running);
      donor.kill();
      running.get();
    }
    try (ServerProcess restarted = ServerProcess.start(data)) {
      assertThat(
              sql(restarted, "SELECT STATE, ERROR_NO FROM performance_schema.clone_status")
                  .stdout())
          .contains("Failed\t1317");
    }
    Cli.Result refused = ServerProcess.refusedStart(copy);
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stdout() + refused.stderr()).contains("incomplete clone");
  }

  @Test
  void ddlWaitsForACloneUnlessCloneDdlTimeoutIsZeroThenItAbortsTheClone() throws Exception {
    try (ServerProcess donor = donor(dir.resolve("donor"), 4)) {
      sql(donor, "CREATE DATABASE d; SET GLOBAL clone_max_data_bandwidth = 1");
      Path waited = dir.resolve("waited");
      CompletableFuture<Cli.Result> first = background(() -> clone(donor, waited.toString()));
      awaitRunningClone(donor, first);
      expectError(
          Cli.mariadb(
              donor.port(),
              "root",
              "",
              "SET SESSION lock_wait_timeout = 1; CREATE TABLE d.t (a INT)"),
          "ERROR 1205 (HY000)");
      assertThat(first.get().exitCode()).as(first.get().stderr()).isZero();

      sql(donor, "SET GLOBAL clone_ddl_timeout = 0");
      Path aborted = dir.resolve("aborted");
      CompletableFuture<Cli.Result> second = background(() -> clone(donor, aborted.toString()));
      awaitRunningClone(donor, second);
      Cli.Result ddl = Cli.mariadb(donor.port(), "root", "", "CREATE TABLE d.t (a INT)");
      assertThat(ddl.exitCode()).as("the DDL goes ahead: " + ddl.stderr()).isZero();
      expectError(
          second.get(),
          "ERROR 3633 (HY000) at line 1: Concurrent DDL is performed during clone operation."
              + " Please try again.");
      assertThat(aborted).doesNotExist();
    }
  }

  @Test
  void aShutdownDuringACloneRemovesThePartialCopyAndReads1053() throws Exception {
    Path data = dir.resolve("donor");
    Path copy = dir.resolve("interrupted");
    try (ServerProcess donor = donor(data, 6)) {
      sql(donor, "SET GLOBAL clone_max_data_bandwidth = 1");
      CompletableFuture<Cli.Result> running = background(() -> clone(donor, copy.toString()));
      awaitRunningClone(donor, running);
      assertThat(donor.stop()).isZero();
      running.get();
    }
    assertThat(copy).as("the partial copy is removed before the server exits").doesNotExist();
    try (ServerProcess restarted = ServerProcess.start(data)) {
      assertThat(
              sql(
                      restarted,
                      "SELECT STATE, ERROR_NO, ERROR_MESSAGE FROM performance_schema.clone_status")
                  .stdout())
          .contains("Failed\t1053\tServer shutdown in progress");
    }
  }

  /** Waits until the clone is In Progress; returns its PID (the cloning connection). */
  private static String awaitRunningClone(ServerProcess donor, CompletableFuture<Cli.Result> clone)
      throws IOException {
    for (int i = 0; i < 100; i++) {
      if (clone.isDone()) {
        Cli.Result r = clone.join();
        throw new AssertionError("the clone ended early: " + r.stdout() + r.stderr());
      }
      Cli.Result r =
          Cli.mariadb(
              donor.port(),
              "root",
              "",
              "SELECT PID FROM performance_schema.clone_status WHERE STATE = 'In Progress'",
              "-N");
      if (!r.stdout().isBlank()) {
        return r.stdout().strip();
      }
      ServerProcess.sleep(100);
    }
    throw new AssertionError("no clone In Progress within 10 s");
  }

  private static void expectError(Cli.Result r, String message) {
    assertThat(r.exitCode()).as(r.stdout()).isNotZero();
    assertThat(r.stderr()).contains(message);
  }

  private static List<Long> numbers(String text, String regex) {
    List<Long> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      out.add(Long.parseLong(m.group(1)));
    }
    return out;
  }

  private interface IoCall<T> {
    T call() throws IOException;
  }

  /** Runs {@code call} on its own thread (the common pool may have a single one here). */
  private static <T> CompletableFuture<T> background(IoCall<T> call) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return call.call();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        },
        r -> Thread.ofPlatform().daemon().start(r));
  }
}
