package io.dolly.sql.sysvar;

import java.util.HashMap;
import java.util.Map;

/**
 * One session's own status counters and TLS facts (SHOW SESSION STATUS). Touched only by the
 * session's thread.
 */
public final class SessionStatus {
  private final Map<String, long[]> counters = new HashMap<>();
  private volatile String sslCipher = "";
  private volatile String sslVersion = "";
  private long bytesReceived;
  private long bytesSent;

  void increment(String name) {
    counters.computeIfAbsent(name, k -> new long[1])[0]++;
  }

  public long get(String name) {
    long[] c = counters.get(name);
    return c == null ? 0 : c[0];
  }

  public void tls(String cipher, String version) {
    this.sslCipher = cipher == null ? "" : cipher;
    this.sslVersion = version == null ? "" : version;
  }

  public String sslCipher() {
    return sslCipher;
  }

  public String sslVersion() {
    return sslVersion;
  }

  public void addBytes(long received, long sent) {
    bytesReceived += received;
    bytesSent += sent;
  }

  long bytesReceived() {
    return bytesReceived;
  }

  long bytesSent() {
    return bytesSent;
  }

  public void clear() {
    counters.clear();
  }
}
