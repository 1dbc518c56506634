package io.dolly.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerOptionsTest {
  @TempDir Path dir;

  @Test
  void acceptsBothValueFormsDashesAndSkip() throws IOException {
    ServerOptions o =
        ServerOptions.parse(
            List.of(
                "--port", "3307", "--bind-address=0.0.0.0", "--max_connections=9",
                "--skip-require-secure-transport", "--initialize"));
    assertThat(o.port()).isEqualTo(3307);
    assertThat(o.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(o.flag("initialize")).isTrue();
    assertThat(o.systemVariables())
        .containsEntry("max_connections", "9")
        .containsEntry("require_secure_transport", "OFF")
        .doesNotContainKeys("port", "initialize");
  }

  @Test
  void defaultsFileSectionsAreReadAndTheCommandLineWins() throws IOException {
    Path extra = Files.createDirectories(dir.resolve("conf.d"));
    Files.writeString(extra.resolve("a.cnf"), "[mysqld]\nwait_timeout=5\n");
    Files.writeString(extra.resolve("ignored.txt"), "[mysqld]\nwait_timeout=6\n");
    Path cnf = dir.resolve("my.cnf");
    Files.writeString(
        cnf,
        """
        # comment
        [client]
        port=1
        [mysqld]
        port = 3310
        datadir = "/var/lib/dolly"   # inline comment
        max-connections=50
        !includedir conf.d
        [dolly]
        max_allowed_packet=16M
        [mysqldump]
        quick
        """);
    ServerOptions o =
        ServerOptions.parse(List.of("--defaults-file=" + cnf, "--max-connections", "60"));
    assertThat(o.port()).isEqualTo(3310);
    assertThat(o.datadir()).isEqualTo(Path.of("/var/lib/dolly"));
    assertThat(o.systemVariables())
        .containsEntry("max_connections", "60")
        .containsEntry("wait_timeout", "5")
        .containsEntry("max_allowed_packet", "16M")
        .doesNotContainKey("quick");
  }

  @Test
  void badInputIsAClearError() {
    assertThatThrownBy(() -> ServerOptions.parse(List.of("stray")))
        .hasMessageContaining("unexpected argument 'stray'");
    assertThatThrownBy(() -> ServerOptions.parse(List.of("--port=99999")).port())
        .hasMessageContaining("invalid port '99999'");
    assertThatThrownBy(() -> ServerOptions.parse(List.of("--defaults-file=/nonexistent/my.cnf")))
        .hasMessageContaining("Could not open required defaults file");
  }
}
