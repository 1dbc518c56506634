package io.dolly.clone.donor;

import io.dolly.clone.CloneSlot;
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
import java.util.function.Supplier;

/**
 * The donor role of one server: the remote snapshot that a recipient's INIT opened and its other
 * connections ATTACH to. One at a time, sharing the server's {@link CloneSlot} with local and
 * recipient clones (3634 for a second).
 */
public final class DonorService {
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

  /** The master's connection ended: releases the snapshot and the slot. */
  void end(RemoteSnapshot s) {
    synchronized (this) {
      if (current == s) {
        current = null;
      }
    }
    try {
      s.close();
    } finally {
      slot.release();
    }
  }
}
