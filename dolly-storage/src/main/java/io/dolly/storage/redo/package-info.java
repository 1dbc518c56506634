/**
 * The redo log: record formats, group framing, numbered redo files, checkpoints, group commit, and
 * the hooks clone uses (retention, range reads, commit hold).
 */
package io.dolly.storage.redo;
