package io.dolly.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Dolly server started the way a user starts one — {@code ./dolly server ...} — in its own
 * process, on a free loopback port and a data directory of the test's choosing.
 */
final class ServerProcess implements AutoCloseable {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final int port;
  private final Path datadir;
  private final Path log;

  private ServerProcess(Process process, int port, Path datadir, Path log) {
    this.process = process;
    this.port = port;
    this.datadir = datadir;
    this.log = log;
  }

  /** Starts a server on {@code datadir} and waits until it accepts connections. */
  static ServerProcess start(Path datadir, String... extraArgs) throws IOException {
    int port = freePort();
    List<String> args = new ArrayList<>();
    args.add("--datadir=" + datadir);
    args.add("--port=" + port);
    args.addAll(List.of(extraArgs));
    return startWithArgs(datadir, port, args);
  }

  /** As {@link #start}, with JVM options (such as test-only {@code -D} properties) added. */
  static ServerProcess startWithJavaOptions(Path datadir, String javaOptions, String... extraArgs)
      throws IOException {
    int port = freePort();
    List<String> args = new ArrayList<>();
    args.add("--datadir=" + datadir);
    args.add("--port=" + port);
    args.addAll(List.of(extraArgs));
    return startWithArgs(datadir, port, args, javaOptions);
  }

  static ServerProcess startWithArgs(Path datadir, int port, List<String> serverArgs)
      throws IOException {
    return startWithArgs(datadir, port, serverArgs, "");
  }

  private static ServerProcess startWithArgs(
      Path datadir, int port, List<String> serverArgs, String javaOptions) throws IOException {
    ServerProcess server = launch(datadir, port, serverArgs, javaOptions);
    server.awaitReady();
    return server;
  }

  /**
   * Starts a server on each of {@code datadirs} at once and waits until all accept connections:
   * starting (key generation, initialization) is most of a short test's time, and two starts
   * overlap well. If one fails, the others are stopped.
   */
  static List<ServerProcess> startAll(Path... datadirs) throws IOException {
    List<ServerProcess> servers = new ArrayList<>();
    try {
      for (Path datadir : datadirs) {
        int port = freePort();
        servers.add(launch(datadir, port, List.of("--datadir=" + datadir, "--port=" + port), ""));
      }
      for (ServerProcess server : servers) {
        server.awaitReady();
      }
      return servers;
    } catch (IOException | RuntimeException | Error e) {
      servers.forEach(ServerProcess::close);
      throw e;
    }
  }

  /** Starts the process without waiting for it to accept connections. */
  private static ServerProcess launch(
      Path datadir, int port, List<String> serverArgs, String javaOptions) throws IOException {
    Path logDir = ROOT.resolve("dolly-it/target/server-logs");
    Files.createDirectories(logDir);
    Path log = Files.createTempFile(logDir, "server-" + port + "-", ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(ROOT.resolve("dolly").toString());
    cmd.add("server");
    cmd.addAll(serverArgs);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("DOLLY_SKIP_BUILD", "1");
    pb.environment().put("DOLLY_JAVA_OPTS", ("-Xmx512m " + javaOptions).strip());
    return new ServerProcess(pb.start(), port, datadir, log);
  }

  /**
   * Runs {@code ./dolly server --datadir=DIR --port=<free> EXTRA...} expecting it to refuse to
   * start, and returns what it printed and its exit code.
   */
  static Cli.Result refusedStart(Path datadir, String... extra) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ROOT.resolve("dolly").toString());
    cmd.add("server");
    cmd.add("--datadir=" + datadir);
    cmd.add("--port=" + freePort());
    cmd.addAll(List.of(extra));
    return Cli.run(cmd, null, 60);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail(
            "server exited with "
                + process.exitValue()
                + " before accepting connections:\n"
                + output());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    process.destroyForcibly();
    fail("server did not accept connections within " + START_TIMEOUT + ":\n" + output());
  }

  int port() {
    return port;
  }

  Path datadir() {
    return datadir;
  }

  Process process() {
    return process;
  }

  /** Everything the server printed so far. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  Connection connectorJ(String user, String password, String params) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mysql://127.0.0.1:" + port + "/" + (params.isEmpty() ? "" : "?" + params),
        user,
        password);
  }

  Connection mariadbJ(String user, String password, String params) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mariadb://127.0.0.1:" + port + "/" + (params.isEmpty() ? "" : "?" + params),
        user,
        password);
  }

  /** Root over Connector/J with its defaults (TLS, caching_sha2_password). */
  Connection root() throws SQLException {
    return connectorJ("root", "", "");
  }

  /** Sends SIGTERM and waits for a clean exit; returns the exit code. */
  int stop() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("server ignored SIGTERM for 60 s:\n" + output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return process.exitValue();
  }

  /** SIGKILL, as a crash. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
