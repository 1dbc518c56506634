package io.dolly.clone.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.clone.CloneStage;
import io.dolly.clone.transfer.BandwidthThrottle;
import io.dolly.clone.transfer.ChunkCodec;
import io.dolly.clone.transfer.ChunkDecoder;
import io.dolly.clone.transfer.ChunkEncoder;
import io.dolly.clone.transfer.EncodedChunk;
import io.dolly.clone.wire.AckRequest;
import io.dolly.clone.wire.ChunkDescriptor;
import io.dolly.clone.wire.ChunkPosition;
import io.dolly.clone.wire.CloneProtocol;
import io.dolly.clone.wire.CloneRequest;
import io.dolly.clone.wire.CloneResponse;
import io.dolly.clone.wire.CompleteResponse;
import io.dolly.clone.wire.ConfigResponse;
import io.dolly.clone.wire.DataDescResponse;
import io.dolly.clone.wire.DataResponse;
import io.dolly.clone.wire.ExecuteRequest;
import io.dolly.clone.wire.ExitRequest;
import io.dolly.clone.wire.FileDescriptor;
import io.dolly.clone.wire.InitRequest;
import io.dolly.clone.wire.LocsResponse;
import io.dolly.clone.wire.SnapshotLocator;
import io.dolly.clone.wire.StageChange;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.wire.PacketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clone sub-protocol over a real loopback socket and MySQL packet framing: a minimal donor
 * streams files with compression and a bandwidth limit; the recipient writes them into its target.
 */
class LoopbackCloneTest {
  private static final long SEED = Long.getLong("clone.loopback.seed", System.nanoTime());

  @TempDir Path tmp;

  /** A donor that serves one connection: INIT, EXECUTE (streams {@code files}), ACK, EXIT. */
  private static void serveDonor(ServerSocket server, Map<String, byte[]> files) throws Exception {
    try (Socket s = server.accept();
        PacketChannel ch = new PacketChannel(s)) {
      ch.setMaxPayloadSize(32 << 20);
      BandwidthThrottle throttle = BandwidthThrottle.ofMibPerSecond(50);
      ChunkEncoder encoder = null;
      while (true) {
        ch.resetSequence();
        CloneRequest req = CloneRequest.decode(ch.readPayload());
        switch (req) {
          case InitRequest init -> {
            encoder = new ChunkEncoder(init.codec());
            ch.writePayload(
                new ConfigResponse(
                        List.of(
                            new ConfigResponse.Entry(ConfigResponse.VERSION, "8.0.40"),
                            new ConfigResponse.Entry(ConfigResponse.INNODB_PAGE_SIZE, "16384")))
                    .encode());
            ch.writePayload(
                new LocsResponse(SnapshotLocator.random(1, new SecureRandom())).encode());
          }
          case ExecuteRequest e -> {
            long total = files.values().stream().mapToLong(b -> b.length).sum();
            ch.writePayload(
                desc(
                    new StageChange(
                        CloneStage.FILE_COPY, StageChange.Event.BEGIN, files.size(), total)));
            int index = 0;
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
              byte[] bytes = f.getValue();
              ch.writePayload(desc(new FileDescriptor(index, f.getKey(), bytes.length, 0)));
              for (int off = 0; off < bytes.length; off += 256 * 1024) {
                int len = Math.min(256 * 1024, bytes.length - off);
                EncodedChunk c = encoder.encode(bytes, off, len);
                throttle.acquire(c.bytes().length);
                ch.writePayload(
                    desc(
                        new ChunkDescriptor(
                            CloneStage.FILE_COPY,
                            index,
                            off,
                            c.bytes().length,
                            c.codec(),
                            c.rawLength(),
                            c.crc32c())));
                ch.writePayload(new DataResponse(c.bytes()).encode());
              }
              index++;
            }
            ch.writePayload(
                desc(new StageChange(CloneStage.FILE_COPY, StageChange.Event.END, 0, 0)));
          }
          case AckRequest a -> {}
          case ExitRequest x -> {
            ch.send(new CompleteResponse().encode());
            return;
          }
          default -> throw new AssertionError(req);
        }
        ch.send(new CompleteResponse().encode());
      }
    }
  }

  private static byte[] desc(io.dolly.clone.wire.DataDescriptor d) {
    return new DataDescResponse(d).encode();
  }

  /** The recipient: returns the last applied chunk it acknowledged. */
  private static ChunkPosition runRecipient(int port, TargetDirectory target) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        PacketChannel ch = new PacketChannel(s)) {
      ch.setMaxPayloadSize(32 << 20);
      List<CloneResponse> init =
          exchange(
              ch,
              new InitRequest(
                  CloneProtocol.VERSION,
                  "8.0.40-dolly",
                  "Linux",
                  "x86_64",
                  true,
                  ChunkCodec.ZSTD,
                  4,
                  300,
                  true));
      ConfigResponse config = (ConfigResponse) init.get(0);
      assertThat(config.value(ConfigResponse.INNODB_PAGE_SIZE)).contains("16384");
      assertThat(init.get(1)).isInstanceOf(LocsResponse.class);

      ch.resetSequence();
      ch.send(new ExecuteRequest().encode());
      ChunkDescriptor pending = null;
      ChunkPosition last = null;
      while (true) {
        CloneResponse r = CloneResponse.decode(ch.readPayload());
        if (r instanceof CompleteResponse) {
          break;
        }
        switch (r) {
          case DataDescResponse(FileDescriptor f) ->
              target.announce(f.fileIndex(), f.path(), f.size());
          case DataDescResponse(ChunkDescriptor c) -> pending = c;
          case DataDescResponse(StageChange sc) -> {}
          case DataResponse(byte[] bytes) -> {
            if (pending == null) {
              throw CloneProtocol.malformed("DATA without a chunk descriptor");
            }
            byte[] raw =
                ChunkDecoder.decode(pending.codec(), bytes, pending.rawLength(), pending.crc32c());
            target.write(pending.fileIndex(), pending.offset(), raw, 0, raw.length);
            last = pending.position();
            pending = null;
          }
          default -> throw CloneProtocol.malformed("unexpected " + r);
        }
      }
      exchange(ch, new AckRequest(0, CloneStage.FILE_COPY, last));
      exchange(ch, new ExitRequest());
      return last;
    }
  }

  private static List<CloneResponse> exchange(PacketChannel ch, CloneRequest req)
      throws IOException {
    ch.resetSequence();
    ch.send(req.encode());
    List<CloneResponse> out = new java.util.ArrayList<>();
    while (true) {
      CloneResponse r = CloneResponse.decode(ch.readPayload());
      if (r instanceof CompleteResponse) {
        return out;
      }
      out.add(r);
    }
  }

  @Test
  void filesCrossARealSocketIntact() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    byte[] noise = new byte[700_000];
    r.nextBytes(noise);
    byte[] text = "all work and no play ".repeat(40_000).getBytes();
    Map<String, byte[]> files =
        new java.util.LinkedHashMap<>(
            Map.of("ibdata1", noise, "db1/t1.ibd", text, "empty.ibd", new byte[0]));
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> donor =
          CompletableFuture.runAsync(
              () -> {
                try {
                  serveDonor(server, files);
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      Path dir = tmp.resolve("clone");
      try (TargetDirectory target = TargetDirectory.create(dir)) {
        ChunkPosition last = runRecipient(server.getLocalPort(), target);
        assertThat(last.stage()).isEqualTo(CloneStage.FILE_COPY);
        target.syncAll();
      }
      donor.get();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        assertThat(Files.readAllBytes(dir.resolve(f.getKey())))
            .as("seed=" + SEED + " " + f.getKey())
            .isEqualTo(f.getValue());
      }
    }
  }

  @Test
  void aMaliciousDonorPathFailsTheCloneAndLeavesNothing() throws Exception {
    Map<String, byte[]> files = Map.of("../escape.ibd", new byte[10]);
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> donor =
          CompletableFuture.runAsync(
              () -> {
                try {
                  serveDonor(server, files);
                } catch (Exception e) {
                  // the recipient hangs up on it
                }
              });
      Path dir = tmp.resolve("clone");
      TargetDirectory target = TargetDirectory.create(dir);
      assertThatThrownBy(() -> runRecipient(server.getLocalPort(), target))
          .isInstanceOfSatisfying(
              MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(3863));
      target.removePartial();
      donor.get();
      assertThat(dir).doesNotExist();
      assertThat(tmp.resolve("escape.ibd")).doesNotExist();
    }
  }
}
