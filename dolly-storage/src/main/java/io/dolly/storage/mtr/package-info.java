/**
 * Mini-transactions: the contract upper layers use to read and change pages, and its redo-logged
 * implementation.
 */
package io.dolly.storage.mtr;
