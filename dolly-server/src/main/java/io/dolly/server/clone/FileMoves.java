package io.dolly.server.clone;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The file operations of a swap: which entries of a data directory belong to the instance (and so
 * are swapped) and which stay with the server, atomic renames within the data directory's file
 * system, and directory syncs that make renames durable.
 */
final class FileMoves {
  /**
   * Entries of the data directory that stay with the server whatever data it serves: CLONE.md §9
   * does not clone them (auto.cnf keeps the server_uuid, the TLS and RSA keys, the persisted
   * variables, the error log), plus the directory lock and {@code #clone/} itself, which holds the
   * status tables, this swap's journal, staging and the old data.
   */
  static final Set<String> KEPT =
      Set.of(
          "#clone",
          "auto.cnf",
          "dolly.pid",
          "dolly.err",
          "mysqld-auto.cnf",
          "ca.pem",
          "ca-key.pem",
          "server-cert.pem",
          "server-key.pem",
          "client-cert.pem",
          "client-key.pem",
          "private_key.pem",
          "public_key.pem",
          "lost+found");

  private FileMoves() {}

  /** The instance's entries directly in {@code dir} (files and directories), sorted by name. */
  static List<Path> instanceEntries(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !KEPT.contains(p.getFileName().toString())).sorted().toList();
    }
  }

  /** Renames {@code from} to {@code to} atomically; {@code to} must not exist. */
  static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
