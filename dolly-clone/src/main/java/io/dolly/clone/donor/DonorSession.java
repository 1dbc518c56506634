package io.dolly.clone.donor;

import io.dolly.clone.wire.AckRequest;
import io.dolly.clone.wire.AttachRequest;
import io.dolly.clone.wire.CloneProtocol;
import io.dolly.clone.wire.CloneRequest;
import io.dolly.clone.wire.CollationResponse;
import io.dolly.clone.wire.CompleteResponse;
import io.dolly.clone.wire.ConfigResponse;
import io.dolly.clone.wire.ErrorResponse;
import io.dolly.clone.wire.ExecuteRequest;
import io.dolly.clone.wire.ExitRequest;
import io.dolly.clone.wire.InitRequest;
import io.dolly.clone.wire.LocsResponse;
import io.dolly.clone.wire.PluginResponse;
import io.dolly.clone.wire.ReinitRequest;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.wire.PacketChannel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One donor connection in clone mode, after the server answered COM_CLONE with OK: reads requests
 * and answers each with its responses and then COMPLETE, or ERROR (see {@code
 * io.dolly.clone.wire}). The connection that sent INIT is the snapshot's master; when it ends, for
 * whatever reason, the snapshot and the server's clone slot are released.
 *
 * <p>After an ERROR the clone cannot go on (a half-sent stream, a killed session, a refused INIT),
 * so the session ends and the caller closes the connection.
 */
public final class DonorSession {
  private static final Logger LOG = LoggerFactory.getLogger(DonorSession.class);

  private final PacketChannel channel;
  private final DonorService service;
  private final BooleanSupplier killed;
  private final long connectionId;
  private RemoteSnapshot snapshot;
  private boolean master;

  /**
   * @param killed true once the session was killed (KILL QUERY or KILL CONNECTION)
   */
  public DonorSession(
      PacketChannel channel, DonorService service, BooleanSupplier killed, long connectionId) {
    this.channel = channel;
    this.service = service;
    this.killed = killed;
    this.connectionId = connectionId;
  }

  /**
   * Serves requests until EXIT (true: the connection may go on with ordinary commands) or an error
   * (false: close it).
   */
  public boolean serve() throws IOException {
    try {
      while (true) {
        channel.resetSequence();
        byte[] packet = channel.readPayload();
        try {
          CloneRequest request = CloneRequest.decode(packet);
          if (request instanceof ExitRequest) {
            channel.send(new CompleteResponse().encode());
            return true;
          }
          handle(request);
          channel.send(new CompleteResponse().encode());
        } catch (MysqlException e) {
          LOG.info(
              "clone donor connection {} ends: {} {}",
              connectionId,
              e.errorNumber(),
              e.getMessage());
          channel.send(ErrorResponse.of(e).encode());
          return false;
        }
      }
    } finally {
      if (master) {
        service.end(snapshot);
      }
    }
  }

  private void handle(CloneRequest request) throws IOException {
    switch (request) {
      case InitRequest init -> {
        requireNoSnapshot();
        snapshot = service.begin(init);
        master = true;
        LOG.info(
            "clone donor connection {} started snapshot {} ({}; TLS {})",
            connectionId,
            snapshot.locator().snapshotId(),
            init.codec(),
            channel.isTls() ? channel.tlsVersion() + " " + channel.tlsCipher() : "off");
        sendConfig();
        channel.writePayload(new LocsResponse(snapshot.locator()).encode());
      }
      case AttachRequest attach -> {
        requireNoSnapshot();
        snapshot = service.attach(attach.locator());
        LOG.info(
            "clone donor connection {} attached to snapshot {} (TLS {})",
            connectionId,
            snapshot.locator().snapshotId(),
            channel.isTls() ? channel.tlsVersion() + " " + channel.tlsCipher() : "off");
        channel.writePayload(new LocsResponse(snapshot.locator()).encode());
      }
      case ExecuteRequest execute -> {
        if (snapshot == null) {
          throw CloneProtocol.malformed("EXECUTE before INIT or ATTACH");
        }
        if (master) {
          snapshot.streamMaster(channel, killed);
        } else {
          snapshot.streamWorker(channel, killed);
        }
      }
      case AckRequest ack -> {
        if (snapshot == null) {
          throw CloneProtocol.malformed("ACK before INIT or ATTACH");
        }
        if (ack.errorNumber() != 0) {
          snapshot.abort(new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED));
        }
      }
      case ReinitRequest reinit ->
          throw CloneProtocol.malformed("REINIT: resuming an interrupted clone is not supported");
      case ExitRequest exit -> throw new AssertionError("handled by serve");
    }
  }

  private void requireNoSnapshot() {
    if (snapshot != null) {
      throw CloneProtocol.malformed("a second INIT or ATTACH on one connection");
    }
  }

  /** CONFIG, then PLUGIN and COLLATION: what the recipient checks before any data moves. */
  private void sendConfig() throws IOException {
    DonorConfig c = service.config();
    CloneSnapshot s = snapshot.snapshot();
    List<ConfigResponse.Entry> entries = new ArrayList<>();
    entries.add(new ConfigResponse.Entry(ConfigResponse.VERSION, c.version()));
    entries.add(new ConfigResponse.Entry(ConfigResponse.VERSION_COMPILE_OS, c.os()));
    entries.add(new ConfigResponse.Entry(ConfigResponse.VERSION_COMPILE_MACHINE, c.machine()));
    entries.add(
        new ConfigResponse.Entry(ConfigResponse.INNODB_PAGE_SIZE, String.valueOf(s.pageSize())));
    entries.add(
        new ConfigResponse.Entry(ConfigResponse.CHARACTER_SET_SERVER, c.characterSetServer()));
    entries.add(new ConfigResponse.Entry(ConfigResponse.COLLATION_SERVER, c.collationServer()));
    entries.add(
        new ConfigResponse.Entry(
            ConfigResponse.MAX_ALLOWED_PACKET, String.valueOf(c.maxAllowedPacket())));
    entries.add(
        new ConfigResponse.Entry(
            ConfigResponse.ESTIMATED_BYTES, String.valueOf(snapshot.estimatedBytes())));
    entries.add(new ConfigResponse.Entry(ConfigResponse.INSTANCE_ID, s.instanceId().toString()));
    entries.add(
        new ConfigResponse.Entry(
            ConfigResponse.REDO_FILE_CAPACITY, String.valueOf(s.redoFileCapacity())));
    channel.writePayload(new ConfigResponse(entries).encode());
    channel.writePayload(new PluginResponse("clone", "").encode());
    for (String collation : c.collations()) {
      channel.writePayload(new CollationResponse(collation).encode());
    }
  }
}
