/** How many threads a clone uses: {@link io.dolly.clone.autotune.ConcurrencyTuner}. */
package io.dolly.clone.autotune;
