package io.dolly.server;

import io.dolly.clone.CloneSlot;
import io.dolly.clone.donor.DonorService;
import io.dolly.clone.status.CloneStatusBoard;
import io.dolly.clone.status.IncompleteCloneMarker;
import io.dolly.protocol.auth.AuthPlugin;
import io.dolly.protocol.auth.CachingSha2Cache;
import io.dolly.protocol.auth.PasswordHasher;
import io.dolly.protocol.auth.RsaKeys;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.server.HandshakeSettings;
import io.dolly.protocol.server.ServerHandshake;
import io.dolly.protocol.tls.CertificateFiles;
import io.dolly.protocol.tls.TlsContexts;
import io.dolly.server.clone.CloneInstanceStatement;
import io.dolly.server.clone.CloneLocalStatement;
import io.dolly.server.clone.InPlaceProvisioning;
import io.dolly.server.config.ServerOptions;
import io.dolly.sql.account.AccountStore;
import io.dolly.sql.ast.Admin;
import io.dolly.sql.exec.SqlEngine;
import io.dolly.sql.sysvar.ServerIdentity;
import io.dolly.sql.sysvar.SystemVariables;
import io.dolly.storage.space.TablespaceRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server process from start to exit: options, data directory, first-start initialization, TLS
 * material, the SQL engine, the listener; then waits for SIGTERM/SIGINT or SHUTDOWN and stops
 * cleanly.
 */
final class DollyServer {
  private static final Logger log = LoggerFactory.getLogger("Server");

  /**
   * What {@link #serve} returns for an in-process restart (in-place clone) rather than an exit
   * code: the data directory stays locked and everything else starts again, as after a real
   * restart.
   */
  private static final int RESTART = -1;

  /** How long a restart waits for sessions to end before it closes the engine under them. */
  private static final Duration SESSION_END_WAIT = Duration.ofSeconds(10);

  private DollyServer() {}

  /** Runs the server until it is told to stop; returns the process exit code. */
  static int run(List<String> args) {
    ServerOptions options;
    try {
      options = ServerOptions.parse(args);
    } catch (IOException | IllegalArgumentException e) {
      log.error("{}", e.getMessage());
      log.error("Aborting");
      return 1;
    }
    DataDirectory datadir;
    try {
      datadir = DataDirectory.lock(options.datadir());
    } catch (StartupException e) {
      log.error("{}", e.getMessage());
      log.error("Aborting");
      return 1;
    }
    ErrorLog.start(datadir.errorLog());
    try {
      int code;
      // Only the first start may find the directory fresh: a restart finds what that one made.
      boolean fresh = datadir.isFresh();
      StopSignal stop = StopSignal.install();
      while ((code = serve(options, datadir, fresh, stop)) == RESTART) {
        fresh = false;
        log.info("Restarting in-process (Dolly {})", ServerVersion.FULL);
      }
      return code;
    } catch (StartupException e) {
      log.error("{}", e.getMessage());
      log.error("Aborting");
      return 1;
    } catch (IOException | RuntimeException e) {
      log.error("Server failed: {}", e.toString(), e);
      return 1;
    } finally {
      datadir.close();
      ErrorLog.stop();
    }
  }

  private static int serve(
      ServerOptions options, DataDirectory datadir, boolean fresh, StopSignal stop)
      throws IOException {
    Path dir = datadir.path();
    log.info(
        "Dolly {} starting as process {} on data directory {}",
        ServerVersion.FULL,
        ProcessHandle.current().pid(),
        dir);
    // Before anything reads the directory: an in-place swap is finished or rolled back here.
    Optional<InPlaceProvisioning.Pending> swap =
        InPlaceProvisioning.resumeAtStart(dir, InstantSource.system());
    IncompleteCloneMarker.refusalReason(dir)
        .ifPresent(
            reason -> {
              throw new StartupException(reason);
            });
    SystemVariables variables = SystemVariables.withCoreVariables();
    CloneSurface.registerVariables(variables);
    applyOptions(options, variables);
    // As in MySQL, SET PERSIST values override the option file and command line.
    variables.loadPersisted(dir);

    try {
      return serveInstance(options, datadir, fresh, variables, swap, stop);
    } catch (RuntimeException | IOException e) {
      if (swap.isPresent() && !swap.get().isSettled()) {
        // The swapped-in instance did not open: back to the old one, and start again on it.
        swap.get().failed(e);
        return RESTART;
      }
      throw e;
    }
  }

  /**
   * Opens the instance in the data directory and serves it. With a swap pending, the new instance's
   * accounts and engine open here; the swap is reported recovered once they did.
   */
  private static int serveInstance(
      ServerOptions options,
      DataDirectory datadir,
      boolean fresh,
      SystemVariables variables,
      Optional<InPlaceProvisioning.Pending> swap,
      StopSignal stop)
      throws IOException {
    Path dir = datadir.path();
    CachingSha2Cache cache = new CachingSha2Cache();
    // Accounts live in mysql.ibd's grant tables and load when storage attaches; what is in memory
    // now (the new root, or an old directory's mysql/accounts) is written there if they are empty.
    AccountStore accounts = AccountStore.open(dir, PasswordHasher::hash);
    if (fresh) {
      initialize(options, accounts);
    } else if (accounts.isEmpty() && !Files.exists(dir.resolve(TablespaceRegistry.SYSTEM_FILE))) {
      throw new StartupException(
          "The data directory '"
              + dir
              + "' is not empty and holds no Dolly instance; give an empty or new --datadir.");
    }
    // A changed or dropped account must not log in from a stale fast-auth digest.
    accounts.onChange(cache::clear);

    SSLContext tls = tlsContext(variables, dir);
    RsaKeys rsa = RsaKeys.loadOrGenerate(dir);
    new ServerIdentity(
            ServerVersion.FULL,
            hostname(),
            options.port(),
            options.bindAddress(),
            dir.toString(),
            System.getProperty("user.dir"),
            dir.resolve(DataDirectory.PID_FILE).toString(),
            "",
            System.getProperty("java.io.tmpdir"),
            datadir.errorLog().toString(),
            datadir.serverUuid(),
            1,
            tls != null)
        .applyTo(variables);
    variables.setStartupValue("version_comment", ServerVersion.COMMENT);

    try (StorageStartup.Storage storage = StorageStartup.open(dir, variables)) {
      if (swap.isPresent()) {
        swap.get().recovered(stop::requested);
      }
      return listen(options, variables, accounts, cache, tls, rsa, storage, stop);
    }
  }

  /** Serves connections until shutdown, with storage open and everything else ready. */
  private static int listen(
      ServerOptions options,
      SystemVariables variables,
      AccountStore accounts,
      CachingSha2Cache cache,
      SSLContext tls,
      RsaKeys rsa,
      StorageStartup.Storage storage,
      StopSignal stop)
      throws IOException {
    Path dir = storage.engine().datadir();
    ServerRuntime runtime =
        new ServerRuntime(() -> ((Number) variables.global("max_connections")).intValue());
    SqlEngine engine = new SqlEngine(runtime, accounts, variables);
    engine.attachStorage(storage.engine(), storage.transactions(), storage.dictionary());
    CloneStatusBoard board = CloneSurface.registerTables(engine, dir);
    CloneSlot cloneSlot = new CloneSlot();
    CloneLocalStatement cloneLocal =
        new CloneLocalStatement(storage.engine(), board, variables, cloneSlot);
    engine.registerHandler(Admin.CloneLocal.class, cloneLocal);
    int pageSize = storage.engine().pageSize();
    InPlaceProvisioning provisioning =
        new InPlaceProvisioning(
            dir,
            board,
            () -> ((Number) variables.global("clone_delay_after_data_drop")).longValue(),
            runtime::restartInProcess);
    CloneInstanceStatement cloneInstance =
        new CloneInstanceStatement(
            dir,
            board,
            variables,
            cloneSlot,
            provisioning,
            () -> CloneConfigs.recipient(variables, pageSize));
    engine.registerHandler(Admin.CloneInstance.class, cloneInstance);
    runtime.attachDonor(
        new DonorService(
            storage.engine(),
            CloneLocalStatement.INSTANCE_FILES,
            cloneSlot,
            () -> CloneConfigs.donor(variables)));
    HandshakeSettings settings =
        HandshakeSettings.of(ServerVersion.FULL, accounts, cache, tls, rsa)
            .withDatabaseExists(engine::schemaExists)
            .withRequireSecureTransport(isOn(variables.global("require_secure_transport")));
    runtime.attach(engine, new ServerHandshake(settings));
    variables.onGlobalChange(
        "require_secure_transport",
        value ->
            runtime.replaceHandshake(
                new ServerHandshake(
                    runtime.handshake().settings().withRequireSecureTransport(isOn(value)))));

    try (Listener listener = new Listener(options.bindAddress(), options.port(), runtime)) {
      stop.serving(runtime);
      listener.start();
      log.info(
          "ready for connections. Version: '{}'  socket: ''  port: {}  {}",
          ServerVersion.FULL,
          listener.port(),
          ServerVersion.COMMENT);
      try {
        runtime.awaitShutdown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!runtime.restartRequested()) {
        log.info("Shutting down: closing {} connections", runtime.sessions().size());
      }
    }
    // A clone still running stops and removes its partial directory before the engine closes.
    cloneLocal.close();
    cloneInstance.close();
    runtime.donor().shutdown(Duration.ofSeconds(10));
    if (runtime.restartRequested()) {
      try {
        if (!runtime.sessions().awaitEmpty(SESSION_END_WAIT)) {
          log.warn(
              "{} sessions still running after {}", runtime.sessions().size(), SESSION_END_WAIT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return RESTART;
    }
    log.info("Shutdown complete (Dolly {})", ServerVersion.FULL);
    return 0;
  }

  /** Command-line and option-file settings become the variables' startup values. */
  private static void applyOptions(ServerOptions options, SystemVariables variables) {
    for (Map.Entry<String, String> e : options.systemVariables().entrySet()) {
      if (variables.find(e.getKey()).isEmpty()) {
        if (options.isLoose(e.getKey())) {
          log.warn("unknown variable 'loose_{}={}' ignored", e.getKey(), e.getValue());
          continue;
        }
        throw new StartupException("unknown variable '" + e.getKey() + "=" + e.getValue() + "'.");
      }
      try {
        variables.setStartupText(
            e.getKey(), e.getValue(), w -> log.warn("option --{}: {}", e.getKey(), w.message()));
      } catch (MysqlException bad) {
        throw new StartupException(
            "invalid value for --" + e.getKey() + ": " + bad.getMessage(), bad);
      }
    }
  }

  private static void initialize(ServerOptions options, AccountStore accounts) {
    boolean loopback;
    try {
      loopback = InetAddress.getByName(options.bindAddress()).isLoopbackAddress();
    } catch (IOException e) {
      loopback = false;
    }
    boolean insecure =
        options.flag("initialize_insecure") || (!options.flag("initialize") && loopback);
    String password = accounts.initialize(insecure, AuthPlugin.CACHING_SHA2_PASSWORD);
    if (insecure) {
      log.warn(
          "root@localhost is created with an empty password ! Please consider switching off the"
              + " --initialize-insecure option.");
    } else {
      log.info("A temporary password is generated for root@localhost: {}", password);
    }
  }

  /**
   * The server's TLS context: {@code ssl_cert}/{@code ssl_key} (and {@code ssl_ca}) when set,
   * otherwise certificates generated into the data directory on first start, as MySQL's
   * auto_generate_certs does.
   */
  private static SSLContext tlsContext(SystemVariables variables, Path dir) throws IOException {
    String cert = text(variables.global("ssl_cert"));
    String key = text(variables.global("ssl_key"));
    String ca = text(variables.global("ssl_ca"));
    if (!cert.isEmpty() && !key.isEmpty()) {
      return TlsContexts.server(Path.of(cert), Path.of(key), ca.isEmpty() ? null : Path.of(ca));
    }
    CertificateFiles files = new CertificateFiles(dir);
    if (files.generateIfAbsent(ServerVersion.MYSQL)) {
      log.info("generated TLS certificates in {} (ca.pem, server-cert.pem, client-cert.pem)", dir);
    }
    variables.setStartupValue("ssl_ca", files.caCert().toString());
    variables.setStartupValue("ssl_cert", files.serverCert().toString());
    variables.setStartupValue("ssl_key", files.serverKey().toString());
    return Files.exists(files.serverCert()) ? TlsContexts.server(files) : null;
  }

  private static boolean isOn(Object v) {
    return v instanceof Boolean b ? b : v instanceof Number n && n.longValue() != 0;
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private static String text(Object v) {
    return v == null ? "" : v.toString();
  }
}
