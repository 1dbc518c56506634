package io.dolly.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dolly.protocol.tls.CertificateFiles;
import io.dolly.protocol.tls.TlsContexts;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loopback throughput of the framing with 1 MiB payloads, plain and TLS, for comparison with the
 * raw TCP and TLS limits in PERFORMANCE.md. Run with {@code -Ddolly.bench=true} ({@code
 * -Ddolly.bench.mib=} sets the volume, default 2048).
 */
class PacketChannelThroughputTest {
  private static final int PAYLOAD = 1 << 20;

  @Test
  void plain() throws Exception {
    assumeTrue(Boolean.getBoolean("dolly.bench"));
    measure("plain", null, null);
  }

  @Test
  void tls(@TempDir Path dir) throws Exception {
    assumeTrue(Boolean.getBoolean("dolly.bench"));
    CertificateFiles files = new CertificateFiles(dir);
    files.generateIfAbsent("bench");
    measure("tls", TlsContexts.server(files), TlsContexts.clientTrustingAll());
  }

  private static void measure(String label, SSLContext server, SSLContext client) throws Exception {
    int count = Integer.getInteger("dolly.bench.mib", 2048);
    byte[] payload = new byte[PAYLOAD];
    try (LoopbackPair pair = new LoopbackPair()) {
      PacketChannel out = new PacketChannel(pair.client);
      PacketChannel in = new PacketChannel(pair.server);
      if (server != null) {
        CompletableFuture<Void> s =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    in.upgradeToTls(server, false);
                  } catch (Exception e) {
                    throw new RuntimeException(e);
                  }
                });
        out.upgradeToTls(client, true);
        s.get();
        label += " " + out.tlsCipher();
      }
      long start = System.nanoTime();
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                try {
                  for (int i = 0; i < count; i++) {
                    out.writePayload(payload);
                  }
                  out.flush();
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      long bytes = 0;
      for (int i = 0; i < count; i++) {
        bytes += in.readPayload().length;
      }
      writer.get();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("packet channel %s: %.0f MiB/s%n", label, bytes / seconds / (1 << 20));
      assertThat(bytes).isEqualTo((long) count * PAYLOAD);
    }
  }
}
