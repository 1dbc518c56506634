/**
 * The file layer: one small interface over positional file I/O, the real one on FileChannel, a
 * fault-injecting one for tests, and the fail-stop {@link io.dolly.storage.io.Halt}.
 */
package io.dolly.storage.io;
