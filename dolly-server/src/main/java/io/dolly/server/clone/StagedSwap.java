package io.dolly.server.clone;

import io.dolly.clone.recipient.TargetDirectory;
import io.dolly.clone.status.IncompleteCloneMarker;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.redo.CheckpointFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The file side of an in-place swap in a data directory whose engine is closed: moves the old
 * instance into {@code #clone/old/} and the staged one from {@code #clone/staging/} into its place,
 * deletes the old one after the new one recovered, or rolls back to the old one. Every step is
 * recorded in {@link SwapJournal} before it starts and can be run again from its beginning, so
 * {@link #forwardToRecovery}, {@link #dropOld} and {@link #rollBack} may be called with the
 * journal's record after a crash at any point and still leave one whole instance.
 */
final class StagedSwap {
  static final String STAGING = "staging";
  static final String OLD = "old";

  /**
   * Called before every durable step (journal record, rename, delete) with a name for it. The
   * server passes a no-op; crash tests stop the swap at each step in turn.
   */
  interface Steps {
    Steps NONE = step -> {};

    void before(String step) throws IOException;
  }

  private final Path root;
  private final Path cloneDir;
  private final Path staging;
  private final Path old;
  private final Steps steps;

  StagedSwap(Path datadir, Steps steps) {
    this.root = datadir;
    this.cloneDir = datadir.resolve(IncompleteCloneMarker.CLONE_DIRECTORY);
    this.staging = cloneDir.resolve(STAGING);
    this.old = cloneDir.resolve(OLD);
    this.steps = steps;
  }

  Path cloneDir() {
    return cloneDir;
  }

  Path staging() {
    return staging;
  }

  /**
   * Why the staging directory cannot become the instance, or empty when it is complete: it exists,
   * the copy that wrote it finished (no {@code #clone/in_progress} inside) and it holds a redo log
   * with its checkpoint file (without one the engine would initialize a new, empty instance).
   */
  Optional<String> stagingIncomplete() {
    if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of("there is no staging directory " + staging);
    }
    if (IncompleteCloneMarker.refusalReason(staging).isPresent()) {
      return Optional.of("the copy in " + staging + " is incomplete");
    }
    Path checkpoint = staging.resolve(StorageEngine.REDO_DIR).resolve(CheckpointFile.NAME);
    if (!Files.isRegularFile(checkpoint, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(staging + " holds no redo checkpoint (" + checkpoint + ")");
    }
    return Optional.empty();
  }

  /** Records that a complete staging copy is to replace the instance: the swap's first step. */
  void stage(long delaySeconds) throws IOException {
    record(new SwapJournal.Entry(SwapPhase.STAGED, delaySeconds));
  }

  /**
   * From the recorded step up to {@link SwapPhase#RECOVERING}: old entries into {@code old/},
   * staged entries into root. Returns the record of the step it reached.
   */
  SwapJournal.Entry forwardToRecovery(SwapJournal.Entry from) throws IOException {
    SwapJournal.Entry at = from;
    if (at.phase() == SwapPhase.STAGED) {
      at = record(at.next(SwapPhase.MOVING_OLD));
    }
    if (at.phase() == SwapPhase.MOVING_OLD) {
      Files.createDirectories(old);
      FileMoves.syncDirectory(cloneDir);
      moveEntries(root, old);
      at = record(at.next(SwapPhase.MOVING_NEW));
    }
    if (at.phase() == SwapPhase.MOVING_NEW) {
      moveEntries(staging, root);
      at = record(at.next(SwapPhase.RECOVERING));
    }
    if (at.phase() != SwapPhase.RECOVERING) {
      throw new IllegalStateException("cannot go forward from " + from.phase());
    }
    return at;
  }

  /** The new instance recovered: the old one may go. Recorded before anything is deleted. */
  SwapJournal.Entry beginDropOld(SwapJournal.Entry from) throws IOException {
    return from.phase() == SwapPhase.DROPPING_OLD
        ? from
        : record(from.next(SwapPhase.DROPPING_OLD));
  }

  /** Deletes the old instance and what is left of staging, then the journal: the swap is done. */
  void dropOld() throws IOException {
    steps.before("delete " + old);
    TargetDirectory.removeTree(old);
    steps.before("delete " + staging);
    TargetDirectory.removeTree(staging);
    finish();
  }

  /**
   * Back to the old instance from any step before {@link SwapPhase#DROPPING_OLD}: new entries out
   * of root (when there can be any), then old entries back, then staging and the journal deleted.
   * It starts from the step the journal records, not from what a caller last saw: a step that
   * failed half-way may have recorded its successor already.
   */
  void rollBack() throws IOException {
    Optional<SwapJournal.Entry> recorded = SwapJournal.read(cloneDir);
    SwapJournal.Entry from = recorded.orElse(new SwapJournal.Entry(SwapPhase.STAGED, 0));
    if (!from.phase().oldDataWhole()) {
      throw new IllegalStateException("the old data is being deleted; the swap cannot roll back");
    }
    SwapJournal.Entry at = from;
    if (at.phase().newEntriesInRoot()) {
      at = at.phase() == SwapPhase.REMOVING_NEW ? at : record(at.next(SwapPhase.REMOVING_NEW));
      for (Path entry : FileMoves.instanceEntries(root)) {
        steps.before("delete " + entry);
        TargetDirectory.removeTree(entry);
      }
      FileMoves.syncDirectory(root);
    }
    if (at.phase() != SwapPhase.RESTORING_OLD) {
      at = record(at.next(SwapPhase.RESTORING_OLD));
    }
    moveEntries(old, root);
    steps.before("delete " + old);
    TargetDirectory.removeTree(old);
    steps.before("delete " + staging);
    TargetDirectory.removeTree(staging);
    finish();
  }

  /**
   * With no swap recorded, a staging directory is a copy that never completed (or whose swap never
   * began) and {@code old/} a remnant: both are removed at start. Returns what was removed.
   */
  Optional<String> removeLeftovers() throws IOException {
    StringBuilder removed = new StringBuilder();
    for (Path leftover : new Path[] {staging, old}) {
      if (Files.exists(leftover, LinkOption.NOFOLLOW_LINKS)) {
        steps.before("delete " + leftover);
        TargetDirectory.removeTree(leftover);
        removed.append(removed.isEmpty() ? "" : ", ").append(leftover);
      }
    }
    return removed.isEmpty() ? Optional.empty() : Optional.of(removed.toString());
  }

  private void finish() throws IOException {
    FileMoves.syncDirectory(cloneDir);
    steps.before("delete journal");
    SwapJournal.delete(cloneDir);
  }

  /** Moves every instance entry of {@code from} into {@code to}, one atomic rename each. */
  private void moveEntries(Path from, Path to) throws IOException {
    for (Path entry : FileMoves.instanceEntries(from)) {
      Path target = to.resolve(entry.getFileName().toString());
      steps.before("move " + entry + " to " + target);
      FileMoves.move(entry, target);
    }
    FileMoves.syncDirectory(to);
    if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
      FileMoves.syncDirectory(from);
    }
  }

  private SwapJournal.Entry record(SwapJournal.Entry entry) throws IOException {
    steps.before("record " + entry.phase());
    SwapJournal.write(cloneDir, entry);
    return entry;
  }
}
