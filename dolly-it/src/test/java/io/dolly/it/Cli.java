package io.dolly.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs an external client program (the mariadb CLI, PyMySQL under /usr/bin/python3, sysbench) and
 * collects what it printed. In CI ({@code CI=true}) a missing program is a failure: {@code .ci/run}
 * installs them; on a developer's machine the test is skipped with the reason.
 */
final class Cli {
  record Result(int exitCode, String stdout, String stderr) {}

  private Cli() {}

  static void require(String program) {
    boolean present = Files.isExecutable(Path.of(program)) || onPath(program);
    if (!present) {
      if ("true".equals(System.getenv("CI"))) {
        fail(program + " is not installed; .ci/run must install it");
      }
      Assumptions.abort(program + " is not installed here");
    }
  }

  static void requirePython(String module) {
    require("/usr/bin/python3");
    try {
      Result r = run(List.of("/usr/bin/python3", "-c", "import " + module), null, 30);
      if (r.exitCode() != 0) {
        if ("true".equals(System.getenv("CI"))) {
          fail("python3 module " + module + " is not installed; .ci/run must install it");
        }
        Assumptions.abort("python3 module " + module + " is not installed here");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  static Result run(List<String> command, String stdin, int timeoutSeconds) throws IOException {
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (stdin != null) {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(command + " did not finish in " + timeoutSeconds + " s");
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * Runs {@code command} with its standard input and output connected to files, byte for byte (a
   * dump holds binary values that are not text); returns the exit code and what it wrote to stderr.
   */
  static Result runWithFiles(List<String> command, Path stdin, Path stdout, int timeoutSeconds)
      throws IOException {
    Path err = Files.createTempFile("cli-err", ".txt");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
      pb.redirectInput(
          stdin == null
              ? ProcessBuilder.Redirect.PIPE
              : ProcessBuilder.Redirect.from(stdin.toFile()));
      pb.redirectOutput(
          stdout == null
              ? ProcessBuilder.Redirect.DISCARD
              : ProcessBuilder.Redirect.to(stdout.toFile()));
      Process p = pb.start();
      if (stdin == null) {
        p.getOutputStream().close();
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(command + " did not finish in " + timeoutSeconds + " s");
      }
      return new Result(p.exitValue(), "", Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      Files.deleteIfExists(err);
    }
  }

  /** {@code mariadb -h127.0.0.1 -P<port> -u<user> [-p<pw>] <extra...> -e <sql>}. */
  static Result mariadb(int port, String user, String password, String sql, String... extra)
      throws IOException {
    require("mariadb");
    List<String> cmd =
        new java.util.ArrayList<>(List.of("mariadb", "-h127.0.0.1", "-P" + port, "-u" + user));
    if (password != null && !password.isEmpty()) {
      cmd.add("-p" + password);
    }
    cmd.addAll(List.of(extra));
    cmd.add("-e");
    cmd.add(sql);
    return run(cmd, null, 60);
  }

  /** Runs a Python 3 script with the Debian interpreter (which has PyMySQL). */
  static Result python(String script, String... args) throws IOException {
    requirePython("pymysql");
    List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/python3", "-c", script));
    cmd.addAll(List.of(args));
    return run(cmd, null, 120);
  }
}
