package io.dolly.sql.sysvar;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.Warning;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemVariablesTest {
  private final SystemVariables vars = SystemVariables.withCoreVariables();
  private final SessionVariables session = new SessionVariables(vars);
  private final List<Warning> warnings = new ArrayList<>();

  private static int code(Runnable r) {
    try {
      r.run();
    } catch (MysqlException e) {
      return e.errorNumber();
    }
    throw new AssertionError("no error");
  }

  @Test
  void defaultsAreMysql80s() {
    assertThat(vars.global("max_connections")).isEqualTo(151L);
    assertThat(vars.global("max_allowed_packet")).isEqualTo(67_108_864L);
    assertThat(vars.global("connect_timeout")).isEqualTo(10L);
    assertThat(vars.global("autocommit")).isEqualTo(true);
    assertThat(vars.global("transaction_isolation")).isEqualTo("REPEATABLE-READ");
    assertThat(vars.global("sql_mode"))
        .isEqualTo(
            "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
                + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION");
    assertThat(vars.showGlobal()).containsEntry("autocommit", "ON");
    assertThat(vars.showGlobal()).containsEntry("sql_select_limit", "18446744073709551615");
    assertThat(vars.find("query_cache_size")).isEmpty();
    assertThat(vars.find("tx_read_only")).isEmpty();
  }

  @Test
  void scopesAndReadOnly() {
    assertThat(code(() -> session.setSession("max_connections", 5L, warnings::add)))
        .isEqualTo(1229);
    assertThat(code(() -> vars.setGlobal("last_insert_id", 5L, warnings::add))).isEqualTo(1228);
    MysqlException ro =
        (MysqlException) catchError(() -> vars.setGlobal("version", "x", warnings::add));
    assertThat(ro.errorNumber()).isEqualTo(1238);
    assertThat(ro.getMessage()).isEqualTo("Variable 'version' is a read only variable");
    assertThat(code(() -> vars.setGlobal("no_such_thing", 1L, warnings::add))).isEqualTo(1193);
    assertThat(code(() -> session.getSession("max_connections"))).isEqualTo(1238);
    assertThat(code(() -> session.getGlobal("last_insert_id"))).isEqualTo(1238);
    assertThat(session.get("max_connections")).isEqualTo(151L);
  }

  private static Throwable catchError(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("no error");
  }

  @Test
  void typesAndClamping() {
    vars.setGlobal("max_connections", 0L, warnings::add);
    assertThat(vars.global("max_connections")).isEqualTo(1L);
    assertThat(warnings)
        .containsExactly(
            new Warning("Warning", 1292, "Truncated incorrect max_connections value: '0'"));
    warnings.clear();
    vars.setGlobal("max_allowed_packet", 5000L, warnings::add);
    assertThat(vars.global("max_allowed_packet")).isEqualTo(4096L);
    assertThat(warnings).hasSize(1);
    vars.setGlobal("sql_select_limit", new BigInteger("18446744073709551615"), warnings::add);
    assertThat(vars.showGlobal()).containsEntry("sql_select_limit", "18446744073709551615");
    assertThat(code(() -> vars.setGlobal("max_connections", new BigDecimal("1.5"), warnings::add)))
        .isEqualTo(1232);
    assertThat(code(() -> vars.setGlobal("max_connections", "abc", warnings::add))).isEqualTo(1232);
    for (Object on : new Object[] {"ON", "true", 1L}) {
      session.setSession("autocommit", 0L, warnings::add);
      session.setSession("autocommit", on, warnings::add);
      assertThat(session.get("autocommit")).isEqualTo(true);
    }
    session.setSession("autocommit", "off", warnings::add);
    assertThat(session.get("autocommit")).isEqualTo(false);
    assertThat(code(() -> session.setSession("autocommit", 2L, warnings::add))).isEqualTo(1231);
    assertThat(code(() -> session.setSession("autocommit", "maybe", warnings::add)))
        .isEqualTo(1231);
    session.setSession("transaction_isolation", "read-committed", warnings::add);
    assertThat(session.get("transaction_isolation")).isEqualTo("READ-COMMITTED");
    assertThat(code(() -> session.setSession("transaction_isolation", "x", warnings::add)))
        .isEqualTo(1231);
    session.setSession("sql_mode", "ansi_quotes,strict_trans_tables", warnings::add);
    assertThat(session.get("sql_mode")).isEqualTo("ANSI_QUOTES,STRICT_TRANS_TABLES");
    session.setSession("character_set_results", null, warnings::add);
    assertThat(session.get("character_set_results")).isNull();
    assertThat(code(() -> session.setSession("character_set_client", "klingon", warnings::add)))
        .isEqualTo(1115);
    session.setSession("sql_mode", SystemVariables.DEFAULT, warnings::add);
    assertThat(session.get("sql_mode")).isEqualTo(vars.global("sql_mode"));
  }

  @Test
  void sessionStartsFromGlobalAndResets() {
    vars.setGlobal("wait_timeout", 100L, warnings::add);
    SessionVariables s = new SessionVariables(vars);
    assertThat(s.get("wait_timeout")).isEqualTo(100L);
    s.setSession("wait_timeout", 7L, warnings::add);
    assertThat(s.get("wait_timeout")).isEqualTo(7L);
    assertThat(vars.global("wait_timeout")).isEqualTo(100L);
    s.reset();
    assertThat(s.get("wait_timeout")).isEqualTo(100L);
  }

  @Test
  void persistIsWrittenAndReadBack(@TempDir Path dir) throws Exception {
    vars.loadPersisted(dir);
    vars.persist("max_connections", 200L, false, "root", "localhost", warnings::add);
    vars.persist("autocommit", "OFF", false, "root", "localhost", warnings::add);
    vars.persist("port", 3310L, true, "root", "localhost", warnings::add);
    assertThat(vars.global("max_connections")).isEqualTo(200L);
    assertThat(vars.global("port")).isEqualTo(3306L);
    String json = Files.readString(dir.resolve("mysqld-auto.cnf"), StandardCharsets.UTF_8);
    assertThat(json)
        .startsWith(
            "{ \"Version\" : 2 , \"mysql_dynamic_variables\" : { \"max_connections\" : {"
                + " \"Value\" : \"200\" , \"Metadata\" : { \"Timestamp\" : ")
        .contains("\"mysql_static_variables\" : { \"port\" : { \"Value\" : \"3310\"")
        .contains("\"User\" : \"root\" , \"Host\" : \"localhost\"");

    SystemVariables restarted = SystemVariables.withCoreVariables();
    restarted.loadPersisted(dir);
    assertThat(restarted.global("max_connections")).isEqualTo(200L);
    assertThat(restarted.global("autocommit")).isEqualTo(false);
    assertThat(restarted.global("port")).isEqualTo(3310L);

    restarted.resetPersist("max_connections", false, warnings::add);
    assertThat(restarted.persistedEntries()).doesNotContainKey("max_connections");
    assertThat(code(() -> restarted.resetPersist("max_connections", false, warnings::add)))
        .isEqualTo(3615);
    restarted.resetPersist("max_connections", true, warnings::add);
    assertThat(warnings).extracting(Warning::code).contains(3615);
    restarted.resetPersist(null, false, warnings::add);
    SystemVariables third = SystemVariables.withCoreVariables();
    third.loadPersisted(dir);
    assertThat(third.global("autocommit")).isEqualTo(true);
  }

  @Test
  void readsMysqlWrittenFileOfFormatOne(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("mysqld-auto.cnf"),
        "{ \"Version\" : 1 , \"mysql_server\" : { \"max_connections\" : { \"Value\" : \"300\" ,"
            + " \"Metadata\" : { \"Timestamp\" : 1 , \"User\" : \"root\" , \"Host\" : \"\" } } } }");
    vars.loadPersisted(dir);
    assertThat(vars.global("max_connections")).isEqualTo(300L);
  }

  @Test
  void identityFillsReadOnlyVariables() {
    new ServerIdentity(
            "8.0.40",
            "db1",
            3307,
            "0.0.0.0",
            "/var/lib/dolly",
            "/opt/dolly",
            "/run/d.pid",
            "/tmp/d.sock",
            "/tmp",
            "stderr",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562",
            7,
            false)
        .applyTo(vars);
    assertThat(session.get("port")).isEqualTo(3307L);
    assertThat(vars.global("datadir")).isEqualTo("/var/lib/dolly/");
    assertThat(vars.global("have_ssl")).isEqualTo("DISABLED");
    assertThat(vars.global("server_id")).isEqualTo(7L);
  }
}
