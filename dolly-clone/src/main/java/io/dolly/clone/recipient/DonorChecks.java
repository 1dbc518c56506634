package io.dolly.clone.recipient;

import io.dolly.clone.wire.CloneProtocol;
import io.dolly.clone.wire.ConfigResponse;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recipient's checks of a donor's INIT answer, before anything is written, in MySQL's order: OS
 * (3865), platform (3866), version (3864: major.minor of MySQL and of Dolly must agree), collations
 * (3867), character set, collation and page size (3868), max_allowed_packet on both sides (3957),
 * then free space for the donor's estimate where the directory will be (3873).
 */
public final class DonorChecks {
  private static final Pattern VERSION =
      Pattern.compile("(\\d+)\\.(\\d+)(?:\\.\\d+)?(?:-dolly-(\\d+)\\.(\\d+)(?:\\.\\d+)?)?.*");

  private DonorChecks() {}

  /**
   * @param target the DATA DIRECTORY (not created yet; its parent exists)
   */
  public static void validate(
      ConfigResponse donor, List<String> collations, RecipientConfig local, Path target) {
    String os = require(donor, ConfigResponse.VERSION_COMPILE_OS);
    if (!os.equals(local.os())) {
      throw new MysqlException(ErrorCode.ER_CLONE_OS, os, local.os());
    }
    String machine = require(donor, ConfigResponse.VERSION_COMPILE_MACHINE);
    if (!machine.equals(local.machine())) {
      throw new MysqlException(ErrorCode.ER_CLONE_PLATFORM, machine, local.machine());
    }
    String version = require(donor, ConfigResponse.VERSION);
    if (!sameSeries(version, local.version())) {
      throw new MysqlException(ErrorCode.ER_CLONE_DONOR_VERSION, version, local.version());
    }
    for (String c : collations) {
      if (!local.collations().contains(c)) {
        throw new MysqlException(ErrorCode.ER_CLONE_CHARSET, c);
      }
    }
    same(donor, ConfigResponse.CHARACTER_SET_SERVER, local.characterSetServer());
    same(donor, ConfigResponse.COLLATION_SERVER, local.collationServer());
    same(donor, ConfigResponse.INNODB_PAGE_SIZE, String.valueOf(local.pageSize()));
    long donorPacket = number(donor, ConfigResponse.MAX_ALLOWED_PACKET);
    for (long packet : new long[] {local.maxAllowedPacket(), donorPacket}) {
      if (packet < CloneProtocol.MIN_MAX_ALLOWED_PACKET) {
        throw new MysqlException(
            ErrorCode.ER_CLONE_NETWORK_PACKET, CloneProtocol.MIN_MAX_ALLOWED_PACKET, packet);
      }
    }
    long estimate = number(donor, ConfigResponse.ESTIMATED_BYTES);
    long free = usableSpace(target);
    if (free >= 0 && free < estimate) {
      throw new MysqlException(ErrorCode.ER_CLONE_DISK_SPACE, bytes(estimate), bytes(free));
    }
  }

  /** Identical, or the same MySQL major.minor and the same Dolly major.minor. */
  static boolean sameSeries(String donor, String recipient) {
    if (donor.equals(recipient)) {
      return true;
    }
    Matcher d = VERSION.matcher(donor);
    Matcher r = VERSION.matcher(recipient);
    if (!d.matches() || !r.matches()) {
      return false;
    }
    for (int g = 1; g <= 4; g++) {
      String a = d.group(g);
      String b = r.group(g);
      if (a == null ? b != null : !a.equals(b)) {
        return false;
      }
    }
    return true;
  }

  /** Free bytes on the file system the target will be on; -1 when it cannot be told. */
  private static long usableSpace(Path target) {
    Path p = target.getParent();
    try {
      return p == null ? -1 : Files.getFileStore(p).getUsableSpace();
    } catch (IOException e) {
      return -1;
    }
  }

  private static String bytes(long n) {
    return n >= (1L << 30)
        ? String.format("%.2f GiB", n / (double) (1L << 30))
        : String.format("%.2f MiB", n / (double) (1L << 20));
  }

  private static void same(ConfigResponse donor, String name, String local) {
    String value = require(donor, name);
    if (!value.equals(local)) {
      throw new MysqlException(ErrorCode.ER_CLONE_CONFIG, name, value, local);
    }
  }

  static String require(ConfigResponse donor, String name) {
    return donor.value(name).orElseThrow(() -> CloneProtocol.malformed("CONFIG without " + name));
  }

  static long number(ConfigResponse donor, String name) {
    String v = require(donor, name);
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw CloneProtocol.malformed("CONFIG " + name + " is negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw CloneProtocol.malformed("CONFIG " + name + " is not a number: " + v);
    }
  }
}
