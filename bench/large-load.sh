#!/usr/bin/env bash
# Loads 2 GiB of sysbench rows through a 64 MiB buffer pool (4 writers, durable commits of 100
# rows) and prints time, rows/s, the largest redo checkpoint age against innodb_redo_log_capacity
# and the pool's frames, resident and dirty maxima; the tree is verified at the end. The CI-sized
# version (256 MiB through 16 MiB) is dolly-bench's LargeLoadTest.
#
#   bench/large-load.sh [OUTDIR] [LargeLoad options...]   (default OUTDIR: target/large-load-<UTC>)
#
# Options override the defaults, e.g. --bytes=512m --pool=32m --redo=100m --threads=4 --batch=100.
# Environment: JAVA_HOME (default: the JDK 25 the build uses), BENCH_DIR (where the temporary data
# directory goes; default: the system temp directory; needs about 3 GiB free).
set -euo pipefail

cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
OUT="${1:-target/large-load-$(date -u +%Y%m%dT%H%M%SZ)}"
shift || true
mkdir -p "$OUT"
JAR=dolly-bench/target/benchmarks.jar
# shellcheck source=bench/machine-info.sh
. bench/machine-info.sh
DIR_OPT=()
if [[ -n "${BENCH_DIR:-}" ]]; then
  DIR_OPT=(--dir="$BENCH_DIR")
fi

echo "building $JAR" >&2
./mvnw -q -B -pl dolly-bench -am package -DskipTests

ARGS=(--bytes=2g --pool=64m --redo=100m --threads=4 --batch=100 "${DIR_OPT[@]}" "$@")
{
  echo "## Machine"
  echo
  machine_info "$JAVA"
  echo "- command: java -Xmx1g -cp $JAR io.dolly.bench.LargeLoad ${ARGS[*]}"
  echo
  # A 1 GiB heap: the 64 MiB pool plus the redo buffers and rows in flight must fit far below it.
  "$JAVA" -Xmx1g -Duser.language=en -cp "$JAR" io.dolly.bench.LargeLoad "${ARGS[@]}"
  echo
  echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/report.md"
echo "report: $OUT/report.md" >&2
