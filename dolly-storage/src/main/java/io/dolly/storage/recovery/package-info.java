/** Crash recovery: doublewrite repair, then replay of complete redo groups from the checkpoint. */
package io.dolly.storage.recovery;
