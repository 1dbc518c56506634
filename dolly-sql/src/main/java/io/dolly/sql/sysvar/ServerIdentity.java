package io.dolly.sql.sysvar;

/**
 * The facts about the running instance that read-only variables report, set once at startup by the
 * server before persisted values are loaded.
 *
 * @param version the MySQL version Dolly presents (8.0.x; clone checks donor and recipient match)
 * @param serverUuid the instance's UUID ({@code auto.cnf}), text form
 * @param tlsAvailable false makes have_ssl/have_openssl report DISABLED
 */
public record ServerIdentity(
    String version,
    String hostname,
    int port,
    String bindAddress,
    String datadir,
    String basedir,
    String pidFile,
    String socket,
    String tmpdir,
    String logError,
    String serverUuid,
    long serverId,
    boolean tlsAvailable) {

  /** Stores the identity in the read-only variables (and server_id's starting value). */
  public void applyTo(SystemVariables variables) {
    variables.setStartupValue("version", version);
    variables.setStartupValue("innodb_version", version);
    variables.setStartupValue("hostname", hostname);
    variables.setStartupValue("port", (long) port);
    variables.setStartupValue("bind_address", bindAddress);
    // MySQL prints datadir with a trailing slash.
    variables.setStartupValue("datadir", datadir.endsWith("/") ? datadir : datadir + "/");
    variables.setStartupValue("basedir", basedir.endsWith("/") ? basedir : basedir + "/");
    variables.setStartupValue("pid_file", pidFile);
    variables.setStartupValue("socket", socket);
    variables.setStartupValue("tmpdir", tmpdir);
    variables.setStartupValue("log_error", logError);
    variables.setStartupValue("server_uuid", serverUuid);
    variables.setStartupValue("server_id", serverId);
    String ssl = tlsAvailable ? "YES" : "DISABLED";
    variables.setStartupValue("have_ssl", ssl);
    variables.setStartupValue("have_openssl", ssl);
  }
}
