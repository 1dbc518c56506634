package io.dolly.storage.txn;

import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.io.ChannelFileSystem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;

/**
 * The child process of {@link KillCrashTest}: opens (and so recovers) a data directory, creates the
 * bank on first use, then transfers money from several threads until it is killed, printing {@code
 * ACK <journal key> .} after each commit returns. In {@code long} mode it first opens a transaction
 * that changes accounts and never commits, and takes checkpoints while the others commit.
 *
 * <p>Tree locations are kept in {@code bank.roots} because there is no data dictionary yet.
 */
public final class KillWorkload {
  private KillWorkload() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    boolean longMode = args.length > 2 && args[2].equals("long");
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    StorageEngine engine = StorageEngine.open(dir, TxnFixture.small(ChannelFileSystem.INSTANCE));
    TransactionManager txns = TransactionManager.open(engine);
    txns.lockWaitTimeout(Duration.ofSeconds(10));
    Bank bank = openOrCreate(dir, engine, txns);
    SplittableRandom rnd = new SplittableRandom(seed);
    if (longMode) {
      Transaction open = txns.begin();
      for (int account = 0; account < 5; account++) {
        long v = TxnFixture.value(open.readForUpdate(bank.accounts(), TxnFixture.key(account)));
        open.update(bank.accounts(), TxnFixture.key(account), TxnFixture.row(v + 1_000_000));
      }
      out.println("LONG_OPEN " + open.id());
      Thread.ofPlatform()
          .daemon(true)
          .start(
              () -> {
                for (int n = 1; ; n++) {
                  try {
                    Thread.sleep(150);
                  } catch (InterruptedException e) {
                    return;
                  }
                  engine.checkpoint();
                  out.println("CHECKPOINT " + n);
                }
              });
    }
    out.println("READY");
    // The long transaction holds accounts 0..4; the others stay clear of them.
    int lo = longMode ? 5 : 0;
    long base = seed << 20;
    try (var pool = Executors.newFixedThreadPool(4)) {
      for (int t = 0; t < 4; t++) {
        long threadSeed = rnd.nextLong();
        long first = base + ((long) t << 16);
        pool.submit(
            () -> {
              SplittableRandom r = new SplittableRandom(threadSeed);
              try {
                for (long seq = first; ; seq++) {
                  if (bank.transfer(txns, r, seq, lo, Bank.ACCOUNTS)) {
                    // The trailing dot marks a whole line: a kill can cut a line short.
                    out.println("ACK " + seq + " .");
                  }
                }
              } catch (Throwable e) {
                // A workload failure must end the process so the test sees it, not hang.
                e.printStackTrace();
                System.exit(3);
              }
            });
      }
    }
  }

  static Bank openOrCreate(Path dir, StorageEngine engine, TransactionManager txns)
      throws IOException {
    Path roots = dir.resolve("bank.roots");
    if (Files.exists(roots)) {
      String[] f = Files.readString(roots).strip().split(" ");
      return new Bank(
          BTree.open(engine::beginMiniTransaction, Integer.parseInt(f[0]), Integer.parseInt(f[1])),
          BTree.open(engine::beginMiniTransaction, Integer.parseInt(f[2]), Integer.parseInt(f[3])));
    }
    Bank bank = Bank.create(engine, txns);
    engine.checkpoint();
    Path tmp = dir.resolve("bank.roots.tmp");
    Files.writeString(
        tmp,
        bank.accounts().spaceId()
            + " "
            + bank.accounts().rootPageNo()
            + " "
            + bank.journal().spaceId()
            + " "
            + bank.journal().rootPageNo());
    Files.move(tmp, roots, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return bank;
  }
}
