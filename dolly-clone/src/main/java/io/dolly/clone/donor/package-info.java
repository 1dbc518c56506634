/**
 * The donor's side of a clone: {@link io.dolly.clone.donor.CloneSnapshot} runs the stages of
 * ARCHITECTURE.md over a running storage engine (file copy under page tracking, page copy, redo
 * copy up to a held end LSN) for whichever recipient consumes them.
 */
package io.dolly.clone.donor;
