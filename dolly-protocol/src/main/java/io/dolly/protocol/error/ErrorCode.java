package io.dolly.protocol.error;

/**
 * Every MySQL error Dolly reports: number, SQLSTATE and message format, exactly as MySQL 8.0's
 * {@code share/messages_to_clients.txt} has them, so that clients and scripts that match on any of
 * the three keep working. Formats use {@link String#format} conversions ({@code %s}, {@code %d}).
 *
 * <p>This is the one table of errors in the project; add new entries here (in number order) rather
 * than writing numbers or messages elsewhere.
 */
public enum ErrorCode {
  ER_CANT_CREATE_FILE(1004, "HY000", "Can't create file '%s' (errno: %d - %s)"),
  ER_CANT_CREATE_DB(1006, "HY000", "Can't create database '%s' (errno: %d - %s)"),
  ER_DB_CREATE_EXISTS(1007, "HY000", "Can't create database '%s'; database exists"),
  ER_DB_DROP_EXISTS(1008, "HY000", "Can't drop database '%s'; database doesn't exist"),
  ER_CANT_OPEN_FILE(1016, "HY000", "Can't open file: '%s' (errno: %d - %s)"),
  ER_ERROR_ON_READ(1024, "HY000", "Error reading file '%s' (errno: %d - %s)"),
  ER_ERROR_ON_RENAME(1025, "HY000", "Error on rename of '%s' to '%s' (errno: %d - %s)"),
  ER_ERROR_ON_WRITE(1026, "HY000", "Error writing file '%s' (errno: %d - %s)"),
  ER_ILLEGAL_HA(1031, "HY000", "Table storage engine for '%s' doesn't have this option"),
  ER_OUT_OF_RESOURCES(
      1041,
      "HY000",
      "Out of memory; check if mysqld or some other process uses all available memory; if not, you may have to use 'ulimit' to allow mysqld to use more memory or you can add more swap space"),
  ER_CON_COUNT_ERROR(1040, "08004", "Too many connections"),
  ER_BAD_HOST_ERROR(1042, "08S01", "Can't get hostname for your address"),
  ER_HANDSHAKE_ERROR(1043, "08S01", "Bad handshake"),
  ER_DBACCESS_DENIED_ERROR(1044, "42000", "Access denied for user '%s'@'%s' to database '%s'"),
  ER_ACCESS_DENIED_ERROR(1045, "28000", "Access denied for user '%s'@'%s' (using password: %s)"),
  ER_NO_DB_ERROR(1046, "3D000", "No database selected"),
  ER_UNKNOWN_COM_ERROR(1047, "08S01", "Unknown command"),
  ER_BAD_NULL_ERROR(1048, "23000", "Column '%s' cannot be null"),
  ER_BAD_DB_ERROR(1049, "42000", "Unknown database '%s'"),
  ER_TABLE_EXISTS_ERROR(1050, "42S01", "Table '%s' already exists"),
  ER_BAD_TABLE_ERROR(1051, "42S02", "Unknown table '%s'"),
  ER_NON_UNIQ_ERROR(1052, "23000", "Column '%s' in %s is ambiguous"),
  ER_SERVER_SHUTDOWN(1053, "08S01", "Server shutdown in progress"),
  ER_BAD_FIELD_ERROR(1054, "42S22", "Unknown column '%s' in '%s'"),
  ER_WRONG_FIELD_WITH_GROUP(1055, "42000", "'%s' isn't in GROUP BY"),
  ER_DUP_FIELDNAME(1060, "42S21", "Duplicate column name '%s'"),
  ER_DUP_KEYNAME(1061, "42000", "Duplicate key name '%s'"),
  ER_DUP_ENTRY(1062, "23000", "Duplicate entry '%s' for key '%s'"),
  ER_WRONG_FIELD_SPEC(1063, "42000", "Incorrect column specifier for column '%s'"),
  ER_PARSE_ERROR(1064, "42000", "%s near '%s' at line %d"),
  ER_EMPTY_QUERY(1065, "42000", "Query was empty"),
  ER_NONUNIQ_TABLE(1066, "42000", "Not unique table/alias: '%s'"),
  ER_INVALID_DEFAULT(1067, "42000", "Invalid default value for '%s'"),
  ER_MULTIPLE_PRI_KEY(1068, "42000", "Multiple primary key defined"),
  ER_TOO_LONG_KEY(1071, "42000", "Specified key was too long; max key length is %d bytes"),
  ER_KEY_COLUMN_DOES_NOT_EXITS(1072, "42000", "Key column '%s' doesn't exist in table"),
  ER_WRONG_AUTO_KEY(
      1075,
      "42000",
      "Incorrect table definition; there can be only one auto column and it must be defined as a key"),
  ER_FILE_EXISTS_ERROR(1086, "HY000", "File '%s' already exists"),
  ER_CANT_REMOVE_ALL_FIELDS(
      1090, "42000", "You can't delete all columns with ALTER TABLE; use DROP TABLE instead"),
  ER_CANT_DROP_FIELD_OR_KEY(1091, "42000", "Can't DROP '%s'; check that column/key exists"),
  ER_NO_SUCH_THREAD(1094, "HY000", "Unknown thread id: %d"),
  ER_KILL_DENIED_ERROR(1095, "HY000", "You are not owner of thread %d"),
  ER_NO_TABLES_USED(1096, "HY000", "No tables used"),
  ER_TABLE_NOT_LOCKED_FOR_WRITE(
      1099, "HY000", "Table '%s' was locked with a READ lock and can't be updated"),
  ER_TABLE_NOT_LOCKED(1100, "HY000", "Table '%s' was not locked with LOCK TABLES"),
  ER_BLOB_CANT_HAVE_DEFAULT(
      1101, "42000", "BLOB, TEXT, GEOMETRY or JSON column '%s' can't have a default value"),
  ER_UNKNOWN_ERROR(1105, "HY000", "Unknown error"),
  ER_TABLE_MUST_HAVE_COLUMNS(1113, "42000", "A table must have at least 1 column"),
  ER_RECORD_FILE_FULL(1114, "HY000", "The table '%s' is full"),
  ER_TOO_BIG_ROWSIZE(
      1118,
      "42000",
      "Row size too large. The maximum row size for the used table type, not counting BLOBs, is %d. This includes storage overhead, check the manual. You have to change some columns to TEXT or BLOBs"),
  ER_PASSWORD_NO_MATCH(1133, "42000", "Can't find any matching row in the user table"),
  ER_WRONG_VALUE_COUNT_ON_ROW(1136, "21S01", "Column count doesn't match value count at row %d"),
  ER_INVALID_USE_OF_NULL(1138, "22004", "Invalid use of NULL value"),
  ER_NONEXISTING_GRANT(1141, "42000", "There is no such grant defined for user '%s' on host '%s'"),
  ER_TABLEACCESS_DENIED_ERROR(1142, "42000", "%s command denied to user '%s'@'%s' for table '%s'"),
  ER_COLUMNACCESS_DENIED_ERROR(
      1143, "42000", "%s command denied to user '%s'@'%s' for column '%s' in table '%s'"),
  ER_ILLEGAL_GRANT_FOR_TABLE(
      1144,
      "42000",
      "Illegal GRANT/REVOKE command; please consult the manual to see which privileges can be used"),
  ER_NO_SUCH_TABLE(1146, "42S02", "Table '%s.%s' doesn't exist"),
  ER_NONEXISTING_TABLE_GRANT(
      1147, "42000", "There is no such grant defined for user '%s' on host '%s' on table '%s'"),
  ER_NET_PACKET_TOO_LARGE(1153, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes"),
  ER_NET_READ_ERROR_FROM_PIPE(1154, "08S01", "Got a read error from the connection pipe"),
  ER_NET_FCNTL_ERROR(1155, "08S01", "Got an error from fcntl()"),
  ER_NET_PACKETS_OUT_OF_ORDER(1156, "08S01", "Got packets out of order"),
  ER_NET_UNCOMPRESS_ERROR(1157, "08S01", "Couldn't uncompress communication packet"),
  ER_NET_READ_ERROR(1158, "08S01", "Got an error reading communication packets"),
  ER_NET_READ_INTERRUPTED(1159, "08S01", "Got timeout reading communication packets"),
  ER_NET_ERROR_ON_WRITE(1160, "08S01", "Got an error writing communication packets"),
  ER_NET_WRITE_INTERRUPTED(1161, "08S01", "Got timeout writing communication packets"),
  ER_BLOB_KEY_WITHOUT_LENGTH(
      1170, "42000", "BLOB/TEXT column '%s' used in key specification without a key length"),
  ER_NEW_ABORTING_CONNECTION(
      1184, "08S01", "Aborted connection %d to db: '%s' user: '%s' host: '%s' (%s)"),
  ER_UNKNOWN_SYSTEM_VARIABLE(1193, "HY000", "Unknown system variable '%s'"),
  ER_LOCK_WAIT_TIMEOUT(1205, "HY000", "Lock wait timeout exceeded; try restarting transaction"),
  ER_LOCK_DEADLOCK(
      1213, "40001", "Deadlock found when trying to get lock; try restarting transaction"),
  ER_WRONG_ARGUMENTS(1210, "HY000", "Incorrect arguments to %s"),
  ER_WRONG_USAGE(1221, "HY000", "Incorrect usage of %s and %s"),
  ER_WRONG_NUMBER_OF_COLUMNS_IN_SELECT(
      1222, "21000", "The used SELECT statements have a different number of columns"),
  ER_SPECIFIC_ACCESS_DENIED_ERROR(
      1227,
      "42000",
      "Access denied; you need (at least one of) the %s privilege(s) for this operation"),
  ER_LOCAL_VARIABLE(
      1228, "HY000", "Variable '%s' is a SESSION variable and can't be used with SET GLOBAL"),
  ER_GLOBAL_VARIABLE(
      1229, "HY000", "Variable '%s' is a GLOBAL variable and should be set with SET GLOBAL"),
  ER_NO_DEFAULT(1230, "42000", "Variable '%s' doesn't have a default value"),
  ER_WRONG_VALUE_FOR_VAR(1231, "42000", "Variable '%s' can't be set to the value of '%s'"),
  ER_WRONG_TYPE_FOR_VAR(1232, "42000", "Incorrect argument type to variable '%s'"),
  ER_VAR_CANT_BE_READ(1233, "HY000", "Variable '%s' can only be set, not read"),
  ER_NOT_SUPPORTED_YET(1235, "42000", "This version of MySQL doesn't yet support '%s'"),
  ER_INCORRECT_GLOBAL_LOCAL_VAR(1238, "HY000", "Variable '%s' is a %s variable"),
  ER_OPERAND_COLUMNS(1241, "21000", "Operand should contain %d column(s)"),
  ER_SUBQUERY_NO_1_ROW(1242, "21000", "Subquery returns more than 1 row"),
  ER_UNKNOWN_STMT_HANDLER(1243, "HY000", "Unknown prepared statement handler (%s) given to %s"),
  ER_UNKNOWN_CHARACTER_SET(1115, "42000", "Unknown character set: '%s'"),
  ER_NOT_SUPPORTED_AUTH_MODE(
      1251,
      "08004",
      "Client does not support authentication protocol requested by server; consider upgrading MySQL client"),
  ER_COLLATION_CHARSET_MISMATCH(
      1253, "42000", "COLLATION '%s' is not valid for CHARACTER SET '%s'"),
  ER_WARN_DATA_OUT_OF_RANGE(1264, "22003", "Out of range value for column '%s' at row %d"),
  WARN_DATA_TRUNCATED(1265, "01000", "Data truncated for column '%s' at row %d"),
  ER_UNKNOWN_COLLATION(1273, "HY000", "Unknown collation: '%s'"),
  ER_WRONG_NAME_FOR_INDEX(1280, "42000", "Incorrect index name '%s'"),
  ER_OPTION_PREVENTS_STATEMENT(
      1290,
      "HY000",
      "The MySQL server is running with the %s option so it cannot execute this statement"),
  ER_TRUNCATED_WRONG_VALUE(1292, "22007", "Truncated incorrect %s value: '%s'"),
  ER_UNSUPPORTED_PS(
      1295, "HY000", "This command is not supported in the prepared statement protocol yet"),
  ER_SP_DOES_NOT_EXIST(1305, "42000", "%s %s does not exist"),
  ER_QUERY_INTERRUPTED(1317, "70100", "Query execution was interrupted"),
  ER_NO_DEFAULT_FOR_FIELD(1364, "HY000", "Field '%s' doesn't have a default value"),
  ER_DIVISION_BY_ZERO(1365, "22012", "Division by 0"),
  ER_TRUNCATED_WRONG_VALUE_FOR_FIELD(
      1366, "HY000", "Incorrect %s value: '%s' for column '%s' at row %d"),
  ER_CANNOT_USER(1396, "HY000", "Operation %s failed for %s"),
  ER_DATA_TOO_LONG(1406, "22001", "Data too long for column '%s' at row %d"),
  ER_CANT_CREATE_USER_WITH_GRANT(1410, "42000", "You are not allowed to create a user with GRANT"),
  ER_STMT_HAS_NO_OPEN_CURSOR(1421, "HY000", "The statement (%d) has no open cursor."),
  ER_PLUGIN_IS_NOT_LOADED(1524, "HY000", "Plugin '%s' is not loaded"),
  ER_WRONG_VALUE(1525, "HY000", "Incorrect %s value: '%s'"),
  ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT(
      1582, "42000", "Incorrect parameter count in the call to native function '%s'"),
  ER_PLUGIN_DELETE_BUILTIN(1619, "HY000", "Built-in plugins cannot be deleted"),
  ER_PATH_LENGTH(1680, "HY000", "The path specified for %s is too long."),
  ER_INTERNAL_ERROR(1815, "HY000", "Internal error: %s"),
  ER_MUST_CHANGE_PASSWORD(
      1820,
      "HY000",
      "You must reset your password using ALTER USER statement before executing this statement."),
  ER_MUST_CHANGE_PASSWORD_LOGIN(
      1862,
      "HY000",
      "Your password has expired. To log in you must change it using a client that supports expired passwords."),
  CR_SSL_CONNECTION_ERROR(2026, "HY000", "SSL connection error: %s"),
  CR_MALFORMED_PACKET(2027, "HY000", "Malformed packet"),
  CR_AUTH_PLUGIN_CANNOT_LOAD(2059, "HY000", "Authentication plugin '%s' cannot be loaded: %s"),
  CR_AUTH_PLUGIN_ERR(2061, "HY000", "Authentication plugin '%s' reported error: %s"),
  ER_SECURE_TRANSPORT_REQUIRED(
      3159,
      "HY000",
      "Connections using insecure transport are prohibited while --require_secure_transport=ON."),
  ER_USER_DOES_NOT_EXIST(3162, "HY000", "Authorization ID %s does not exist."),
  ER_USER_ALREADY_EXISTS(3163, "HY000", "Authorization ID %s already exists."),
  ER_NO_SYSTEM_TABLE_ACCESS(3554, "HY000", "Access to %s '%s.%s' is rejected."),
  ER_VAR_DOES_NOT_EXIST(3615, "HY000", "Variable %s does not exist in persisted config file"),
  ER_ILLEGAL_PRIVILEGE_LEVEL(3619, "HY000", "Illegal privilege level specified for %s"),
  ER_PATH_IN_DATADIR(3632, "HY000", "Path is within the current data directory '%s'"),
  ER_CLONE_DDL_IN_PROGRESS(
      3633, "HY000", "Concurrent DDL is performed during clone operation. Please try again."),
  ER_CLONE_TOO_MANY_CONCURRENT_CLONES(
      3634, "HY000", "Too many concurrent clone operations. Maximum allowed - %d."),
  ER_CLONE_DONOR(3862, "HY000", "Clone Donor Error: %s."),
  ER_CLONE_PROTOCOL(3863, "HY000", "Clone received unexpected response from Donor : %s."),
  ER_CLONE_DONOR_VERSION(
      3864, "HY000", "Clone Donor MySQL version: %s is different from Recipient MySQL version %s."),
  ER_CLONE_OS(3865, "HY000", "Clone Donor OS: %s is different from Recipient OS: %s."),
  ER_CLONE_PLATFORM(
      3866, "HY000", "Clone Donor platform: %s is different from Recipient platform: %s."),
  ER_CLONE_CHARSET(3867, "HY000", "Clone Donor collation: %s is unavailable in Recipient."),
  ER_CLONE_CONFIG(
      3868,
      "HY000",
      "Clone Configuration %s: Donor value: %s is different from Recipient value: %s."),
  ER_CLONE_SYS_CONFIG(3869, "HY000", "Clone system configuration: %s"),
  ER_CLONE_PLUGIN_MATCH(3870, "HY000", "Clone Donor plugin %s is not active in Recipient."),
  ER_CLONE_LOOPBACK(
      3871,
      "HY000",
      "Clone cannot use loop back connection while cloning into current data directory."),
  ER_CLONE_ENCRYPTION(3872, "HY000", "Clone needs SSL connection for encrypted table."),
  ER_CLONE_DISK_SPACE(
      3873, "HY000", "Clone estimated database size is %s. Available space %s is not enough."),
  ER_CLONE_IN_PROGRESS(
      3874, "HY000", "Concurrent clone in progress. Please try after clone is complete."),
  ER_CLONE_NETWORK_PACKET(
      3957, "HY000", "Clone needs max_allowed_packet value to be %d or more. Current value is %d"),
  ER_CLIENT_INTERACTION_TIMEOUT(
      4031,
      "HY000",
      "The client was disconnected by the server because of inactivity. See wait_timeout and"
          + " interactive_timeout for configuring this behavior.");

  private final int number;
  private final String sqlState;
  private final String format;

  ErrorCode(int number, String sqlState, String format) {
    this.number = number;
    this.sqlState = sqlState;
    this.format = format;
  }

  public int number() {
    return number;
  }

  public String sqlState() {
    return sqlState;
  }

  public String format() {
    return format;
  }

  /** The message as MySQL prints it, with the arguments substituted. */
  public String message(Object... args) {
    return args.length == 0 ? format : String.format(format, args);
  }
}
