#!/usr/bin/env bash
# Builds dolly-bench and runs every storage-side benchmark with durations sized for a shared
# 2-core machine (about 8 minutes in all), then prints the Markdown tables of docs/benchmarks.md.
# Every table pairs Dolly's figure with a reference measured in the same run.
#
#   bench/storage.sh [OUTDIR]        (default OUTDIR: target/bench-<UTC timestamp>)
#
# Environment: JAVA_HOME (default: the JDK 25 the build uses), BENCH_DIR (where temporary data
# directories go; default: the system temp directory), JMH_OPTS (extra JMH options, e.g.
# "-wi 1 -i 1" for a quick look), COMMIT_OPTS (extra CommitLoader options, e.g. "--seconds=2"),
# ROW_OPTS (extra RowLoader options, e.g. "--rows=200000").
set -euo pipefail

cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
OUT="${1:-target/bench-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT"
JAR=dolly-bench/target/benchmarks.jar
# shellcheck source=bench/machine-info.sh
. bench/machine-info.sh
# JMH forks inherit the host JVM's options, so java.io.tmpdir reaches the B+tree's data directory.
JVM_OPTS=(-Duser.language=en)
DIR_OPT=()
if [[ -n "${BENCH_DIR:-}" ]]; then
  JVM_OPTS+=(-Djava.io.tmpdir="$BENCH_DIR")
  DIR_OPT=(--dir="$BENCH_DIR")
fi

echo "building $JAR" >&2
./mvnw -q -B -pl dolly-bench -am package -DskipTests
machine_info "$JAVA" >"$OUT/machine.md"

# JMH: one fork per benchmark and parameter set, 3 x 2 s warm-up, 4 x 2 s measured
# (the defaults in the benchmark classes; JMH_OPTS may override them).
# shellcheck disable=SC2086
"$JAVA" "${JVM_OPTS[@]}" -jar "$JAR" \
  'io.dolly.bench.(ParserBenchmark|BTreeBenchmark|SortedMapBenchmark)' \
  -rf csv -rff "$OUT/jmh.csv" ${JMH_OPTS:-} >"$OUT/jmh.log" 2>&1 ||
  { tail -40 "$OUT/jmh.log" >&2; exit 1; }

# Durable commits: the engine's group commit against fsync per commit, 1, 4 and 16 threads,
# three alternating rounds each (a single round can be off by several times on a shared machine).
# shellcheck disable=SC2086
"$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" io.dolly.bench.CommitLoader \
  --threads=1,4,16 --seconds=3 --warmup=1 --rounds=3 "${DIR_OPT[@]}" ${COMMIT_OPTS:-} >"$OUT/commits.md"

# Rows end to end: 1M sysbench rows inserted in durable 100-row transactions through a 64 MiB pool
# (the table is about 4x the pool), then random point lookups at 1 and 4 threads, each phase
# followed by its I/O reference on the same files.
# shellcheck disable=SC2086
"$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" io.dolly.bench.RowLoader \
  --rows=1000000 --batch=100 --pool=64m --threads=1,4 --seconds=5 "${DIR_OPT[@]}" ${ROW_OPTS:-} \
  >"$OUT/rows.md"

{
  echo "## Machine"
  echo
  cat "$OUT/machine.md"
  echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "## Parser"
  echo
  "$JAVA" -cp "$JAR" io.dolly.bench.JmhMarkdown parser "$OUT/jmh.csv"
  echo "## B+tree"
  echo
  "$JAVA" -cp "$JAR" io.dolly.bench.JmhMarkdown btree "$OUT/jmh.csv"
  echo "## Durable commits"
  echo
  cat "$OUT/commits.md"
  echo
  echo "## Rows end to end"
  echo
  cat "$OUT/rows.md"
} | tee "$OUT/report.md"
echo "raw results: $OUT (jmh.csv, jmh.log, commits.md, rows.md, report.md)" >&2
