package io.dolly.server.clone;

import io.dolly.clone.CloneStage;
import io.dolly.clone.status.CloneProgressRow;
import io.dolly.clone.status.CloneState;
import io.dolly.clone.status.CloneStatusBoard;
import io.dolly.clone.status.CloneStatusRow;
import io.dolly.clone.status.IncompleteCloneMarker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acceptance tests' stand-in for the remote transport, which is built separately: when the JVM runs
 * with {@code -D}{@value #PROPERTY}{@code =<file>}, the server watches for that file and, when it
 * appears, provisions itself from a complete copy that another server's CLONE LOCAL wrote into its
 * staging directory. No SQL, option or variable reaches it; without the property nothing runs.
 *
 * <p>The copy's own status record ({@code #clone/status} inside the staging copy) says what its
 * FILE COPY, PAGE COPY, REDO COPY and FILE SYNC moved; those stages are replayed onto this server's
 * board with those byte counts, as the transport would have reported them while copying, so that
 * the board holds the whole clone.
 */
public final class ProvisioningTestTrigger implements AutoCloseable {
  public static final String PROPERTY = "dolly.test.provision-trigger";

  private static final Logger LOG = LoggerFactory.getLogger("Clone");
  private static final Set<CloneStage> COPY_STAGES =
      EnumSet.of(
          CloneStage.FILE_COPY, CloneStage.PAGE_COPY, CloneStage.REDO_COPY, CloneStage.FILE_SYNC);

  private final Thread watcher;
  private volatile boolean closed;

  private ProvisioningTestTrigger(Thread watcher) {
    this.watcher = watcher;
  }

  /** Starts watching when the property is set; otherwise returns a trigger that does nothing. */
  public static ProvisioningTestTrigger startIfConfigured(
      InPlaceProvisioning provisioning, CloneStatusBoard board) {
    String file = System.getProperty(PROPERTY);
    if (file == null || file.isEmpty()) {
      return new ProvisioningTestTrigger(null);
    }
    Path trigger = Path.of(file);
    ProvisioningTestTrigger[] self = new ProvisioningTestTrigger[1];
    Thread t =
        Thread.ofPlatform()
            .daemon(true)
            .name("dolly-provision-trigger")
            .unstarted(() -> self[0].watch(trigger, provisioning, board));
    self[0] = new ProvisioningTestTrigger(t);
    t.start();
    return self[0];
  }

  private void watch(Path trigger, InPlaceProvisioning provisioning, CloneStatusBoard board) {
    while (!closed) {
      try {
        if (Files.deleteIfExists(trigger)) {
          fire(provisioning, board);
          return;
        }
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.error("provisioning trigger failed", e);
        return;
      }
    }
  }

  private static void fire(InPlaceProvisioning provisioning, CloneStatusBoard board)
      throws IOException {
    Path staged = provisioning.stagingDirectory().resolve(IncompleteCloneMarker.CLONE_DIRECTORY);
    CloneStatusBoard copy = CloneStatusBoard.load(staged, InstantSource.system());
    CloneStatusRow record =
        copy.status().orElseThrow(() -> new IOException("no clone record in " + staged));
    board.begin(0, record.source(), "LOCAL INSTANCE");
    for (CloneProgressRow row : copy.progress()) {
      if (COPY_STAGES.contains(row.stage()) && row.state() == CloneState.COMPLETED) {
        board.beginStage(row.stage(), row.estimate(), row.threads());
        board.addBytes(row.stage(), row.data(), row.network());
        board.endStage(row.stage());
      }
    }
    provisioning.provision();
  }

  @Override
  public void close() {
    closed = true;
    if (watcher != null) {
      watcher.interrupt();
    }
  }
}
