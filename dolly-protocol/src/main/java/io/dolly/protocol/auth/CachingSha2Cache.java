package io.dolly.protocol.auth;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * caching_sha2_password's in-memory cache: SHA256(SHA256(password)) per account, filled by each
 * successful full authentication and consulted by the fast path. Must be cleared for an account
 * when its password changes (and entirely on FLUSH PRIVILEGES).
 */
public final class CachingSha2Cache {
  private final ConcurrentHashMap<String, byte[]> digests = new ConcurrentHashMap<>();

  private static String key(String user, String host) {
    return user + '\0' + host;
  }

  public Optional<byte[]> get(String user, String host) {
    return Optional.ofNullable(digests.get(key(user, host))).map(byte[]::clone);
  }

  public void put(String user, String host, byte[] doubleSha256) {
    digests.put(key(user, host), doubleSha256.clone());
  }

  /** Forgets one account's entry, e.g. after ALTER USER ... IDENTIFIED BY or DROP USER. */
  public void remove(String user, String host) {
    digests.remove(key(user, host));
  }

  public void clear() {
    digests.clear();
  }

  public int size() {
    return digests.size();
  }
}
