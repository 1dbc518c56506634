package io.dolly.clone;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code clone_valid_donor_list}: {@code HOST1:PORT1,HOST2:PORT2,...}, parsed exactly as MySQL's
 * {@code scan_donor_list} does — no space anywhere, no empty entry, a ':' that is not the first
 * character of an entry, a port of decimal digits only. Hosts are compared lower-cased and without
 * DNS; NULL or empty allows no donor.
 */
public final class DonorList {
  /** MySQL's text, including its stray quote. */
  public static final String FORMAT_ERROR =
      "Invalid Format. Please enter \"<hostname1>:<port1>,...\"' with no extra space";

  /** One allowed donor. */
  public record Donor(String host, int port) {}

  private DonorList() {}

  /** Checks a value for {@code SET GLOBAL clone_valid_donor_list}; NULL is valid. Else 3869. */
  public static void validate(String value) {
    if (value != null && parse(value) == null) {
      throw new MysqlException(ErrorCode.ER_CLONE_SYS_CONFIG, FORMAT_ERROR);
    }
  }

  /** The entries of a list, or null when its format is invalid. */
  public static List<Donor> parse(String value) {
    if (value.indexOf(' ') >= 0) {
      return null;
    }
    List<Donor> donors = new ArrayList<>();
    for (String entry : value.split(",", -1)) {
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        return null;
      }
      String port = entry.substring(colon + 1);
      if (port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int p;
      try {
        p = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        return null; // MySQL's stoi throws on overflow: the entry is bad
      }
      donors.add(new Donor(entry.substring(0, colon).toLowerCase(Locale.ROOT), p));
    }
    return donors;
  }

  /**
   * Checks, before any connection is made, that {@code host:port} is in the list; else 3869 {@code
   * Clone system configuration: <host>:<port> is not found in clone_valid_donor_list: <list>.}
   */
  public static void requireAllowed(String list, String host, int port) {
    List<Donor> donors = list == null ? null : parse(list);
    String wanted = host.toLowerCase(Locale.ROOT);
    if (donors != null) {
      for (Donor d : donors) {
        if (d.host().equals(wanted) && d.port() == port) {
          return;
        }
      }
    }
    throw new MysqlException(
        ErrorCode.ER_CLONE_SYS_CONFIG,
        host
            + ":"
            + port
            + " is not found in clone_valid_donor_list: "
            + (list == null ? "" : list));
  }
}
