package io.dolly.sql.account;

import io.dolly.protocol.auth.Account;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file {@code <datadir>/mysql/accounts} where data directories made before the grant tables
 * kept their accounts and global privileges. It is only read, once, to migrate its accounts into
 * the tables, and then removed. Format, UTF-8 text:
 *
 * <pre>
 * dolly-accounts 1
 * &lt;user hex&gt; &lt;host hex&gt; &lt;plugin&gt; &lt;auth string hex or -&gt; &lt;flags&gt; &lt;privileges&gt;
 * </pre>
 *
 * one account per line, fields separated by a single space; a user of {@code -} is the anonymous
 * user; flags is a string of {@code E} (password expired), {@code L} (locked), {@code S} (REQUIRE
 * SSL) or {@code -}; privileges is a comma-separated list with spaces written as {@code +}, or
 * {@code -}.
 */
public final class LegacyAccountsFile {
  private static final String HEADER = "dolly-accounts 1";

  private LegacyAccountsFile() {}

  /** Where the file of a data directory is. */
  public static Path of(Path datadir) {
    return datadir.resolve("mysql").resolve("accounts");
  }

  public static List<StoredAccount> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      throw new IOException(file + " is not a Dolly accounts file of format 1");
    }
    java.util.HexFormat hex = java.util.HexFormat.of();
    List<StoredAccount> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(" ", -1);
      if (f.length != 6) {
        throw new IOException(file + ": malformed line: " + line);
      }
      String user = f[0].equals("-") ? "" : new String(hex.parseHex(f[0]), StandardCharsets.UTF_8);
      String host = new String(hex.parseHex(f[1]), StandardCharsets.UTF_8);
      String auth =
          f[3].equals("-") ? "" : new String(hex.parseHex(f[3]), StandardCharsets.ISO_8859_1);
      String flags = f[4];
      Set<String> privileges = new LinkedHashSet<>();
      if (!f[5].equals("-")) {
        Arrays.stream(f[5].split(",")).map(p -> p.replace('+', ' ')).forEach(privileges::add);
      }
      Account account =
          new Account(
              user,
              host,
              f[2],
              auth,
              flags.contains("E"),
              flags.contains("L"),
              flags.contains("S"));
      out.add(new StoredAccount(account, new Grants(privileges, Map.of(), Map.of())));
    }
    return out;
  }

  /** Removes the file once its accounts are committed to the tables, durably. */
  public static void remove(Path file) throws IOException {
    Files.deleteIfExists(file);
    try (FileChannel d = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      d.force(true);
    }
  }
}
