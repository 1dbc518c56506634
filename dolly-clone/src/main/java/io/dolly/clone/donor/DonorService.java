package io.dolly.clone.donor;

import io.dolly.clone.CloneSlot;
import io.dolly.clone.wire.ChunkPosition;
import io.dolly.clone.wire.CloneProtocol;
import io.dolly.clone.wire.InitRequest;
import io.dolly.clone.wire.SnapshotLocator;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.txn.LockWaitTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The donor role of one server: the remote snapshot that a recipient's INIT opened and its other
 * connections ATTACH to. One at a time, sharing the server's {@link CloneSlot} with local and
 * recipient clones (3634 for a second).
 */
public final class DonorService {
  private static final Logger LOG = LoggerFactory.getLogger(DonorService.class);

  private final StorageEngine engine;
  private final List<String> instanceFiles;
  private final CloneSlot slot;
  private final Supplier<DonorConfig> config;
  private final SecureRandom random = new SecureRandom();
  private long lastId;
  private RemoteSnapshot current;

  /**
   * @param instanceFiles files outside the engine a cloned instance needs (see {@code
   *     CloneSnapshot.open})
   * @param config the donor's settings, read at each INIT
   */
  public DonorService(
      StorageEngine engine,
      List<String> instanceFiles,
      CloneSlot slot,
      Supplier<DonorConfig> config) {
    this.engine = engine;
    this.instanceFiles = List.copyOf(instanceFiles);
    this.slot = slot;
    this.config = config;
  }

  /** The donor's settings now. */
  DonorConfig config() {
    return config.get();
  }

  /**
   * INIT: takes the clone slot (3871 when this server's own in-place clone holds it) and opens a
   * snapshot, waiting up to the recipient's clone_ddl_timeout for running DDL (else 1205). With a
   * timeout of 0 a DDL aborts the clone (3633) instead of waiting for it, as {@code
   * clone_ddl_timeout=0} says. The donor's max_allowed_packet travels in CONFIG; the recipient
   * checks both sides' (3957).
   */
  RemoteSnapshot begin(InitRequest init) {
    slot.acquireAsDonor();
    try {
      long id;
      synchronized (this) {
        id = ++lastId;
      }
      SnapshotLocator locator = SnapshotLocator.random(id, random);
      RemoteSnapshot[] self = new RemoteSnapshot[1];
      CloneSnapshot snapshot;
      try {
        snapshot =
            CloneSnapshot.open(
                engine,
                instanceFiles,
                Duration.ofSeconds(init.ddlTimeoutSeconds()),
                init.ddlTimeoutSeconds() == 0
                    ? () -> {
                      RemoteSnapshot s = self[0];
                      if (s != null) {
                        s.abort(new MysqlException(ErrorCode.ER_CLONE_DDL_IN_PROGRESS));
                      }
                    }
                    : null);
      } catch (LockWaitTimeoutException e) {
        throw new MysqlException(e, ErrorCode.ER_LOCK_WAIT_TIMEOUT);
      }
      RemoteSnapshot s = new RemoteSnapshot(locator, snapshot, init.codec());
      self[0] = s;
      synchronized (this) {
        current = s;
      }
      return s;
    } catch (RuntimeException e) {
      slot.release();
      throw e;
    }
  }

  /** ATTACH: the snapshot the locator names, or 3863 when there is none (ended or never was). */
  synchronized RemoteSnapshot attach(SnapshotLocator locator) {
    RemoteSnapshot s = current;
    if (s == null || !s.locator().matches(locator) || s.ended()) {
      throw CloneProtocol.malformed("ATTACH names no running clone snapshot");
    }
    return s;
  }

  /**
   * Server shutdown, before the engine closes: a snapshot being served fails at its next chunk with
   * 1053 (the recipient sees 3862 wrapping it), and this waits up to {@code wait} for its master to
   * release it.
   */
  public void shutdown(Duration wait) {
    RemoteSnapshot s;
    synchronized (this) {
      s = current;
    }
    if (s != null) {
      s.abort(new MysqlException(ErrorCode.ER_SERVER_SHUTDOWN));
      slot.awaitFree(wait);
    }
  }

  /**
   * REINIT: a new master connection for the snapshot the locator names, which must be waiting after
   * a network failure (else 3863).
   */
  synchronized RemoteSnapshot reattach(SnapshotLocator locator, ChunkPosition lastApplied) {
    RemoteSnapshot s = current;
    if (s == null || !s.locator().matches(locator) || s.ended()) {
      throw CloneProtocol.malformed("REINIT names no clone snapshot waiting to resume");
    }
    s.setAttached(true);
    s.resume(lastApplied);
    return s;
  }

  /**
   * The master's connection was lost mid-clone: the snapshot (and the slot) wait up to {@code
   * minutes} for the recipient to resume with REINIT, then end.
   */
  void detach(RemoteSnapshot s, long minutes) {
    int detachment;
    synchronized (this) {
      s.setAttached(false);
      detachment = s.detach();
    }
    LOG.info(
        "clone snapshot {} lost its master connection; waiting {} min for the recipient to resume",
        s.locator().snapshotId(),
        minutes);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
    Thread.ofVirtual()
        .name("dolly-clone-resume-wait")
        .start(
            () -> {
              while (System.nanoTime() < deadline && s.stillDetached(detachment)) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  break;
                }
              }
              synchronized (this) {
                if (!s.stillDetached(detachment)) {
                  return;
                }
              }
              LOG.info("clone snapshot {} was not resumed; released", s.locator().snapshotId());
              end(s);
            });
  }

  /**
   * The recipient abandoned the clone: its connections stop at their next check, and a snapshot
   * waiting for a resume is released now.
   */
  void abandon(RemoteSnapshot s) {
    s.abort(new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED));
    LOG.info("clone snapshot {} abandoned by the recipient", s.locator().snapshotId());
    if (s.isDetached()) {
      end(s);
    }
  }

  /** The master's connection ended: releases the snapshot and the slot. */
  void end(RemoteSnapshot s) {
    synchronized (this) {
      if (current != s) {
        return;
      }
      current = null;
    }
    try {
      s.close();
    } finally {
      slot.release();
    }
  }
}
