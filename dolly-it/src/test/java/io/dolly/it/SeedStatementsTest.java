package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedStatementsTest {
  @Test
  void sqlBlocksSplitAtSemicolonsAndSkipCommentsShellLinesAndErrorOutput() {
    String md =
        """
        Prose with SELECT in it.
        ```sql
        -- a comment
        SELECT a,
            b FROM t;  -- trailing
        ERROR 3707 (HY000): Clone Donor Error: 1045 :
        Access denied for user
        mysqldump db > backup.sql
        SHOW VARIABLES LIKE 'x%'
        ```
        """;

    assertThat(SeedStatements.of(md))
        .containsExactly("SELECT a, b FROM t", "SHOW VARIABLES LIKE 'x%'");
  }

  @Test
  void scriptsGiveTheirEmbeddedSqlInOrder() {
    String md =
        """
        ```bash
        mysql -h $H -u u -p$P -e "SELECT 1" &>/dev/null
        status=$(mysql -N -e "
            SELECT STATE FROM s
            ORDER BY ID DESC LIMIT 1;
            ")
        SET GLOBAL tmpdir = '/t';
        echo "SELECT nothing"
        ```
        ```python
        query = \"""
            SELECT x FROM y
        \"""
        from datetime import datetime
        ```
        """;

    assertThat(SeedStatements.of(md))
        .containsExactly(
            "SELECT 1",
            "SELECT STATE FROM s ORDER BY ID DESC LIMIT 1",
            "SET GLOBAL tmpdir = '/t'",
            "SELECT x FROM y");
  }
}
