package io.dolly.clone;

import java.util.List;
import java.util.Optional;

/**
 * The {@code clone_*} system variables (CLONE.md §3) with MySQL 8.0's defaults, ranges, steps and
 * descriptions, except {@code clone_block_ddl}, which defaults to ON in Dolly until non-blocking
 * concurrent DDL exists.
 */
public final class CloneVariables {
  public static final long MIB = 1024 * 1024;

  public static final CloneVariable AUTOTUNE_CONCURRENCY =
      CloneVariable.bool(
          "clone_autotune_concurrency", true, "If concurrency is automatically tuned");
  public static final CloneVariable BLOCK_DDL =
      CloneVariable.bool("clone_block_ddl", true, "If clone should block concurrent DDL");
  public static final CloneVariable BUFFER_SIZE =
      CloneVariable.unsigned(
          "clone_buffer_size",
          4 * MIB,
          MIB,
          256 * MIB,
          MIB,
          "bytes",
          "buffer size used by clone for data transfer");
  public static final CloneVariable DDL_TIMEOUT =
      CloneVariable.unsigned(
          "clone_ddl_timeout",
          300,
          0,
          60 * 60 * 24 * 30,
          1,
          "seconds",
          "Time in seconds to wait for DDL lock");
  public static final CloneVariable DELAY_AFTER_DATA_DROP =
      CloneVariable.unsigned(
          "clone_delay_after_data_drop",
          0,
          0,
          3600,
          1,
          "seconds",
          "Time in seconds to wait after removing data.");
  public static final CloneVariable DONOR_TIMEOUT_AFTER_NETWORK_FAILURE =
      CloneVariable.unsigned(
          "clone_donor_timeout_after_network_failure",
          5,
          0,
          30,
          1,
          "minutes",
          "Time in minutes up to which donor allows recipient to re-connect and restart cloning"
              + " after network failure.");
  public static final CloneVariable ENABLE_COMPRESSION =
      CloneVariable.bool("clone_enable_compression", false, "If compression is done at network");
  public static final CloneVariable MAX_CONCURRENCY =
      CloneVariable.unsigned(
          "clone_max_concurrency",
          16,
          1,
          128,
          1,
          "threads",
          "Maximum number of concurrent threads for clone");
  public static final CloneVariable MAX_DATA_BANDWIDTH =
      CloneVariable.unsigned(
          "clone_max_data_bandwidth",
          0,
          0,
          1024 * 1024,
          1,
          "MiB/s",
          "Maximum File data bandwidth for clone in MiB/sec");
  public static final CloneVariable MAX_NETWORK_BANDWIDTH =
      CloneVariable.unsigned(
          "clone_max_network_bandwidth",
          0,
          0,
          1024 * 1024,
          1,
          "MiB/s",
          "Maximum network bandwidth for clone in MiB/sec");
  public static final CloneVariable SSL_CA =
      CloneVariable.string(
          "clone_ssl_ca", null, "SSL path name for Certificate Authority (CA) file");
  public static final CloneVariable SSL_CERT =
      CloneVariable.string(
          "clone_ssl_cert", null, "SSL path name of the public key certificate file");
  public static final CloneVariable SSL_KEY =
      CloneVariable.string("clone_ssl_key", null, "SSL path name of the SSL private key file");
  public static final CloneVariable VALID_DONOR_LIST =
      CloneVariable.string(
          "clone_valid_donor_list",
          null,
          "List of valid donor addresses allowed to clone from HOST1:PORT1,HOST2:PORT2,...");

  /** Every clone variable, in name order (as SHOW VARIABLES lists them). */
  public static final List<CloneVariable> ALL =
      List.of(
          AUTOTUNE_CONCURRENCY,
          BLOCK_DDL,
          BUFFER_SIZE,
          DDL_TIMEOUT,
          DELAY_AFTER_DATA_DROP,
          DONOR_TIMEOUT_AFTER_NETWORK_FAILURE,
          ENABLE_COMPRESSION,
          MAX_CONCURRENCY,
          MAX_DATA_BANDWIDTH,
          MAX_NETWORK_BANDWIDTH,
          SSL_CA,
          SSL_CERT,
          SSL_KEY,
          VALID_DONOR_LIST);

  private CloneVariables() {}

  public static Optional<CloneVariable> byName(String name) {
    return ALL.stream().filter(v -> v.name().equalsIgnoreCase(name)).findFirst();
  }
}
