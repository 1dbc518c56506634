package io.dolly.sql.exec;

import static io.dolly.sql.exec.SessionFixture.query;
import static io.dolly.sql.exec.SessionFixture.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.protocol.ColumnFlags;
import io.dolly.protocol.ColumnType;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpressionTest {
  @TempDir Path dir;
  SqlSession s;

  @BeforeEach
  void open() throws Exception {
    s = new SessionFixture(dir).root(1);
  }

  private String eval(String expr) {
    return scalar(s, "SELECT " + expr);
  }

  @Test
  void arithmeticFollowsMysqlTyping() {
    assertThat(eval("1 + 2 * 3")).isEqualTo("7");
    assertThat(eval("1 / 3")).isEqualTo("0.3333");
    assertThat(eval("1.00 / 3")).isEqualTo("0.333333");
    assertThat(eval("10 DIV 3")).isEqualTo("3");
    assertThat(eval("10 % 3")).isEqualTo("1");
    assertThat(eval("MOD(-7, 3)")).isEqualTo("-1");
    assertThat(eval("1.5 + 1")).isEqualTo("2.5");
    assertThat(eval("0.1 + 0.2")).isEqualTo("0.3");
    assertThat(eval("1e3")).isEqualTo("1000");
    assertThat(eval("1e0 / 3")).isEqualTo("0.3333333333333333");
    assertThat(eval("'3' + 4")).isEqualTo("7");
    assertThat(eval("1 / 0")).isNull();
    assertThat(s.warningCount()).isEqualTo(1);
    assertThat(eval("-9223372036854775807 - 1")).isEqualTo("-9223372036854775808");
    assertThat(eval("18446744073709551615")).isEqualTo("18446744073709551615");
  }

  @Test
  void comparisonsAndLogic() {
    assertThat(eval("1 = 1")).isEqualTo("1");
    assertThat(eval("'a' = 'A'")).isEqualTo("1");
    assertThat(eval("NULL = NULL")).isNull();
    assertThat(eval("NULL <=> NULL")).isEqualTo("1");
    assertThat(eval("1 <=> NULL")).isEqualTo("0");
    assertThat(eval("NULL AND 0")).isEqualTo("0");
    assertThat(eval("NULL OR 1")).isEqualTo("1");
    assertThat(eval("1 XOR 1")).isEqualTo("0");
    assertThat(eval("NOT 0")).isEqualTo("1");
    assertThat(eval("NULL IS NULL")).isEqualTo("1");
    assertThat(eval("0 IS FALSE")).isEqualTo("1");
    assertThat(eval("2 IS NOT TRUE")).isEqualTo("0");
    assertThat(eval("'abc' LIKE 'a%'")).isEqualTo("1");
    assertThat(eval("'a_c' LIKE 'a\\_c'")).isEqualTo("1");
    assertThat(eval("'abc' LIKE 'a\\_c'")).isEqualTo("0");
    assertThat(eval("'a%' LIKE 'a!%' ESCAPE '!'")).isEqualTo("1");
    assertThat(eval("2 IN (1, 2)")).isEqualTo("1");
    assertThat(eval("3 NOT IN (1, NULL)")).isNull();
    assertThat(eval("5 BETWEEN 1 AND 10")).isEqualTo("1");
    assertThat(eval("CASE 2 WHEN 1 THEN 'a' WHEN 2 THEN 'b' ELSE 'c' END")).isEqualTo("b");
    assertThat(eval("CASE WHEN 0 THEN 'a' END")).isNull();
  }

  @Test
  void functions() {
    assertThat(eval("CONCAT('a', 1, 'b')")).isEqualTo("a1b");
    assertThat(eval("CONCAT('a', NULL)")).isNull();
    assertThat(eval("CONCAT_WS(',', 'a', NULL, 'b')")).isEqualTo("a,b");
    assertThat(eval("IF(1 > 2, 'y', 'n')")).isEqualTo("n");
    assertThat(eval("IFNULL(NULL, 5)")).isEqualTo("5");
    assertThat(eval("NULLIF(1, 1)")).isNull();
    assertThat(eval("COALESCE(NULL, NULL, 3)")).isEqualTo("3");
    assertThat(eval("GREATEST(1, 5, 3)")).isEqualTo("5");
    assertThat(eval("LEAST('b', 'a')")).isEqualTo("a");
    assertThat(eval("ROUND(2.5)")).isEqualTo("3");
    assertThat(eval("ROUND(1.2345, 2)")).isEqualTo("1.23");
    assertThat(eval("TRUNCATE(1.999, 1)")).isEqualTo("1.9");
    assertThat(eval("FLOOR(-1.5)")).isEqualTo("-2");
    assertThat(eval("CEIL(1.2)")).isEqualTo("2");
    assertThat(eval("ABS(-3)")).isEqualTo("3");
    assertThat(eval("POW(2, 10)")).isEqualTo("1024");
    assertThat(eval("SQRT(16)")).isEqualTo("4");
    assertThat(eval("LENGTH('héllo')")).isEqualTo("6");
    assertThat(eval("CHAR_LENGTH('héllo')")).isEqualTo("5");
    assertThat(eval("SUBSTRING('abcdef', 2, 3)")).isEqualTo("bcd");
    assertThat(eval("SUBSTRING('abcdef' FROM -2)")).isEqualTo("ef");
    assertThat(eval("LEFT('abc', 2)")).isEqualTo("ab");
    assertThat(eval("RIGHT('abc', 2)")).isEqualTo("bc");
    assertThat(eval("UPPER('abc')")).isEqualTo("ABC");
    assertThat(eval("LCASE('ABC')")).isEqualTo("abc");
    assertThat(eval("REPLACE('aXbX', 'X', '-')")).isEqualTo("a-b-");
    assertThat(eval("REPEAT('ab', 3)")).isEqualTo("ababab");
    assertThat(eval("TRIM('  x  ')")).isEqualTo("x");
    assertThat(eval("TRIM(LEADING 'x' FROM 'xxaxx')")).isEqualTo("axx");
    assertThat(eval("LTRIM('  x')")).isEqualTo("x");
    assertThat(eval("LPAD('5', 3, '0')")).isEqualTo("005");
    assertThat(eval("RPAD('5', 3, 'ab')")).isEqualTo("5ab");
    assertThat(eval("LOCATE('b', 'abc')")).isEqualTo("2");
    assertThat(eval("INSTR('abc', 'c')")).isEqualTo("3");
    assertThat(eval("HEX('AB')")).isEqualTo("4142");
    assertThat(eval("HEX(255)")).isEqualTo("FF");
    assertThat(eval("MD5('a')")).isEqualTo("0cc175b9c0f1b6a831c399e269772661");
    assertThat(eval("SHA1('a')")).isEqualTo("86f7e437faa5a7fce15d1ddcb9eaeaea377667b8");
    assertThat(eval("SHA2('a', 256)"))
        .isEqualTo("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
    assertThat(eval("CAST('12abc' AS UNSIGNED)")).isEqualTo("12");
    assertThat(eval("CAST(1.567 AS DECIMAL(5,2))")).isEqualTo("1.57");
    assertThat(eval("CONVERT(42, CHAR)")).isEqualTo("42");
    assertThat(eval("DATE_FORMAT('2024-03-05 07:08:09', '%Y/%m/%d %H:%i:%s %W')"))
        .isEqualTo("2024/03/05 07:08:09 Tuesday");
    assertThat(eval("DATE_ADD('2024-01-31', INTERVAL 1 MONTH)")).isEqualTo("2024-02-29");
    assertThat(eval("DATE_SUB('2024-01-01 00:00:00', INTERVAL 1 SECOND)"))
        .isEqualTo("2023-12-31 23:59:59");
    assertThat(eval("DATEDIFF('2024-03-01', '2024-02-01')")).isEqualTo("29");
    assertThat(eval("FROM_UNIXTIME(0, '%Y')")).isEqualTo("1970");
    assertThat(eval("UNIX_TIMESTAMP('1970-01-02 00:00:00') > 0")).isEqualTo("1");
    assertThat(eval("VERSION()")).isEqualTo("8.0.40");
    assertThat(eval("CONNECTION_ID()")).isEqualTo("1");
    assertThat(eval("CURRENT_USER()")).isEqualTo("root@localhost");
    assertThat(eval("USER()")).isEqualTo("root@localhost");
    assertThat(eval("DATABASE()")).isNull();
    assertThat(eval("LENGTH(NOW())")).isEqualTo("19");
    assertThat(eval("LENGTH(NOW(3))")).isEqualTo("23");
    assertThat(eval("CURDATE() = DATE_FORMAT(NOW(), '%Y-%m-%d')")).isEqualTo("1");
  }

  @Test
  void calendarPartsAndUnitArithmetic() {
    String t = "'2024-03-05 07:08:09.250000'";
    assertThat(
            eval(
                "CONCAT_WS(',', YEAR("
                    + t
                    + "), MONTH("
                    + t
                    + "), DAY("
                    + t
                    + "), HOUR("
                    + t
                    + "), MINUTE("
                    + t
                    + "), SECOND("
                    + t
                    + "), MICROSECOND("
                    + t
                    + "))"))
        .isEqualTo("2024,3,5,7,8,9,250000");
    assertThat(eval("QUARTER('2024-11-30')")).isEqualTo("4");
    assertThat(eval("DAYOFWEEK('2024-03-05')")).isEqualTo("3");
    assertThat(eval("WEEKDAY('2024-03-05')")).isEqualTo("1");
    assertThat(eval("DAYOFYEAR('2024-03-05')")).isEqualTo("65");
    assertThat(eval("DAYNAME('2024-03-05')")).isEqualTo("Tuesday");
    assertThat(eval("MONTHNAME('2024-03-05')")).isEqualTo("March");
    assertThat(eval("WEEK('2024-01-01')")).isEqualTo("0");
    assertThat(eval("WEEK('2024-01-07')")).isEqualTo("1");
    assertThat(eval("WEEKOFYEAR('2024-01-01')")).isEqualTo("1");
    assertThat(eval("LAST_DAY('2024-02-10')")).isEqualTo("2024-02-29");
    assertThat(eval("TO_DAYS('1970-01-01')")).isEqualTo("719528");
    assertThat(eval("FROM_DAYS(719528)")).isEqualTo("1970-01-01");
    assertThat(eval("MAKEDATE(2024, 60)")).isEqualTo("2024-02-29");
    assertThat(eval("DATE('2024-03-05 07:08:09')")).isEqualTo("2024-03-05");
    assertThat(eval("TIME('2024-03-05 07:08:09')")).isEqualTo("07:08:09");
    assertThat(eval("HOUR('10:05:03')")).isEqualTo("10");
    assertThat(eval("TIME_TO_SEC('01:00:05')")).isEqualTo("3605");
    assertThat(eval("SEC_TO_TIME(3661)")).isEqualTo("01:01:01");
    assertThat(eval("EXTRACT(YEAR_MONTH FROM '2024-03-05')")).isEqualTo("202403");
    assertThat(eval("TIMESTAMPDIFF(SECOND, '2024-01-01 00:00:00', '2024-01-01 00:01:30')"))
        .isEqualTo("90");
    assertThat(eval("TIMESTAMPDIFF(MONTH, '2024-01-31', '2024-02-29')")).isEqualTo("0");
    assertThat(eval("TIMESTAMPDIFF(QUARTER, '2024-01-01', '2024-12-31')")).isEqualTo("3");
    assertThat(eval("TIMESTAMPDIFF(DAY, '2024-03-05', '2024-03-01')")).isEqualTo("-4");
    assertThat(eval("TIMESTAMPADD(DAY, 1, '2024-02-28')")).isEqualTo("2024-02-29");
    assertThat(eval("TIMESTAMPADD(MINUTE, 90, '2024-02-28 23:00:00')"))
        .isEqualTo("2024-02-29 00:30:00");
    assertThat(eval("YEAR(NULL)")).isNull();
    assertThat(eval("TIMESTAMPDIFF(DAY, NULL, '2024-01-01')")).isNull();
    assertThat(eval("MONTH('not a date')")).isNull();
  }

  @Test
  void variablesInEveryForm() {
    assertThat(eval("@@version_comment")).isEqualTo("Dolly");
    assertThat(eval("@@session.auto_increment_increment")).isEqualTo("1");
    assertThat(eval("@@global.max_connections")).isEqualTo("151");
    assertThat(eval("@@autocommit")).isEqualTo("1");
    assertThat(eval("@@sql_select_limit")).isEqualTo("18446744073709551615");
    assertThat(eval("@x")).isNull();
    assertThat(eval("@x := 5")).isEqualTo("5");
    assertThat(eval("@x + 1")).isEqualTo("6");
    SessionFixture.run(s, "SET @y = 'a', @z = @x * 2");
    assertThat(eval("CONCAT(@y, @z)")).isEqualTo("a10");
    assertThat(eval("LAST_INSERT_ID(7)")).isEqualTo("7");
    assertThat(eval("LAST_INSERT_ID()")).isEqualTo("7");
    assertThat(eval("@@last_insert_id")).isEqualTo("7");
  }

  @Test
  void resultMetadataMatchesMysql() {
    var one = query(s, "SELECT 1").columns().get(0);
    assertThat(one.name()).isEqualTo("1");
    assertThat(one.type()).isEqualTo(ColumnType.LONGLONG);
    assertThat(one.collationId()).isEqualTo(63);
    assertThat(one.length()).isEqualTo(1);
    assertThat(one.flags()).isEqualTo(ColumnFlags.NOT_NULL | ColumnFlags.BINARY | ColumnFlags.NUM);
    assertThat(one.decimals()).isZero();

    var text = query(s, "SELECT 'abc'").columns().get(0);
    assertThat(text.name()).isEqualTo("abc");
    assertThat(text.type()).isEqualTo(ColumnType.VAR_STRING);
    assertThat(text.collationId()).isEqualTo(255);
    assertThat(text.length()).isEqualTo(12);
    assertThat(text.flags()).isEqualTo(ColumnFlags.NOT_NULL);
    assertThat(text.decimals()).isEqualTo(31);

    var dec = query(s, "SELECT 1.5").columns().get(0);
    assertThat(dec.type()).isEqualTo(ColumnType.NEWDECIMAL);
    assertThat(dec.decimals()).isEqualTo(1);
    assertThat(dec.length()).isEqualTo(4);

    var now = query(s, "SELECT NOW()").columns().get(0);
    assertThat(now.name()).isEqualTo("NOW()");
    assertThat(now.type()).isEqualTo(ColumnType.DATETIME);
    assertThat(now.length()).isEqualTo(19);
    assertThat(now.flags() & ColumnFlags.NOT_NULL).isNotZero();

    var version = query(s, "SELECT @@version").columns().get(0);
    assertThat(version.name()).isEqualTo("@@version");
    assertThat(version.type()).isEqualTo(ColumnType.VAR_STRING);
    assertThat(version.flags() & ColumnFlags.NOT_NULL).isZero();

    var nul = query(s, "SELECT NULL").columns().get(0);
    assertThat(nul.type()).isEqualTo(ColumnType.NULL);

    var aliased = query(s, "SELECT 1 + 1 AS two, 3 three").columns();
    assertThat(aliased).extracting(ColumnMeta::name).containsExactly("two", "three");
    assertThat(query(s, "SELECT  1+1 ").columns().get(0).name()).isEqualTo("1+1");
  }

  @Test
  void limitAndWhereOnTablelessSelect() {
    assertThat(query(s, "SELECT 1 LIMIT 0").rows()).isEmpty();
    assertThat(query(s, "SELECT 1 FROM DUAL WHERE 1 = 0").rows()).isEmpty();
    assertThat(query(s, "SELECT 1 UNION SELECT 1").rows()).hasSize(1);
    assertThat(query(s, "SELECT 1 UNION ALL SELECT 1").rows()).hasSize(2);
  }
}
