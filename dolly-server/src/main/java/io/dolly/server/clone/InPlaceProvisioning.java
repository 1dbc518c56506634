package io.dolly.server.clone;

import io.dolly.clone.CloneStage;
import io.dolly.clone.status.CloneProgressRow;
import io.dolly.clone.status.CloneState;
import io.dolly.clone.status.CloneStatusBoard;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-place provisioning (CLONE.md §6): the running server becomes the instance a clone copied into
 * its staging directory, {@code <datadir>/#clone/staging/}, without a supervisor and without ever
 * being left on a mix of two instances.
 *
 * <p>{@link #provision()} is the one entry point for a clone transport once its copy in {@link
 * #stagingDirectory()} is complete and synced: it records the swap, opens the RESTART stage and
 * asks the server to restart in-process. The server then ends every session (the cloning client
 * sees its connection drop, as with MySQL's restart), closes the engine and starts again; at that
 * start, and at every start, {@link #resumeAtStart} reads the swap journal and moves the files: the
 * old instance into {@code #clone/old/}, the staged one into its place. The server then opens the
 * engine, which recovers the new instance (RECOVERY), and calls {@link Pending#recovered()}: only
 * now is the old instance deleted (DROP DATA, after {@code clone_delay_after_data_drop}) and the
 * clone Completed. Any failure before that — a rename, the recovery, the new accounts — comes to
 * {@link Pending#failed}, which restores the old instance; the clone reads Failed. A crash at any
 * point is finished or rolled back by the next start from the journal ({@link SwapPhase}).
 *
 * <p>What a transport does: checks CLONE_ADMIN and the rest as for any clone, begins the clone on
 * the board with DESTINATION {@code LOCAL INSTANCE}, writes the donor's instance into {@link
 * #stagingDirectory()} (a new directory, as {@code TargetDirectory.create} makes it, marked with
 * {@code #clone/in_progress} until synced), reports FILE COPY to FILE SYNC on the board but leaves
 * DROP DATA alone (it runs here, after recovery), syncs everything, then calls {@link
 * #provision()}. On a failure before that, it fails the clone on the board and removes the staging
 * directory (a start removes one no swap claims anyway).
 */
public final class InPlaceProvisioning {
  private static final Logger LOG = LoggerFactory.getLogger("Clone");

  /** MySQL's clone_status text when the recipient could not recover the cloned data. */
  static final String RECOVERY_FAILED =
      "Recovery failed. Please Retry Clone. For details, look into server error log.";

  private final StagedSwap swap;
  private final CloneStatusBoard board;
  private final LongSupplier delayAfterDataDrop;
  private final Runnable restart;

  /**
   * @param datadir the server's data directory
   * @param board the server's status board, on which the transport began the clone
   * @param delayAfterDataDrop {@code clone_delay_after_data_drop} in seconds, read when staged
   * @param restart ends every session and restarts the server in-process
   */
  public InPlaceProvisioning(
      Path datadir, CloneStatusBoard board, LongSupplier delayAfterDataDrop, Runnable restart) {
    this(datadir, board, delayAfterDataDrop, restart, StagedSwap.Steps.NONE);
  }

  InPlaceProvisioning(
      Path datadir,
      CloneStatusBoard board,
      LongSupplier delayAfterDataDrop,
      Runnable restart,
      StagedSwap.Steps steps) {
    this.swap = new StagedSwap(datadir, steps);
    this.board = board;
    this.delayAfterDataDrop = delayAfterDataDrop;
    this.restart = restart;
  }

  /** Where a clone transport writes the instance that is to replace this one. */
  public Path stagingDirectory() {
    return swap.staging();
  }

  /**
   * The staging copy is complete and synced: replace this server's instance with it. Returns once
   * the restart is under way; the caller's connection is closed by it.
   *
   * @throws IllegalStateException when no clone runs on the board, the staging copy is incomplete
   *     or a swap is already staged — mistakes of the caller, not of the user
   */
  public void provision() throws IOException {
    if (!board.running()) {
      throw new IllegalStateException("no clone in progress to provision from");
    }
    Optional<String> incomplete = swap.stagingIncomplete();
    if (incomplete.isPresent()) {
      throw new IllegalStateException("cannot provision: " + incomplete.get());
    }
    if (SwapJournal.read(swap.cloneDir()).isPresent()) {
      throw new IllegalStateException("an in-place swap is already under way");
    }
    swap.stage(delayAfterDataDrop.getAsLong());
    enter(board, CloneStage.RESTART);
    LOG.info("in-place clone: staged copy complete; restarting on it");
    restart.run();
  }

  /**
   * The startup hook, before anything reads the data directory: finishes or rolls back a swap the
   * journal records, and removes a staging copy no swap claims. Returns the swap waiting for the
   * engine to recover the new instance, or empty when the server simply starts on what is there.
   *
   * @throws IOException when a file cannot be moved back or deleted; the journal stays, so the next
   *     start tries again
   */
  public static Optional<Pending> resumeAtStart(Path datadir, InstantSource clock)
      throws IOException {
    return resumeAtStart(datadir, clock, StagedSwap.Steps.NONE);
  }

  static Optional<Pending> resumeAtStart(Path datadir, InstantSource clock, StagedSwap.Steps steps)
      throws IOException {
    StagedSwap swap = new StagedSwap(datadir, steps);
    Optional<SwapJournal.Entry> recorded = SwapJournal.read(swap.cloneDir());
    if (recorded.isEmpty()) {
      swap.removeLeftovers()
          .ifPresent(removed -> LOG.info("removed an incomplete clone staging copy: {}", removed));
      return Optional.empty();
    }
    SwapJournal.Entry entry = recorded.get();
    CloneStatusBoard board = CloneStatusBoard.loadContinuing(swap.cloneDir(), clock);
    Pending pending = new Pending(swap, board, entry);
    switch (entry.phase()) {
      case DROPPING_OLD -> {
        LOG.info("in-place clone: finishing the deletion of the old data");
        pending.dropOld(null);
        return Optional.empty();
      }
      case REMOVING_NEW, RESTORING_OLD -> {
        LOG.info("in-place clone: finishing the rollback to the old data ({})", entry.phase());
        pending.rollBack(new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED));
        return Optional.empty();
      }
      default -> {
        return pending.forward();
      }
    }
  }

  /** A swap whose new instance is in place and awaits recovery; the server reports the outcome. */
  public static final class Pending {
    private final StagedSwap swap;
    private final CloneStatusBoard board;
    private SwapJournal.Entry at;
    private boolean settled;

    private Pending(StagedSwap swap, CloneStatusBoard board, SwapJournal.Entry at) {
      this.swap = swap;
      this.board = board;
      this.at = at;
    }

    private Optional<Pending> forward() throws IOException {
      if (at.phase().compareTo(SwapPhase.MOVING_NEW) < 0) {
        Optional<String> incomplete = swap.stagingIncomplete();
        if (incomplete.isPresent()) {
          LOG.error("in-place clone cannot continue: {}", incomplete.get());
          rollBack(
              new MysqlException(ErrorCode.ER_INTERNAL_ERROR, incomplete.get()).getMessage(),
              ErrorCode.ER_INTERNAL_ERROR.number());
          return Optional.empty();
        }
      }
      enter(board, CloneStage.RESTART);
      try {
        at = swap.forwardToRecovery(at);
      } catch (IOException e) {
        LOG.error("in-place clone: swapping in the new data failed, rolling back", e);
        rollBack(
            new MysqlException(
                    ErrorCode.ER_INTERNAL_ERROR, "in-place swap failed: " + e.getMessage())
                .getMessage(),
            ErrorCode.ER_INTERNAL_ERROR.number());
        return Optional.empty();
      }
      leave(board, CloneStage.RESTART);
      enter(board, CloneStage.RECOVERY);
      LOG.info("in-place clone: the cloned data is in place; recovering it");
      return Optional.of(this);
    }

    /**
     * The engine recovered the new instance and everything the server reads from it opened: DROP
     * DATA deletes the old instance after {@code clone_delay_after_data_drop}, and the clone is
     * Completed.
     */
    public void recovered(BooleanSupplier stopping) throws IOException {
      settled = true;
      leave(board, CloneStage.RECOVERY);
      dropOld(stopping);
    }

    /** True once the new instance was reported recovered: from then on there is no way back. */
    public boolean isSettled() {
      return settled;
    }

    /**
     * Opening the new instance failed: back to the old one, and the clone reads Failed with MySQL's
     * recovery-failure error. The server then starts again on the old instance.
     */
    public void failed(Exception cause) throws IOException {
      if (settled) {
        throw new IllegalStateException("the new instance was already reported recovered");
      }
      settled = true;
      LOG.error(
          "in-place clone: the cloned data failed to open; rolling back to the old data", cause);
      rollBack(RECOVERY_FAILED, ErrorCode.ER_INTERNAL_ERROR.number());
    }

    /** DROP DATA; {@code stopping} is null when the delay was already served (a restart). */
    private void dropOld(BooleanSupplier stopping) throws IOException {
      at = swap.beginDropOld(at);
      enter(board, CloneStage.DROP_DATA);
      if (stopping != null && at.delaySeconds() > 0) {
        LOG.info("in-place clone: clone_delay_after_data_drop, waiting {} s", at.delaySeconds());
        waitUnlessStopping(at.delaySeconds() * 1000L, stopping);
      }
      swap.dropOld();
      if (board.running()) {
        leave(board, CloneStage.DROP_DATA);
        board.complete();
      }
      LOG.info("in-place clone: Completed; the old data is deleted");
    }

    /**
     * Waits in short steps so that SIGTERM cuts the wait short. Not by interrupting the thread: an
     * interrupt would close the file channels the engine and the swap still use.
     */
    private static void waitUnlessStopping(long millis, BooleanSupplier stopping) {
      long deadline = System.nanoTime() + millis * 1_000_000L;
      while (!stopping.getAsBoolean() && System.nanoTime() < deadline) {
        try {
          Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    private void rollBack(MysqlException error) throws IOException {
      rollBack(error.getMessage(), error.errorNumber());
    }

    private void rollBack(String message, int errorNo) throws IOException {
      // The board fails first: from here on the clone is Failed whatever happens to the files.
      if (board.running()) {
        board.fail(errorNo, message);
      }
      swap.rollBack();
      LOG.info("in-place clone: rolled back; serving the old data");
    }
  }

  /** Begins {@code stage} unless it already began (a start after a crash repeats steps). */
  private static void enter(CloneStatusBoard board, CloneStage stage) {
    if (board.running() && state(board, stage) == CloneState.NOT_STARTED) {
      board.beginStage(stage, 0, 1);
    }
  }

  /** Ends {@code stage} when it runs. */
  private static void leave(CloneStatusBoard board, CloneStage stage) {
    if (board.running() && state(board, stage) == CloneState.IN_PROGRESS) {
      board.endStage(stage);
    }
  }

  private static CloneState state(CloneStatusBoard board, CloneStage stage) {
    for (CloneProgressRow row : board.progress()) {
      if (row.stage() == stage) {
        return row.state();
      }
    }
    return CloneState.NOT_STARTED;
  }
}
