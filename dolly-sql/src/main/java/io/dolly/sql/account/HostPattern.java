package io.dolly.sql.account;

import java.util.Locale;

/**
 * The host part of an account, and the rules MySQL uses to match a client against it.
 *
 * <p>Forms: a literal name or address ({@code localhost}, {@code 10.0.0.5}), a pattern with {@code
 * %} and {@code _} wildcards ({@code 192.168.1.%}, {@code %}), an IPv4 netmask ({@code
 * 10.0.0.0/255.255.255.0}) or a CIDR prefix ({@code 10.0.0.0/24}). Dolly does no reverse name
 * resolution, so the only name that can match is {@code localhost}, which matches loopback clients
 * — MySQL resolves 127.0.0.1 to localhost in the same way.
 */
public record HostPattern(String text) {

  public HostPattern {
    text = text.toLowerCase(Locale.ROOT);
  }

  /** True when a client at {@code clientHost} (an address as text, or "localhost") matches. */
  public boolean matches(String clientHost) {
    String client = clientHost.toLowerCase(Locale.ROOT);
    boolean loopback = isLoopback(client);
    if (text.equals("localhost")) {
      return loopback || client.equals("localhost");
    }
    if (text.indexOf('/') > 0) {
      return matchesMask(client);
    }
    if (hasWildcard()) {
      return Wildcards.like(text, client) || (loopback && Wildcards.like(text, "localhost"));
    }
    return text.equals(client) || (loopback && sameLoopbackAddress(client));
  }

  /**
   * Sorting rank; lower sorts first, so the most specific pattern wins as in MySQL's {@code
   * acl_users} order: literal hosts, then patterns by the length of their literal prefix, then
   * {@code %} alone.
   */
  public int specificity() {
    if (!hasWildcard() && text.indexOf('/') < 0) {
      return 0;
    }
    if (text.indexOf('/') > 0) {
      return 1;
    }
    if (text.equals("%")) {
      return Integer.MAX_VALUE;
    }
    int prefix = 0;
    while (prefix < text.length() && text.charAt(prefix) != '%' && text.charAt(prefix) != '_') {
      prefix++;
    }
    return 1_000_000 - prefix;
  }

  private boolean hasWildcard() {
    return text.indexOf('%') >= 0 || text.indexOf('_') >= 0;
  }

  private boolean sameLoopbackAddress(String client) {
    return text.equals("127.0.0.1") && client.equals("localhost");
  }

  static boolean isLoopback(String client) {
    return client.equals("127.0.0.1")
        || client.equals("::1")
        || client.equals("0:0:0:0:0:0:0:1")
        || client.startsWith("127.");
  }

  private boolean matchesMask(String client) {
    int slash = text.indexOf('/');
    String net = text.substring(0, slash);
    String mask = text.substring(slash + 1);
    long netBits = ipv4(net);
    long clientBits = ipv4(client.equals("localhost") ? "127.0.0.1" : client);
    if (netBits < 0 || clientBits < 0) {
      return false;
    }
    long maskBits;
    if (mask.indexOf('.') >= 0) {
      maskBits = ipv4(mask);
    } else {
      try {
        int bits = Integer.parseInt(mask);
        if (bits < 0 || bits > 32) {
          return false;
        }
        maskBits = bits == 0 ? 0 : (0xFFFF_FFFFL << (32 - bits)) & 0xFFFF_FFFFL;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return maskBits >= 0 && (clientBits & maskBits) == netBits;
  }

  private static long ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      int octet = Integer.parseInt(p);
      if (octet > 255) {
        return -1;
      }
      v = (v << 8) | octet;
    }
    return v;
  }

  /** How MySQL shows the client's host in messages: {@code localhost} for loopback clients. */
  public static String displayHost(String clientHost) {
    return isLoopback(clientHost) ? "localhost" : clientHost;
  }
}
