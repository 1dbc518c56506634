#!/usr/bin/env bash
# Long crash loop: a child JVM runs transfers between accounts (plus an insert-only journal) and is
# killed with SIGKILL at a random moment, ITERATIONS times on one data directory; after every kill
# recovery must keep every acknowledged commit, nothing partial, the total, and valid checksums.
# Usage: bench/crash-loop.sh [ITERATIONS=500] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
iterations=${1:-500}
seed_opt=()
[ -n "${2:-}" ] && seed_opt=("-Ddolly.kill.seed=$2")
./dolly test -pl dolly-storage -am -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest=KillCrashTest -Ddolly.kill.iterations="$iterations" -Ddolly.killlong.iterations=$((iterations / 10)) \
  "${seed_opt[@]}" -Dspotless.check.skip=true
