#!/usr/bin/env bash
# CLONE LOCAL consistency under the full write load: 8 threads of transfers between 10,000
# accounts (fixed total, a journal row per transfer) plus `sysbench oltp_write_only` with 4 threads
# run on the donor throughout RUNS consecutive local clones; before each clone a new user with a
# password and a grant is created. Every copy is started as a server and checked: balance total,
# journal replay equal to every balance, CHECK TABLE on every table, every transfer acknowledged
# before the CLONE statement started, nothing of a transaction open across it, and the new user
# logging in with the donor's SHOW GRANTS. sysbench must end without errors.
# The suite runs the same test (CloneLocalUnderLoadAcceptanceTest) with 1,000 accounts, 2 sysbench
# threads and 3 clones.
#
# Prints per clone: seconds of the CLONE statement, bytes copied (clone_status DATA_DOWNLOADED),
# the commit pause the donor logged to fix the end LSN, OK/FAIL per check; then a summary.
# Usage: bench/clone-consistency.sh [RUNS=20] [SEED]
#        ACCOUNTS=10000 THREADS=8 SYSBENCH_THREADS=4 TABLE_SIZE=10000 (environment, defaults shown)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
seed_opt=()
[ -n "${2:-}" ] && seed_opt=("-Dclone.seed=$2")
log=$(mktemp /tmp/dolly-clone-consistency.XXXXXX)
status=0
./dolly test -pl dolly-it -am -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
  -Dtest=CloneLocalUnderLoadAcceptanceTest -Dclone.runs="$runs" \
  -Dclone.accounts="${ACCOUNTS:-10000}" -Dclone.threads="${THREADS:-8}" \
  -Dclone.sysbench.threads="${SYSBENCH_THREADS:-4}" \
  -Dclone.sysbench.table-size="${TABLE_SIZE:-10000}" "${seed_opt[@]}" >"$log" 2>&1 || status=$?
grep -E '^clone-(config|run|summary)|^clone [0-9]+ ' "$log" || true
# Clone seconds (mean, max), the largest copy, the longest commit pause, clones with a failed check.
awk '/^clone-run/ {
    n++; fail += / [a-z()0-9-]+=FAIL/
    for (i = 1; i <= NF; i++) {
      split($i, kv, "=")
      if (kv[1] == "seconds") { s += kv[2]; if (kv[2] > smax) smax = kv[2] }
      if (kv[1] == "bytes" && kv[2] > bmax) bmax = kv[2]
      if (kv[1] == "pause" && kv[2] + 0 > pmax) pmax = kv[2] + 0
    }
  }
  END { if (n) printf "clones=%d failed=%d seconds mean=%.2f max=%.2f largest=%.1f MiB longest-pause=%d us\n",
                      n, fail, s / n, smax, bmax / 1048576, pmax }' "$log"
if [ "$status" -ne 0 ]; then
  echo "FAILED (exit $status); full output: $log" >&2
  grep -E 'FAIL|ERROR\]' "$log" | head -20 >&2 || true
  exit "$status"
fi
echo "PASSED; full output: $log"
