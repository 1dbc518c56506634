package io.dolly.sql.sysvar;

import static io.dolly.sql.sysvar.SystemVariable.Scope.BOTH;
import static io.dolly.sql.sysvar.SystemVariable.Scope.GLOBAL;
import static io.dolly.sql.sysvar.SystemVariable.Scope.SESSION;
import static io.dolly.sql.sysvar.SystemVariable.bool;
import static io.dolly.sql.sysvar.SystemVariable.decimal;
import static io.dolly.sql.sysvar.SystemVariable.enumeration;
import static io.dolly.sql.sysvar.SystemVariable.filename;
import static io.dolly.sql.sysvar.SystemVariable.integer;
import static io.dolly.sql.sysvar.SystemVariable.string;
import static io.dolly.sql.sysvar.SystemVariable.unsigned;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.charset.Collations;
import java.util.List;

/**
 * The server's own system variables with MySQL 8.0's defaults and limits: everything the common
 * clients query when they connect (Connector/J, MariaDB Connector/J, the mariadb CLI, PyMySQL,
 * sysbench) plus what the server, protocol and InnoDB-like storage need. Values that depend on the
 * running instance (datadir, port, hostname, server_uuid, ...) are filled in at startup.
 */
final class CoreVariables {
  /** MySQL 8.0's default sql_mode. */
  static final String DEFAULT_SQL_MODE =
      "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
          + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

  static final String[] SQL_MODES = {
    "REAL_AS_FLOAT",
    "PIPES_AS_CONCAT",
    "ANSI_QUOTES",
    "IGNORE_SPACE",
    "NOT_USED",
    "ONLY_FULL_GROUP_BY",
    "NO_UNSIGNED_SUBTRACTION",
    "NO_DIR_IN_CREATE",
    "NOT_USED_9",
    "NOT_USED_10",
    "NOT_USED_11",
    "NOT_USED_12",
    "NOT_USED_13",
    "NOT_USED_14",
    "NOT_USED_15",
    "NOT_USED_16",
    "NOT_USED_17",
    "NOT_USED_18",
    "ANSI",
    "NO_AUTO_VALUE_ON_ZERO",
    "NO_BACKSLASH_ESCAPES",
    "STRICT_TRANS_TABLES",
    "STRICT_ALL_TABLES",
    "NO_ZERO_IN_DATE",
    "NO_ZERO_DATE",
    "ALLOW_INVALID_DATES",
    "ERROR_FOR_DIVISION_BY_ZERO",
    "TRADITIONAL",
    "NOT_USED_29",
    "HIGH_NOT_PRECEDENCE",
    "NO_ENGINE_SUBSTITUTION",
    "PAD_CHAR_TO_FULL_LENGTH",
    "TIME_TRUNCATE_FRACTIONAL"
  };

  static final long UNSIGNED_MAX = -1L;
  private static final long YEAR_SECONDS = 31_536_000L;

  private CoreVariables() {}

  private static final SystemVariable.Validator CHARSET =
      (v, value) -> {
        if (value != null && !Collations.isCharset((String) value)) {
          throw new MysqlException(ErrorCode.ER_UNKNOWN_CHARACTER_SET, value);
        }
      };

  private static final SystemVariable.Validator COLLATION =
      (v, value) -> {
        if (value != null) {
          Collations.require((String) value);
        }
      };

  private static SystemVariable charset(String name, SystemVariable.Scope scope, String def) {
    return string(name, scope, def).withValidator(CHARSET);
  }

  private static SystemVariable collation(String name) {
    return string(name, BOTH, "utf8mb4_0900_ai_ci").withValidator(COLLATION);
  }

  static List<SystemVariable> all() {
    return List.of(
        // identity of the server
        string("version", GLOBAL, "8.0.40").asReadOnly(),
        string("version_comment", GLOBAL, "Dolly").asReadOnly(),
        string("version_compile_os", GLOBAL, "Linux").asReadOnly(),
        string("version_compile_machine", GLOBAL, "x86_64").asReadOnly(),
        string("version_compile_zlib", GLOBAL, "1.3.1").asReadOnly(),
        integer("protocol_version", GLOBAL, 10, 0, 255).asReadOnly(),
        string("license", GLOBAL, "GPL").asReadOnly(),
        string("hostname", GLOBAL, "localhost").asReadOnly(),
        unsigned("server_id", GLOBAL, 1, 0, 4_294_967_295L),
        string("server_uuid", GLOBAL, "").asReadOnly(),
        // network
        integer("port", GLOBAL, 3306, 0, 65535).asReadOnly(),
        string("bind_address", GLOBAL, "*").asReadOnly(),
        filename("socket", GLOBAL, "/tmp/mysql.sock").asReadOnly(),
        bool("skip_name_resolve", GLOBAL, true).asReadOnly(),
        bool("skip_networking", GLOBAL, false).asReadOnly(),
        unsigned("max_connections", GLOBAL, 151, 1, 100_000),
        unsigned("max_user_connections", BOTH, 0, 0, 4_294_967_295L),
        unsigned("max_connect_errors", GLOBAL, 100, 1, Long.MAX_VALUE),
        unsigned("max_allowed_packet", BOTH, 67_108_864, 1024, 1_073_741_824).withBlockSize(1024),
        unsigned("net_buffer_length", BOTH, 16_384, 1024, 1_048_576).withBlockSize(1024),
        unsigned("wait_timeout", BOTH, 28_800, 1, YEAR_SECONDS),
        unsigned("interactive_timeout", BOTH, 28_800, 1, YEAR_SECONDS),
        unsigned("connect_timeout", GLOBAL, 10, 2, YEAR_SECONDS),
        unsigned("net_read_timeout", BOTH, 30, 1, YEAR_SECONDS),
        unsigned("net_write_timeout", BOTH, 60, 1, YEAR_SECONDS),
        unsigned("net_retry_count", BOTH, 10, 1, Long.MAX_VALUE),
        unsigned("back_log", GLOBAL, 151, 1, 65535).asReadOnly(),
        string("init_connect", GLOBAL, ""),
        // files
        filename("datadir", GLOBAL, "./").asReadOnly(),
        filename("basedir", GLOBAL, "/").asReadOnly(),
        filename("pid_file", GLOBAL, "").asReadOnly(),
        filename("log_error", GLOBAL, "stderr").asReadOnly(),
        filename("tmpdir", GLOBAL, "/tmp").asReadOnly(),
        filename("character_sets_dir", GLOBAL, "/usr/share/mysql/charsets/").asReadOnly(),
        filename("secure_file_priv", GLOBAL, null).asReadOnly().asNullable(),
        bool("local_infile", GLOBAL, false),
        // SQL behaviour
        bool("autocommit", BOTH, true),
        SystemVariable.set("sql_mode", BOTH, DEFAULT_SQL_MODE, SQL_MODES),
        enumeration(
            "transaction_isolation",
            BOTH,
            "REPEATABLE-READ",
            "READ-UNCOMMITTED",
            "READ-COMMITTED",
            "REPEATABLE-READ",
            "SERIALIZABLE"),
        bool("transaction_read_only", BOTH, false),
        unsigned("auto_increment_increment", BOTH, 1, 1, 65535),
        unsigned("auto_increment_offset", BOTH, 1, 1, 65535),
        unsigned("lower_case_table_names", GLOBAL, 0, 0, 2).asReadOnly(),
        unsigned("max_execution_time", BOTH, 0, 0, 4_294_967_295L),
        bool("explicit_defaults_for_timestamp", BOTH, true),
        unsigned("sql_select_limit", BOTH, UNSIGNED_MAX, 0, UNSIGNED_MAX),
        unsigned("max_join_size", BOTH, UNSIGNED_MAX, 1, UNSIGNED_MAX),
        bool("sql_safe_updates", BOTH, false),
        bool("sql_auto_is_null", BOTH, false),
        bool("sql_notes", BOTH, true),
        bool("sql_quote_show_create", BOTH, true),
        bool("sql_warnings", BOTH, false),
        bool("sql_big_selects", BOTH, true),
        bool("big_tables", BOTH, false),
        bool("foreign_key_checks", BOTH, true),
        bool("unique_checks", BOTH, true),
        bool("sql_log_bin", SESSION, true),
        unsigned("div_precision_increment", BOTH, 4, 0, 30),
        unsigned("group_concat_max_len", BOTH, 1024, 4, UNSIGNED_MAX),
        unsigned("max_sort_length", BOTH, 1024, 4, 8_388_608),
        unsigned("default_week_format", BOTH, 0, 0, 7),
        unsigned("sort_buffer_size", BOTH, 262_144, 32_768, UNSIGNED_MAX),
        unsigned("join_buffer_size", BOTH, 262_144, 128, UNSIGNED_MAX),
        unsigned("read_buffer_size", BOTH, 131_072, 8192, 2_147_479_552),
        unsigned("tmp_table_size", BOTH, 16_777_216, 1024, UNSIGNED_MAX),
        unsigned("max_heap_table_size", BOTH, 16_777_216, 16_384, UNSIGNED_MAX),
        unsigned("table_open_cache", GLOBAL, 4000, 1, 524_288),
        unsigned("thread_cache_size", GLOBAL, 9, 0, 16_384),
        unsigned("open_files_limit", GLOBAL, 1_048_576, 0, UNSIGNED_MAX).asReadOnly(),
        decimal("long_query_time", BOTH, 10, 0, 31_536_000),
        bool("slow_query_log", GLOBAL, false),
        bool("general_log", GLOBAL, false),
        bool("read_only", GLOBAL, false),
        bool("super_read_only", GLOBAL, false),
        bool("offline_mode", GLOBAL, false),
        bool("log_bin", GLOBAL, false).asReadOnly(),
        enumeration("binlog_format", BOTH, "ROW", "MIXED", "STATEMENT", "ROW"),
        enumeration("gtid_mode", GLOBAL, "OFF", "OFF", "OFF_PERMISSIVE", "ON_PERMISSIVE", "ON"),
        string("optimizer_switch", BOTH, "index_merge=on,index_merge_union=on"),
        // character sets and time zones
        charset("character_set_client", BOTH, "utf8mb4"),
        charset("character_set_connection", BOTH, "utf8mb4"),
        charset("character_set_results", BOTH, "utf8mb4").asNullable(),
        charset("character_set_server", BOTH, "utf8mb4"),
        charset("character_set_database", BOTH, "utf8mb4"),
        charset("character_set_system", GLOBAL, "utf8mb3").asReadOnly(),
        charset("character_set_filesystem", BOTH, "binary"),
        collation("collation_connection"),
        collation("collation_server"),
        collation("collation_database"),
        string("time_zone", BOTH, "SYSTEM"),
        string("system_time_zone", GLOBAL, "UTC").asReadOnly(),
        // TLS and authentication
        string("have_ssl", GLOBAL, "YES").asReadOnly(),
        string("have_openssl", GLOBAL, "YES").asReadOnly(),
        filename("ssl_ca", GLOBAL, "").asNullable(),
        filename("ssl_cert", GLOBAL, "").asNullable(),
        filename("ssl_key", GLOBAL, "").asNullable(),
        string("ssl_cipher", GLOBAL, "").asNullable(),
        bool("require_secure_transport", GLOBAL, false),
        string("tls_version", GLOBAL, "TLSv1.2,TLSv1.3"),
        enumeration(
                "default_authentication_plugin",
                GLOBAL,
                "caching_sha2_password",
                "mysql_native_password",
                "sha256_password",
                "caching_sha2_password")
            .asReadOnly(),
        string("authentication_policy", GLOBAL, "*,,"),
        unsigned("default_password_lifetime", GLOBAL, 0, 0, 65535),
        bool("disconnect_on_expired_password", GLOBAL, true).asReadOnly(),
        // storage
        string("default_storage_engine", BOTH, "InnoDB"),
        string("default_tmp_storage_engine", BOTH, "InnoDB"),
        unsigned("innodb_page_size", GLOBAL, 16_384, 4096, 65_536).asReadOnly(),
        unsigned("innodb_buffer_pool_size", GLOBAL, 134_217_728, 5_242_880, Long.MAX_VALUE),
        // Replaced by innodb_redo_log_capacity in 8.0.30 but still known, read-only, to scripts.
        unsigned("innodb_log_file_size", GLOBAL, 50_331_648, 4_194_304, 549_755_813_888L)
            .asReadOnly(),
        unsigned("innodb_redo_log_capacity", GLOBAL, 104_857_600, 8_388_608, 137_438_953_472L),
        unsigned("innodb_flush_log_at_trx_commit", GLOBAL, 1, 0, 2),
        unsigned("innodb_lock_wait_timeout", BOTH, 50, 1, 1_073_741_824),
        bool("innodb_file_per_table", GLOBAL, true),
        bool("innodb_read_only", GLOBAL, false).asReadOnly(),
        string("innodb_version", GLOBAL, "8.0.40").asReadOnly(),
        unsigned("lock_wait_timeout", BOTH, YEAR_SECONDS, 1, YEAR_SECONDS),
        bool("performance_schema", GLOBAL, true).asReadOnly(),
        // session state tracking (OK packet session-state info)
        bool("session_track_schema", BOTH, true),
        bool("session_track_state_change", BOTH, false),
        string(
            "session_track_system_variables",
            BOTH,
            "time_zone,autocommit,character_set_client,character_set_results,"
                + "character_set_connection"),
        enumeration(
            "session_track_transaction_info", BOTH, "OFF", "OFF", "STATE", "CHARACTERISTICS"),
        enumeration("session_track_gtids", BOTH, "OFF", "OFF", "OWN_GTID", "ALL_GTIDS"),
        // per-session values the session itself keeps
        unsigned("last_insert_id", SESSION, 0, 0, UNSIGNED_MAX),
        unsigned("identity", SESSION, 0, 0, UNSIGNED_MAX),
        unsigned("insert_id", SESSION, 0, 0, UNSIGNED_MAX),
        decimal("timestamp", SESSION, 0, 0, 2_147_483_647),
        unsigned("pseudo_thread_id", SESSION, 0, 0, 2_147_483_647),
        unsigned("warning_count", SESSION, 0, 0, UNSIGNED_MAX).asReadOnly(),
        unsigned("error_count", SESSION, 0, 0, UNSIGNED_MAX).asReadOnly());
  }
}
