package io.dolly.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
  @TempDir Path dir;

  @Test
  void createsLocksAndReportsFreshness() throws Exception {
    Path data = dir.resolve("a/b/data");
    try (DataDirectory d = DataDirectory.lock(data)) {
      assertThat(d.isFresh()).isTrue();
      assertThat(Files.readString(data.resolve("dolly.pid")).strip())
          .isEqualTo(String.valueOf(ProcessHandle.current().pid()));
      String uuid = d.serverUuid();
      assertThat(d.serverUuid()).isEqualTo(uuid);
      assertThatThrownBy(() -> DataDirectory.lock(data))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("Another server is already using the data directory");
    }
    try (DataDirectory again = DataDirectory.lock(data)) {
      assertThat(again.isFresh()).isFalse();
    }
    assertThat(data.resolve("dolly.pid")).doesNotExist();
  }
}
