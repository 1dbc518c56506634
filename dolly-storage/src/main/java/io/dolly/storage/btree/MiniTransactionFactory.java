package io.dolly.storage.btree;

import io.dolly.storage.mtr.MiniTransaction;

/** Starts mini-transactions for the tree's own work (reads, splits, overflow chains). */
@FunctionalInterface
public interface MiniTransactionFactory {
  MiniTransaction begin();
}
