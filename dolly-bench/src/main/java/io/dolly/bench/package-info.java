/**
 * Measurements of Dolly's layers. Every figure is reported next to a reference measured in the same
 * run on the same machine (the build machines are shared and their absolute speed moves by 15-30 %
 * from run to run): JMH micro-benchmarks ({@link io.dolly.bench.ParserBenchmark}, {@link
 * io.dolly.bench.BTreeBenchmark} against {@link io.dolly.bench.SortedMapBenchmark}), the durable
 * commit loader {@link io.dolly.bench.CommitLoader}, and {@link io.dolly.bench.JmhMarkdown}, which
 * turns JMH's CSV into the tables of {@code docs/benchmarks.md}. Nothing here runs during {@code
 * mvn verify}; {@code bench/storage.sh} builds and runs it all.
 */
package io.dolly.bench;
