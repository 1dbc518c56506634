package io.dolly.sql.exec;

import static io.dolly.sql.exec.SessionFixture.query;
import static io.dolly.sql.exec.SessionFixture.run;
import static io.dolly.sql.exec.SessionFixture.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.protocol.error.MysqlException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlSessionTest {
  @TempDir Path dir;
  SessionFixture fx;
  SqlSession root;

  @BeforeEach
  void open() throws Exception {
    fx = new SessionFixture(dir);
    root = fx.root(1);
  }

  /** The error number of running sql, or 0 when it runs and its last result is 1 or OK. */
  private static int errorOf(SqlSession s, String sql) {
    List<StatementResult> r;
    try {
      r = run(s, sql);
    } catch (MysqlException e) {
      return e.errorNumber();
    }
    if (r.getLast() instanceof ResultSet rs && !"1".equals(rs.rows().get(0).string(0))) {
      throw new AssertionError("unexpected result for " + sql + ": " + rs.rows());
    }
    if (r.getLast() instanceof ResultSet) {
      return 0;
    }
    throw new AssertionError("no error for " + sql);
  }

  @Test
  void multiStatementDeliversEachResultThenStopsAtTheFailure() {
    List<StatementResult> results = new ArrayList<>();
    List<Boolean> more = new ArrayList<>();
    assertThatThrownBy(
            () ->
                root.execute(
                    "SET @a = 1; SELECT @a + 1 AS b; SELECT 'x' ;\nSELEC 2; SELECT 3",
                    (r, m) -> {
                      results.add(r);
                      more.add(m);
                    }))
        .isInstanceOf(MysqlException.class)
        .hasMessageEndingWith("near 'SELEC 2; SELECT 3' at line 2");
    assertThat(results).hasSize(3);
    assertThat(results.get(0)).isEqualTo(UpdateResult.OK);
    ResultSet b = (ResultSet) results.get(1);
    assertThat(b.columns().get(0).name()).isEqualTo("b");
    assertThat(b.rows().get(0).string(0)).isEqualTo("2");
    assertThat(more).containsExactly(true, true, true);
    assertThat(root.warningCount()).isEqualTo(1);
    assertThat(query(root, "SHOW WARNINGS").rows().get(0).string(1)).isEqualTo("1064");
  }

  @Test
  void driverHandshakeQueries() {
    assertThat(scalar(root, "SELECT @@version_comment LIMIT 1")).isEqualTo("Dolly");
    ResultSet r =
        query(
            root,
            "SELECT @@session.auto_increment_increment AS auto_increment_increment,"
                + " @@character_set_client AS character_set_client, @@max_allowed_packet AS"
                + " max_allowed_packet, @@sql_mode AS sql_mode");
    assertThat(r.rows().get(0).toString())
        .isEqualTo(
            "Row[1, utf8mb4, 67108864, ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,"
                + "NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION]");
    ResultSet ids = query(root, "SELECT CONNECTION_ID(), DATABASE(), VERSION()");
    assertThat(ids.columns())
        .extracting(ColumnMeta::name)
        .containsExactly("CONNECTION_ID()", "DATABASE()", "VERSION()");
    assertThat(ids.rows().get(0).toString()).isEqualTo("Row[1, null, 8.0.40]");
    run(root, "/*!40101 SET NAMES utf8mb4 */");
    run(root, "SET character_set_results = NULL");
    assertThat(scalar(root, "SELECT @@character_set_results")).isNull();
    run(root, "SET NAMES latin1");
    assertThat(scalar(root, "SELECT @@collation_connection")).isEqualTo("latin1_swedish_ci");
    assertThat(errorOf(root, "SET NAMES utf8mb4 COLLATE latin1_bin")).isEqualTo(1253);
    assertThat(errorOf(root, "SET NAMES nope")).isEqualTo(1115);
  }

  @Test
  void setAndShowVariables() {
    run(root, "SET GLOBAL max_connections = 200");
    assertThat(scalar(root, "SELECT @@global.max_connections")).isEqualTo("200");
    run(root, "SET @@global.max_connections = 0");
    assertThat(root.warningCount()).isEqualTo(1);
    ResultSet w = query(root, "SHOW WARNINGS");
    assertThat(w.columns())
        .extracting(ColumnMeta::name)
        .containsExactly("Level", "Code", "Message");
    assertThat(w.rows().get(0).toString())
        .isEqualTo("Row[Warning, 1292, Truncated incorrect max_connections value: '0']");
    // Diagnostics statements keep the previous statement's warnings.
    assertThat(scalar(root, "SHOW COUNT(*) WARNINGS")).isEqualTo("1");
    run(root, "SET autocommit = 0, SESSION wait_timeout = 10, @@session.sql_mode = 'ANSI_QUOTES'");
    assertThat(root.statusFlags() & SqlSession.STATUS_AUTOCOMMIT).isZero();
    assertThat(root.waitTimeoutSeconds()).isEqualTo(10);
    ResultSet like = query(root, "SHOW VARIABLES LIKE 'wait%'");
    assertThat(like.rows()).extracting(Row::toString).containsExactly("Row[wait_timeout, 10]");
    ResultSet global = query(root, "SHOW GLOBAL VARIABLES WHERE Variable_name = 'wait_timeout'");
    assertThat(global.rows()).extracting(Row::toString).containsExactly("Row[wait_timeout, 28800]");
    run(root, "SET autocommit = ON");
    assertThat(scalar(root, "SELECT @@autocommit")).isEqualTo("1");
    assertThat(errorOf(root, "SET max_connections = 5")).isEqualTo(1229);
    assertThat(errorOf(root, "SET GLOBAL last_insert_id = 5")).isEqualTo(1228);
    assertThat(errorOf(root, "SET GLOBAL version = 'x'")).isEqualTo(1238);
    assertThat(errorOf(root, "SET GLOBAL innodb_log_file_size = 2G")).isEqualTo(1238);
    assertThat(scalar(root, "SELECT @@innodb_log_file_size")).isEqualTo("50331648");
    assertThat(errorOf(root, "SET query_cache_size = 0")).isEqualTo(1193);
    assertThat(errorOf(root, "SET autocommit = 2")).isEqualTo(1231);
    assertThat(errorOf(root, "SET max_connections = 'x'")).isEqualTo(1229);
    assertThat(errorOf(root, "SET GLOBAL max_connections = 'x'")).isEqualTo(1232);
    assertThat(errorOf(root, "SELECT @@session.max_connections")).isEqualTo(1238);
    run(root, "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
    assertThat(scalar(root, "SELECT @@transaction_isolation")).isEqualTo("READ-COMMITTED");
    run(root, "SET sql_mode = DEFAULT");
    assertThat(scalar(root, "SELECT @@sql_mode")).startsWith("ONLY_FULL_GROUP_BY");
  }

  @Test
  void setPersistWritesTheAutoCnf() throws Exception {
    run(root, "SET PERSIST max_connections = 300");
    run(root, "SET PERSIST_ONLY innodb_page_size = 8192");
    String json = Files.readString(dir.resolve("mysqld-auto.cnf"), StandardCharsets.UTF_8);
    assertThat(json).contains("\"max_connections\" : { \"Value\" : \"300\"");
    assertThat(json).contains("\"innodb_page_size\" : { \"Value\" : \"8192\"");
    assertThat(scalar(root, "SELECT @@innodb_page_size")).isEqualTo("16384");
    run(root, "RESET PERSIST max_connections");
    assertThat(Files.readString(dir.resolve("mysqld-auto.cnf"))).doesNotContain("max_connections");
    SqlSession app = fx.open(2, "app", "%", false);
    assertThatThrownBy(() -> run(app, "SET GLOBAL max_connections = 5"))
        .hasMessage(
            "Access denied; you need (at least one of) the SUPER or SYSTEM_VARIABLES_ADMIN"
                + " privilege(s) for this operation");
  }

  @Test
  void transactionsAreSessionState() {
    assertThat(root.statusFlags()).isEqualTo(SqlSession.STATUS_AUTOCOMMIT);
    run(root, "BEGIN");
    assertThat(root.statusFlags())
        .isEqualTo(SqlSession.STATUS_AUTOCOMMIT | SqlSession.STATUS_IN_TRANS);
    run(root, "SAVEPOINT a; ROLLBACK TO SAVEPOINT a; RELEASE SAVEPOINT a");
    assertThat(errorOf(root, "ROLLBACK TO a")).isEqualTo(1305);
    run(root, "COMMIT");
    assertThat(root.statusFlags()).isEqualTo(SqlSession.STATUS_AUTOCOMMIT);
    run(root, "START TRANSACTION READ ONLY; ROLLBACK");
    assertThat(root.statusFlags()).isEqualTo(SqlSession.STATUS_AUTOCOMMIT);
  }

  @Test
  void databasesAndShowStatements() {
    assertThat(query(root, "SHOW DATABASES").rows())
        .extracting(r -> r.string(0))
        .containsExactly("information_schema", "mysql", "performance_schema", "sys");
    assertThat(errorOf(root, "SHOW TABLES")).isEqualTo(1046);
    run(root, "USE mysql");
    assertThat(root.currentDatabase()).isEqualTo("mysql");
    assertThat(scalar(root, "SELECT DATABASE()")).isEqualTo("mysql");
    assertThat(errorOf(root, "USE nope")).isEqualTo(1049);
    assertThatThrownBy(() -> root.useDatabase("nope")).hasMessage("Unknown database 'nope'");
    assertThat(query(root, "SHOW TABLES").columns().get(0).name()).isEqualTo("Tables_in_mysql");
    ResultSet plugins = query(root, "SHOW PLUGINS WHERE Name = 'clone'");
    assertThat(plugins.rows())
        .extracting(Row::toString)
        .containsExactly("Row[clone, ACTIVE, CLONE, null, GPL]");
    run(root, "INSTALL PLUGIN clone SONAME 'mysql_clone.so'");
    assertThat(errorOf(root, "UNINSTALL PLUGIN clone")).isEqualTo(1619);
    assertThat(query(root, "SHOW ENGINES").rows().get(0).string(0)).isEqualTo("InnoDB");
    assertThat(query(root, "SHOW GLOBAL STATUS LIKE 'Com_select'").rows().get(0).string(1))
        .isNotEqualTo("0");
    assertThat(query(root, "SHOW STATUS LIKE 'Ssl_cipher'").rows().get(0).string(1)).isEmpty();
    assertThat(query(root, "SHOW STATUS LIKE 'Threads_connected'").rows().get(0).string(1))
        .isEqualTo("1");
    assertThat(query(root, "SHOW VARIABLES LIKE 'have_ssl'").rows()).hasSize(1);
    assertThat(query(root, "SHOW COLLATION LIKE 'utf8mb4_0900_ai_ci'").rows().get(0).string(2))
        .isEqualTo("255");
    assertThat(errorOf(root, "SELECT c FROM sbtest1 WHERE id = 5")).isEqualTo(1235);
    run(root, "USE information_schema");
    assertThat(errorOf(root, "CREATE TABLE t (a INT)")).isEqualTo(1235);
    assertThat(errorOf(root, "SELECT * FROM nodb.t")).isEqualTo(1146);
    assertThat(root.statistics()).startsWith("Uptime: ").contains("  Threads: 1  Questions: ");
  }

  @Test
  void accountsAndGrants() {
    run(root, "CREATE USER 'donor_clone_user'@'%' IDENTIFIED BY 'password'");
    run(root, "GRANT BACKUP_ADMIN ON *.* TO 'donor_clone_user'@'%'");
    run(root, "GRANT SELECT, SHUTDOWN ON *.* TO donor_clone_user");
    assertThat(query(root, "SHOW GRANTS FOR 'donor_clone_user'@'%'").rows())
        .extracting(r -> r.string(0))
        .containsExactly(
            "GRANT SELECT, SHUTDOWN ON *.* TO `donor_clone_user`@`%`",
            "GRANT BACKUP_ADMIN ON *.* TO `donor_clone_user`@`%`");
    assertThat(query(root, "SHOW GRANTS FOR 'donor_clone_user'@'%'").columns().get(0).name())
        .isEqualTo("Grants for donor_clone_user@%");
    assertThat(errorOf(root, "CREATE USER 'donor_clone_user'@'%'")).isEqualTo(1396);
    run(root, "CREATE USER IF NOT EXISTS 'donor_clone_user'@'%'");
    assertThat(query(root, "SHOW WARNINGS").rows().get(0).string(1)).isEqualTo("3163");
    run(root, "REVOKE SHUTDOWN ON *.* FROM 'donor_clone_user'@'%'");
    assertThat(fx.accounts.hasGlobalPrivilege("donor_clone_user", "%", "SHUTDOWN")).isFalse();
    run(root, "GRANT SELECT ON db.* TO 'donor_clone_user'@'%'");
    assertThat(query(root, "SHOW GRANTS FOR 'donor_clone_user'@'%'").rows())
        .extracting(r -> r.string(0))
        .contains("GRANT SELECT ON `db`.* TO `donor_clone_user`@`%`");
    assertThat(errorOf(root, "GRANT SELECT ON *.* TO 'ghost'@'%'")).isEqualTo(1410);
    SqlSession app = fx.open(2, "app", "%", false);
    assertThat(errorOf(app, "CREATE USER x")).isEqualTo(1227);
    assertThat(errorOf(app, "GRANT SELECT ON *.* TO app")).isEqualTo(1045);
    assertThat(errorOf(app, "SHUTDOWN")).isEqualTo(1227);
    assertThat(query(app, "SHOW GRANTS").rows().get(0).string(0))
        .isEqualTo("GRANT USAGE ON *.* TO `app`@`%`");
    run(app, "SET PASSWORD = 'new'");
    assertThat(fx.accounts.get("app", "%").orElseThrow().account().authenticationString())
        .isEqualTo("caching_sha2_password:new");
    run(root, "DROP USER 'donor_clone_user'@'%'");
    assertThat(errorOf(root, "DROP USER 'donor_clone_user'@'%'")).isEqualTo(1396);
    run(root, "DROP USER IF EXISTS 'donor_clone_user'@'%'");
    assertThat(root.warningCount()).isEqualTo(1);
    run(root, "FLUSH PRIVILEGES");
  }

  @Test
  void expiredPasswordAllowsOnlyAlterUser() {
    run(root, "CREATE USER 'exp'@'%' IDENTIFIED BY 'a' PASSWORD EXPIRE");
    SqlSession s = fx.open(3, "exp", "%", true);
    assertThat(errorOf(s, "SELECT 1")).isEqualTo(1820);
    run(s, "ALTER USER USER() IDENTIFIED BY 'b'");
    assertThat(scalar(s, "SELECT 1")).isEqualTo("1");
    assertThat(fx.accounts.get("exp", "%").orElseThrow().account().passwordExpired()).isFalse();
  }

  @Test
  void killShutdownAndProcessList() {
    SqlSession app = fx.open(2, "app", "%", false);
    assertThat(errorOf(app, "KILL 1")).isEqualTo(1095);
    assertThat(errorOf(app, "KILL 99")).isEqualTo(1094);
    run(app, "KILL QUERY 2");
    run(root, "KILL 2");
    run(root, "SHUTDOWN");
    assertThat(fx.events).containsExactly("kill 2 query", "kill 2", "shutdown");
    fx.processes.add(
        new ProcessInfo(
            7,
            "app",
            "h:1",
            null,
            "Query",
            3,
            "executing",
            "CREATE USER 'u'@'%' IDENTIFIED BY 'secret'",
            null,
            null));
    ResultSet list = query(root, "SHOW FULL PROCESSLIST");
    assertThat(list.columns())
        .extracting(ColumnMeta::name)
        .containsExactly("Id", "User", "Host", "db", "Command", "Time", "State", "Info");
    assertThat(list.rows().getLast().string(7))
        .isEqualTo("CREATE USER 'u'@'%' IDENTIFIED BY <secret>");
    assertThat(query(app, "SHOW PROCESSLIST").rows())
        .allSatisfy(r -> assertThat(r.string(1)).isEqualTo("app"));
  }

  @Test
  void connectionsAsTablesShowTlsAndOnlyOwnRowsWithoutProcess() {
    SqlSession app = fx.open(2, "app", "%", false);
    fx.processes.add(
        new ProcessInfo(
            9,
            "app",
            "10.0.0.5:40211",
            "shop",
            "Clone",
            4,
            "",
            null,
            "TLSv1.3",
            "TLS_AES_256_GCM_SHA384"));
    ResultSet threads =
        query(
            root,
            "SELECT PROCESSLIST_ID, PROCESSLIST_HOST, PROCESSLIST_COMMAND, CONNECTION_TYPE"
                + " FROM performance_schema.threads ORDER BY PROCESSLIST_ID");
    assertThat(threads.rows().getLast().string(1)).isEqualTo("10.0.0.5");
    assertThat(threads.rows().getLast().string(2)).isEqualTo("Clone");
    assertThat(threads.rows().getLast().string(3)).isEqualTo("SSL/TLS");
    assertThat(threads.rows().getFirst().string(3)).isEqualTo("TCP/IP");
    assertThat(
            scalar(
                root,
                "SELECT VARIABLE_VALUE FROM performance_schema.status_by_thread"
                    + " WHERE THREAD_ID = 9 AND VARIABLE_NAME = 'Ssl_cipher'"))
        .isEqualTo("TLS_AES_256_GCM_SHA384");
    assertThat(
            scalar(
                root,
                "SELECT VARIABLE_VALUE FROM performance_schema.status_by_thread"
                    + " WHERE THREAD_ID = 1 AND VARIABLE_NAME = 'Ssl_version'"))
        .isEmpty();
    assertThat(query(root, "SELECT ID FROM information_schema.PROCESSLIST").rows()).hasSize(3);
    assertThat(query(app, "SELECT USER FROM information_schema.PROCESSLIST").rows())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.string(0)).isEqualTo("app"));
  }

  @Test
  void currentStatementTextHidesPasswords() throws Exception {
    List<String> seen = new ArrayList<>();
    root.execute(
        "SET PASSWORD FOR 'app'@'%' = 'topsecret'",
        (r, more) -> seen.add(root.currentStatementText()));
    assertThat(seen).containsExactly("SET PASSWORD FOR 'app'@'%' = <secret>");
    assertThat(root.currentStatementText()).isNull();
  }

  @Test
  void preparedStatementsAndReset() {
    run(root, "SET @a = 3, @b = 4");
    run(root, "PREPARE s FROM 'SELECT ? * ? AS p'");
    ResultSet r = (ResultSet) run(root, "EXECUTE s USING @a, @b").getFirst();
    assertThat(r.rows().get(0).string(0)).isEqualTo("12");
    run(root, "DEALLOCATE PREPARE s");
    assertThat(errorOf(root, "EXECUTE s")).isEqualTo(1243);
    run(root, "SET SESSION wait_timeout = 5");
    root.resetConnection();
    assertThat(scalar(root, "SELECT @a")).isNull();
    assertThat(root.waitTimeoutSeconds()).isEqualTo(28800);
    assertThat(root.maxAllowedPacket()).isEqualTo(67_108_864L);
    assertThat(errorOf(root, "")).isEqualTo(1065);
    assertThat(errorOf(root, "CLONE LOCAL DATA DIRECTORY = '/tmp/x'")).isEqualTo(1235);
  }

  @Test
  void registeredHandlerRunsItsStatement() {
    fx.engine.registerHandler(
        io.dolly.sql.ast.Admin.CloneLocal.class, (s, session) -> new UpdateResult(0, 0, "cloned"));
    assertThat(run(root, "CLONE LOCAL DATA DIRECTORY = '/tmp/x'"))
        .containsExactly(new UpdateResult(0, 0, "cloned"));
  }

  @Test
  void binaryProtocolPreparedStatements() {
    PreparedQuery q = root.prepare("SELECT ? + 1 AS n, CONCAT(?, 'x')");
    assertThat(q.parameterCount()).isEqualTo(2);
    ResultSet r = (ResultSet) root.execute(q, List.of(Value.of(41), Value.of("a")));
    assertThat(r.rows().get(0).toString()).isEqualTo("Row[42, ax]");
    assertThatThrownBy(() -> root.execute(q, List.of(Value.of(1))))
        .isInstanceOf(MysqlException.class);
    assertThat(errorOf(root, "SELECT CAST(-1 AS UNSIGNED) = 18446744073709551615")).isZero();
  }

  @Test
  void syntaxErrorReplacesPreviousWarnings() {
    run(root, "SELECT 1 / 0");
    assertThat(root.warningCount()).isEqualTo(1);
    assertThat(errorOf(root, "SELEC")).isEqualTo(1064);
    assertThat(root.warnings()).extracting(w -> w.code()).containsExactly(1064);
  }

  @Test
  void connectorJAndMariadbConnectorStartupStatements() {
    ResultSet r =
        query(
            root,
            "/* mysql-connector-j-9.7.0 (Revision: x) */SELECT"
                + "  @@session.auto_increment_increment AS auto_increment_increment,"
                + " @@character_set_client AS character_set_client, @@character_set_connection AS"
                + " character_set_connection, @@character_set_results AS character_set_results,"
                + " @@character_set_server AS character_set_server, @@collation_server AS"
                + " collation_server, @@collation_connection AS collation_connection,"
                + " @@init_connect AS init_connect, @@interactive_timeout AS interactive_timeout,"
                + " @@license AS license, @@lower_case_table_names AS lower_case_table_names,"
                + " @@max_allowed_packet AS max_allowed_packet, @@net_write_timeout AS"
                + " net_write_timeout, @@performance_schema AS performance_schema, @@sql_mode AS"
                + " sql_mode, @@system_time_zone AS system_time_zone, @@time_zone AS time_zone,"
                + " @@transaction_isolation AS transaction_isolation, @@wait_timeout AS"
                + " wait_timeout");
    assertThat(r.columns()).hasSize(19);
    assertThat(r.rows().get(0).string(9)).isEqualTo("GPL");
    run(
        root,
        "SET autocommit=1, sql_mode = concat(@@sql_mode,',STRICT_TRANS_TABLES'),"
            + " session_track_schema=1, session_track_system_variables ="
            + " CONCAT(@@global.session_track_system_variables,',auto_increment_increment')");
    assertThat(scalar(root, "SELECT @@max_allowed_packet,@@system_time_zone,@@time_zone"))
        .isEqualTo("67108864");
    assertThat(scalar(root, "select @@session.transaction_read_only")).isEqualTo("0");
    // Removed in MySQL 8.0, as drivers for 8.0 expect.
    assertThat(errorOf(root, "SELECT @@tx_isolation")).isEqualTo(1193);
  }

  @Test
  void registeredSystemTableAnswersSelects() {
    List<ColumnMeta> columns =
        List.of(
            ColumnMeta.integer("ID", 10),
            ColumnMeta.text("STATE", 16),
            ColumnMeta.integer("DATA_DOWNLOADED", 20),
            ColumnMeta.integer("ERROR_NO", 10),
            ColumnMeta.text("ERROR_MESSAGE", 512));
    fx.engine.registerSystemTable(
        "performance_schema",
        "clone_status",
        new SystemTable() {
          @Override
          public List<ColumnMeta> columns() {
            return columns;
          }

          @Override
          public List<List<Value>> rows(SqlSession session) {
            return List.of(
                List.of(
                    Value.of(1),
                    Value.of("Completed"),
                    Value.of(1L << 31),
                    Value.of(0),
                    Value.of("")),
                List.of(
                    Value.of(2),
                    Value.of("In Progress"),
                    Value.of(1L << 30),
                    Value.NULL,
                    Value.NULL));
          }
        });
    ResultSet r =
        query(root, "SELECT STATE, ERROR_NO, ERROR_MESSAGE FROM performance_schema.clone_status");
    assertThat(r.rows())
        .extracting(Row::toString)
        .containsExactly("Row[Completed, 0, ]", "Row[In Progress, null, null]");
    assertThat(r.columns().get(0).table()).isEqualTo("clone_status");
    ResultSet latest =
        query(
            root,
            "SELECT ID as '克隆ID', ROUND(DATA_DOWNLOADED/1024/1024/1024, 2) as '已下载GB'"
                + " FROM performance_schema.clone_status ORDER BY ID DESC LIMIT 1");
    assertThat(latest.columns()).extracting(ColumnMeta::name).containsExactly("克隆ID", "已下载GB");
    assertThat(latest.rows()).extracting(Row::toString).containsExactly("Row[2, 1.00]");
    assertThat(
            query(
                    root,
                    "SELECT COUNT(*), MAX(ID), SUM(DATA_DOWNLOADED), COUNT(ERROR_NO)"
                        + " FROM performance_schema.clone_status")
                .rows())
        .extracting(Row::toString)
        .containsExactly("Row[2, 2, 3221225472, 1]");
    assertThat(
            scalar(
                root,
                "SELECT STATE FROM performance_schema.clone_status"
                    + " WHERE ID = (SELECT MAX(ID) FROM performance_schema.clone_status)"))
        .isEqualTo("In Progress");
    run(root, "USE performance_schema");
    assertThat(query(root, "SELECT * FROM clone_status s WHERE s.STATE LIKE 'Comp%'").rows())
        .extracting(Row::toString)
        .containsExactly("Row[1, Completed, 2147483648, 0, ]");
  }

  @Test
  void subqueriesAndAggregatesWithoutTables() {
    assertThat(scalar(root, "SELECT COUNT(*)")).isEqualTo("1");
    assertThat(scalar(root, "SELECT MAX(5) + SUM(2)")).isEqualTo("7");
    assertThat(scalar(root, "SELECT 1 IN (SELECT 1)")).isEqualTo("1");
    assertThat(scalar(root, "SELECT 3 NOT IN (SELECT 1 UNION SELECT 2)")).isEqualTo("1");
    assertThat(scalar(root, "SELECT EXISTS (SELECT 1 FROM DUAL WHERE 0)")).isEqualTo("0");
    assertThat(scalar(root, "SELECT (SELECT 'x') = 'x'")).isEqualTo("1");
    assertThat(errorOf(root, "SELECT (SELECT 1 UNION ALL SELECT 2)")).isEqualTo(1242);
    assertThat(errorOf(root, "SELECT (SELECT 1, 2)")).isEqualTo(1241);
  }

  @Test
  void serverFacingHooks() throws Exception {
    List<Object> changes = new ArrayList<>();
    fx.engine.onGlobalChange("require_secure_transport", changes::add);
    run(root, "SET GLOBAL require_secure_transport = ON");
    assertThat(changes).containsExactly(true);
    assertThat(fx.engine.databaseExists("MYSQL")).isTrue();
    assertThat(fx.engine.databaseExists("nope")).isFalse();
    SqlSession app = fx.open(2, "app", "%", false);
    assertThatThrownBy(() -> fx.engine.checkKill(2, 1)).hasMessage("You are not owner of thread 1");
    assertThatThrownBy(() -> fx.engine.checkKill(1, 42)).hasMessage("Unknown thread id: 42");
    fx.engine.checkKill(1, 2);
    app.kill();
    assertThat(errorOf(app, "SELECT 1")).isEqualTo(1317);
    assertThat(scalar(app, "SELECT 1")).isEqualTo("1");
    app.close();
    fx.variables.setStartupValue("max_connections", "500");
    assertThat(fx.variables.global("max_connections")).isEqualTo(500L);
    assertThatThrownBy(() -> fx.variables.setStartupValue("autocommit", "perhaps"))
        .isInstanceOf(MysqlException.class);
  }

  @Test
  void withoutMultiStatementsOnlyOneStatementRuns() throws Exception {
    var account = fx.accounts.get("root", "localhost").orElseThrow().account();
    SqlSession single =
        fx.engine.openSession(
            new SessionInfo(9, "root", "127.0.0.1", account, null, null, null, 255, false, false));
    List<StatementResult> results = new ArrayList<>();
    assertThatThrownBy(() -> single.execute("SELECT 1; SELECT 2", (r, m) -> results.add(r)))
        .hasMessageEndingWith("near 'SELECT 2' at line 1");
    assertThat(results).isEmpty();
    single.execute("SELECT 1;", (r, m) -> results.add(r));
    assertThat(results).hasSize(1);
  }
}
