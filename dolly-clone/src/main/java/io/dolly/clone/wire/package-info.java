/**
 * The clone sub-protocol: one record per request and response, each with {@code encode()} and a
 * strict {@code static decode(byte[])} that fails only with {@code ER_CLONE_PROTOCOL} (3863). See
 * {@link io.dolly.clone.wire.CloneProtocol} for the common header.
 *
 * <p>A conversation, after the donor answered {@code COM_CLONE} with OK (every request starts a new
 * packet sequence; every answer ends with COMPLETE or ERROR):
 *
 * <pre>
 *   master:  INIT    → CONFIG, PLUGIN*, COLLATION*, LOCS, COMPLETE   (recipient validates config)
 *   worker:  ATTACH  → LOCS, COMPLETE                                 (same snapshot, own socket)
 *   master:  EXECUTE → DATA_DESC(stage BEGIN), DATA_DESC(file)*,
 *                      { DATA_DESC(chunk), DATA }*, DATA_DESC(redo range)?,
 *                      DATA_DESC(stage END), COMPLETE                 (one stage per EXECUTE)
 *   master:  ACK     → COMPLETE   (stage applied; carries the last applied chunk; then the next
 *                                  EXECUTE streams the next stage: FILE, PAGE, REDO COPY)
 *   worker:  EXECUTE → { DATA_DESC(chunk), DATA }*, COMPLETE          (FILE COPY ranges only)
 *   master:  REINIT  → LOCS, COMPLETE  (after a network failure; resumes after the last chunk)
 *   all:     EXIT    → COMPLETE
 * </pre>
 */
package io.dolly.clone.wire;
