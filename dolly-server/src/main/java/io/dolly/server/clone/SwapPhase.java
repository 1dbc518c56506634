package io.dolly.server.clone;

/**
 * The steps of an in-place swap, in the order they run, as {@link SwapJournal} records them. Each
 * is recorded before it starts and is safe to run again from its beginning, so a start after a
 * crash repeats the recorded step and carries on.
 *
 * <p>Where the files are in each step ({@code root} is the data directory; kept files such as
 * auto.cnf, TLS keys, the error log and {@code #clone/} never move):
 *
 * <ul>
 *   <li>{@link #STAGED}: the old instance in root, the new one complete and synced in {@code
 *       #clone/staging/}. Nothing has moved.
 *   <li>{@link #MOVING_OLD}: old entries move one by one from root into {@code #clone/old/}; root
 *       holds only old entries (and kept files).
 *   <li>{@link #MOVING_NEW}: every old entry is in {@code #clone/old/}; staged entries move into
 *       root, so every root entry that is not kept is new.
 *   <li>{@link #RECOVERING}: the new instance is whole in root; the engine opens and recovers it.
 *   <li>{@link #DROPPING_OLD}: recovery succeeded; {@code #clone/old/} is deleted (DROP DATA).
 *   <li>{@link #REMOVING_NEW}: rolling back after a failure in MOVING_NEW or RECOVERING: every root
 *       entry that is not kept is new and is deleted, then the staging directory.
 *   <li>{@link #RESTORING_OLD}: root holds no instance entries; old entries move back into root.
 * </ul>
 */
enum SwapPhase {
  STAGED,
  MOVING_OLD,
  MOVING_NEW,
  RECOVERING,
  DROPPING_OLD,
  REMOVING_NEW,
  RESTORING_OLD;

  /** True while the old instance is whole (in root or in {@code #clone/old/}). */
  boolean oldDataWhole() {
    return this != DROPPING_OLD;
  }

  /** True when root may hold new entries, so a rollback must remove them first. */
  boolean newEntriesInRoot() {
    return this == MOVING_NEW || this == RECOVERING || this == REMOVING_NEW;
  }

  /** True for the steps of a rollback. */
  boolean rollingBack() {
    return this == REMOVING_NEW || this == RESTORING_OLD;
  }
}
