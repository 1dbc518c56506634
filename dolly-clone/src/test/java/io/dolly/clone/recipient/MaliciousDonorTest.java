package io.dolly.clone.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.clone.CloneStage;
import io.dolly.clone.local.Cancellation;
import io.dolly.clone.status.CloneState;
import io.dolly.clone.status.CloneStatusBoard;
import io.dolly.clone.transfer.BandwidthThrottle;
import io.dolly.clone.transfer.ChunkCodec;
import io.dolly.clone.transfer.ChunkEncoder;
import io.dolly.clone.transfer.EncodedChunk;
import io.dolly.clone.wire.ChunkDescriptor;
import io.dolly.clone.wire.CloneRequest;
import io.dolly.clone.wire.CompleteResponse;
import io.dolly.clone.wire.ConfigResponse;
import io.dolly.clone.wire.DataDescResponse;
import io.dolly.clone.wire.DataDescriptor;
import io.dolly.clone.wire.DataResponse;
import io.dolly.clone.wire.ExecuteRequest;
import io.dolly.clone.wire.ExitRequest;
import io.dolly.clone.wire.FileDescriptor;
import io.dolly.clone.wire.InitRequest;
import io.dolly.clone.wire.LocsResponse;
import io.dolly.clone.wire.RedoRangeDescriptor;
import io.dolly.clone.wire.SnapshotLocator;
import io.dolly.clone.wire.StageChange;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.wire.PacketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RemoteClone} against a donor that lies, over a real loopback socket: every lie is 3863,
 * the clone fails on the board, its directory is gone, and nothing was written outside it. One
 * honest stream shows the same donor's truth lands intact.
 */
class MaliciousDonorTest {
  private static final RecipientConfig LOCAL =
      new RecipientConfig(
          "8.0.40-dolly-0.1.0",
          "Linux",
          "x86_64",
          16384,
          "utf8mb4",
          "utf8mb4_0900_ai_ci",
          64L << 20,
          Set.of("utf8mb4_0900_ai_ci"));

  @TempDir Path tmp;

  private Path target() {
    return tmp.resolve("clone");
  }

  private Path outside() {
    return tmp.resolve("outside");
  }

  @Test
  void aParentSegmentIsRefused() throws Exception {
    assertRefused(t -> fileCopy(new FileDescriptor(0, "../x", 4, 0), chunk(0, 0, "evil")));
  }

  @Test
  void anAbsolutePathIsRefused() throws Exception {
    assertRefused(
        t ->
            fileCopy(
                new FileDescriptor(0, outside().resolve("x").toString(), 4, 0),
                chunk(0, 0, "evil")));
  }

  @Test
  void aPathThroughASymlinkIsRefused() throws Exception {
    assertRefused(
        t -> {
          // Someone planted a link to outside the target where the donor's file goes.
          try {
            Files.createSymbolicLink(t.resolve("db"), outside());
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
          return fileCopy(new FileDescriptor(0, "db/x.ibd", 4, 0), chunk(0, 0, "evil"));
        });
  }

  @Test
  void aChunkBeyondItsFileIsRefused() throws Exception {
    assertRefused(t -> fileCopy(new FileDescriptor(0, "a.ibd", 4, 0), chunk(0, 2, "evil")));
  }

  @Test
  void aBadChecksumIsRefused() throws Exception {
    EncodedChunk c = new ChunkEncoder(ChunkCodec.NONE).encode(bytes("good"), 0, 4);
    byte[][] lie = {
      desc(
          new ChunkDescriptor(
              CloneStage.FILE_COPY, 0, 0, 4, ChunkCodec.NONE, 4, c.crc32c() ^ 0x5a5a)),
      new DataResponse(bytes("evil")).encode()
    };
    assertRefused(t -> fileCopy(new FileDescriptor(0, "a.ibd", 4, 0), lie));
  }

  @Test
  void aTruncatedDescriptorIsRefused() throws Exception {
    byte[] whole = desc(new FileDescriptor(0, "a.ibd", 4, 0));
    byte[] cut = Arrays.copyOf(whole, whole.length - 3);
    assertRefused(t -> List.of(stageBegin(CloneStage.FILE_COPY, 1), cut));
  }

  @Test
  void anHonestStreamLandsIntactAndComplete() throws Exception {
    CloneStatusBoard board = board();
    List<byte[]> stream =
        new ArrayList<>(fileCopy(new FileDescriptor(0, "db/a.ibd", 8, 0), chunk(0, 0, "page")));
    stream.add(desc(new StageChange(CloneStage.FILE_COPY, StageChange.Event.END, 0, 0)));
    stream.add(stageBegin(CloneStage.PAGE_COPY, 0));
    stream.addAll(List.of(chunk(CloneStage.PAGE_COPY, 0, 4, "copy")));
    stream.add(desc(new StageChange(CloneStage.PAGE_COPY, StageChange.Event.END, 0, 0)));
    stream.add(stageBegin(CloneStage.REDO_COPY, 0));
    stream.add(desc(new RedoRangeDescriptor(5000, 5000)));
    stream.add(desc(new StageChange(CloneStage.REDO_COPY, StageChange.Event.END, 0, 0)));
    runAgainst(board, t -> stream);
    assertThat(Files.readString(target().resolve("db/a.ibd"))).isEqualTo("pagecopy");
    assertThat(target().resolve("#clone/in_progress")).doesNotExist();
    assertThat(target().resolve("#innodb_redo/#ib_redo_checkpoint")).exists();
    assertThat(board.status().orElseThrow().state()).isEqualTo(CloneState.COMPLETED);
  }

  private void assertRefused(Function<Path, List<byte[]>> lie) throws Exception {
    Files.createDirectories(outside());
    CloneStatusBoard board = board();
    assertThatThrownBy(() -> runAgainst(board, lie))
        .isInstanceOfSatisfying(
            MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(3863));
    assertThat(target()).doesNotExist();
    try (Stream<Path> left = Files.list(outside())) {
      assertThat(left).as("written outside the target").isEmpty();
    }
    assertThat(tmp.resolve("x")).doesNotExist();
    assertThat(board.status().orElseThrow().state()).isEqualTo(CloneState.FAILED);
    assertThat(board.status().orElseThrow().errorNo()).isEqualTo(3863);
  }

  private CloneStatusBoard board() throws IOException {
    return CloneStatusBoard.load(tmp.resolve("status"), InstantSource.system());
  }

  /** Serves INIT, then {@code stream} (computed once the target exists) for EXECUTE. */
  private void runAgainst(CloneStatusBoard board, Function<Path, List<byte[]>> stream)
      throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> donor =
          CompletableFuture.runAsync(
              () -> {
                try {
                  serve(server, stream);
                } catch (Exception e) {
                  // The recipient hangs up on a lying donor.
                }
              });
      DonorConnector connector =
          () -> {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            PacketChannel ch = new PacketChannel(s);
            ch.setMaxPayloadSize(32 << 20);
            return new DonorLink(ch, s, null);
          };
      RemoteCloneSettings settings =
          new RemoteCloneSettings(
              1,
              false,
              ChunkCodec.NONE,
              300,
              true,
              BandwidthThrottle.ofMibPerSecond(0),
              BandwidthThrottle.ofMibPerSecond(0));
      RemoteClone clone = new RemoteClone(connector, "donor:3306", target(), settings, LOCAL);
      clone.prepare();
      board.begin(1, clone.source(), target().toString());
      try {
        clone.run(board, Cancellation.none());
      } finally {
        donor.join();
      }
    }
  }

  private void serve(ServerSocket server, Function<Path, List<byte[]>> stream) throws Exception {
    try (Socket s = server.accept();
        PacketChannel ch = new PacketChannel(s)) {
      ch.setMaxPayloadSize(32 << 20);
      while (true) {
        ch.resetSequence();
        CloneRequest req = CloneRequest.decode(ch.readPayload());
        switch (req) {
          case InitRequest init -> {
            ch.writePayload(config().encode());
            ch.writePayload(
                new LocsResponse(SnapshotLocator.random(1, new SecureRandom())).encode());
          }
          case ExecuteRequest e -> {
            for (byte[] p : stream.apply(target())) {
              ch.writePayload(p);
            }
          }
          case ExitRequest x -> {
            ch.send(new CompleteResponse().encode());
            return;
          }
          default -> {}
        }
        ch.send(new CompleteResponse().encode());
      }
    }
  }

  private static ConfigResponse config() {
    return new ConfigResponse(
        List.of(
            entry(ConfigResponse.VERSION, LOCAL.version()),
            entry(ConfigResponse.VERSION_COMPILE_OS, LOCAL.os()),
            entry(ConfigResponse.VERSION_COMPILE_MACHINE, LOCAL.machine()),
            entry(ConfigResponse.INNODB_PAGE_SIZE, "16384"),
            entry(ConfigResponse.CHARACTER_SET_SERVER, "utf8mb4"),
            entry(ConfigResponse.COLLATION_SERVER, "utf8mb4_0900_ai_ci"),
            entry(ConfigResponse.MAX_ALLOWED_PACKET, String.valueOf(64 << 20)),
            entry(ConfigResponse.ESTIMATED_BYTES, "8"),
            entry(ConfigResponse.INSTANCE_ID, "00112233445566778899aabbccddeeff"),
            entry(ConfigResponse.REDO_FILE_CAPACITY, String.valueOf(1 << 20))));
  }

  private static ConfigResponse.Entry entry(String name, String value) {
    return new ConfigResponse.Entry(name, value);
  }

  /** FILE COPY begins with one file, then the packets that follow. */
  private static List<byte[]> fileCopy(FileDescriptor file, byte[]... then) {
    List<byte[]> out = new ArrayList<>();
    out.add(stageBegin(CloneStage.FILE_COPY, 1));
    out.add(desc(file));
    out.addAll(List.of(then));
    return out;
  }

  private static byte[] stageBegin(CloneStage stage, int files) {
    return desc(new StageChange(stage, StageChange.Event.BEGIN, files, 8));
  }

  /** A FILE COPY chunk: its descriptor and DATA packets. */
  private static byte[][] chunk(int file, long offset, String text) {
    return chunk(CloneStage.FILE_COPY, file, offset, text);
  }

  private static byte[][] chunk(CloneStage stage, int file, long offset, String text) {
    EncodedChunk c = new ChunkEncoder(ChunkCodec.NONE).encode(bytes(text), 0, text.length());
    return new byte[][] {
      desc(
          new ChunkDescriptor(
              stage, file, offset, c.bytes().length, c.codec(), c.rawLength(), c.crc32c())),
      new DataResponse(c.bytes()).encode()
    };
  }

  private static byte[] desc(DataDescriptor d) {
    return new DataDescResponse(d).encode();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
