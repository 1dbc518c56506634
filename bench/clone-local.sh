#!/bin/bash
# CLONE LOCAL against `cp -a` of the same data directory, in the same run: an instance of GIB GiB
# of rows (filled over SQL), then REPS rounds of [stop the server, `cp -a` + sync, start it, CLONE
# LOCAL of the idle server], then REPS clones under a write load. Every copy ends durable (CLONE's
# FILE SYNC; `sync` after cp) and is removed (outside the timing) before the next one, so every
# method writes into the same free space. Prints every measurement and a Markdown table of medians
# with ratios to cp -a, the longest commit pause the clones logged, and the donor's commit rate
# during a throttled clone against without.
#
# Usage: bench/clone-local.sh               (0.25 GiB)
#        GIB=4 REPS=5 bench/clone-local.sh    (SETTLE=10: seconds a restarted donor idles first)
# The machine is shared and its disk is virtual: single runs swing several-fold, hence the rounds
# and medians. Page cache: warm for every method (the rows were just written); nothing is dropped.
set -euo pipefail
cd "$(dirname "$0")/.."

GIB=${GIB:-0.25}
REPS=${REPS:-3}
SETTLE=${SETTLE:-10}
PORT=${PORT:-3421}
WORK=${WORK:-$(mktemp -d /tmp/dolly-clone-bench.XXXXXX)}
MIB=$(python3 -c "print(int(float('$GIB') * 1024))")

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

sql() { mariadb -h127.0.0.1 -P"$PORT" -uroot "$@"; }

start_donor() {
  ./dolly server --datadir="$WORK/donor" --port="$PORT" \
    >>"$WORK/donor.log" 2>&1 &
  donor_pid=$!
  pids+=("$donor_pid")
  for _ in $(seq 1 240); do
    if sql -e 'SELECT 1' >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "the donor did not come up; see $WORK/donor.log" >&2
  exit 1
}

stop_donor() {
  kill "$donor_pid"
  wait "$donor_pid" || true
}

now() { date +%s.%N; }

start_donor
# Rows of 2880 bytes (REPEAT(MD5(id), 90)), 1000 per statement, through one session.
sql -e "CREATE DATABASE filler; CREATE TABLE filler.t (id BIGINT PRIMARY KEY, pad VARCHAR(3000) NOT NULL);
        CREATE DATABASE bank; CREATE TABLE bank.acct (id INT PRIMARY KEY, bal BIGINT NOT NULL);
        INSERT INTO bank.acct VALUES (1,1000),(2,1000),(3,1000),(4,1000);
        CREATE TABLE bank.log (id BIGINT PRIMARY KEY)"
t0=$(now)
python3 bench/filler-rows.py "$MIB" | sql
fill_s=$(python3 -c "print(round($(now) - $t0, 1))")
echo "filled $MIB MiB of rows in $fill_s s" >&2

clone_seconds() { # clone into $1; prints seconds
  local a b
  sync # start from clean page cache, as cp -a does below
  a=$(now)
  sql -e "CLONE LOCAL DATA DIRECTORY = '$1'"
  b=$(now)
  python3 -c "print($b - $a)"
}

size_mib() { du -sb "$1" | awk '{printf "%.1f", $1 / 1048576}'; }

remove() { rm -rf "$1"; sync; sleep 2; } # let the file system settle before the next copy

file_copy_threads() {
  sql -N -e "SELECT THREADS FROM performance_schema.clone_progress WHERE STAGE = 'FILE COPY'"
}

cp_runs=() idle_runs=() load_runs=() idle_threads=()
for r in $(seq 1 "$REPS"); do
  stop_donor
  sync
  a=$(now)
  cp -a "$WORK/donor" "$WORK/cp-copy"
  sync
  b=$(now)
  cp_runs+=("$(python3 -c "print($b - $a)")")
  mib=$(size_mib "$WORK/cp-copy")
  remove "$WORK/cp-copy"
  start_donor
  # A JVM just started compiles its hot code for seconds; on two cores that competes with the
  # copy. Idle means idle: let it settle first.
  sleep "$SETTLE"
  idle_runs+=("$(clone_seconds "$WORK/clone-idle")")
  idle_threads+=("$(file_copy_threads)")
  idle_mib=$(size_mib "$WORK/clone-idle")
  remove "$WORK/clone-idle"
  echo "round $r: cp -a ${cp_runs[-1]} s ($mib MiB), clone ${idle_runs[-1]} s ($idle_mib MiB, ${idle_threads[-1]} threads)" >&2
done
cp_mib=$mib

# Clone under a write load: transfers in autocommit through one session, as fast as they go,
# each followed by a row in bank.log whose id counts the transfers (the donor's commit rate).
python3 - 2>/dev/null <<'PY' | sql >/dev/null 2>&1 &
import random, sys
r = random.Random(1)
n = 0
while True:
    n += 1
    a, b = r.randrange(1, 5), r.randrange(1, 5)
    print(f"UPDATE bank.acct SET bal = bal - 1 WHERE id = {a}; UPDATE bank.acct SET bal = bal + 1 WHERE id = {b};"
          f" INSERT INTO bank.log VALUES ({n});")
    sys.stdout.flush()
PY
load_pid=$!
pids+=("$load_pid")
transfers() { sql -N -e "SELECT COALESCE(MAX(id), 0) FROM bank.log"; }
# The rate without a clone: 10 s before the clones (after 10 s of warm-up: the client's first
# seconds and the donor's JIT are slower) and 10 s after the last one; their mean is the base.
rate() { local n0 n1 a b; n0=$(transfers); a=$(now); sleep 10; n1=$(transfers); b=$(now)
         python3 -c "print(($n1 - $n0) / ($b - $a))"; }
sleep 10
before_tps=$(rate)
for r in $(seq 1 "$REPS"); do
  load_runs+=("$(clone_seconds "$WORK/clone-load")")
  load_mib=$(size_mib "$WORK/clone-load")
  remove "$WORK/clone-load"
  echo "under load $r: clone ${load_runs[-1]} s ($load_mib MiB)" >&2
done
# A longer clone under the same load, throttled, so that the donor's rate during it is measurable.
SLOW_MIBS=${SLOW_MIBS:-128}
sql -e "SET GLOBAL clone_max_data_bandwidth = $SLOW_MIBS"
n2=$(transfers)
slow_s=$(clone_seconds "$WORK/clone-slow")
n3=$(transfers)
sql -e "SET GLOBAL clone_max_data_bandwidth = 0"
during_tps=$(python3 -c "print(($n3 - $n2) / $slow_s)")
after_tps=$(rate)
base_tps=$(python3 -c "print(($before_tps + $after_tps) / 2)")
pkill -P "$load_pid" 2>/dev/null || true
kill "$load_pid" 2>/dev/null || true

pause_us=$(grep -o 'commits paused [0-9]* us' "$WORK/donor.log" | awk '{print $3}' | sort -n | tail -1)

stop_donor

python3 - "$cp_mib" "$idle_mib" "$load_mib" "$pause_us" "$GIB" "$fill_s" "$base_tps" "$during_tps" "$slow_s" "$SLOW_MIBS" \
  "${cp_runs[*]}" "${idle_runs[*]}" "${load_runs[*]}" "${idle_threads[*]}" "$before_tps" "$after_tps" <<'PY'
import os, statistics, sys
cp_mib, idle_mib, load_mib = map(float, sys.argv[1:4])
pause_us, gib, fill_s = sys.argv[4:7]
base_tps, during_tps, slow_s, slow_mibs = map(float, sys.argv[7:11])
cp_runs, idle_runs, load_runs = ([float(x) for x in a.split()] for a in sys.argv[11:14])
threads = sys.argv[14]
before_tps, after_tps = map(float, sys.argv[15:17])
cp_rate = cp_mib / statistics.median(cp_runs)
print(f"Instance: {gib} GiB of rows requested (filled over SQL in {fill_s} s); {os.cpu_count()} cores; "
      f"page cache warm; {len(cp_runs)} rounds; FILE COPY threads per idle clone: {threads}.")
print()
print("| method | MiB | seconds (each round) | median MiB/s | vs cp -a |")
print("|---|---:|---|---:|---:|")
for name, mib, runs in [("`cp -a` of the stopped datadir + `sync`", cp_mib, cp_runs),
                        ("CLONE LOCAL, idle donor", idle_mib, idle_runs),
                        ("CLONE LOCAL, donor under write load", load_mib, load_runs)]:
    rate = mib / statistics.median(runs)
    each = ", ".join(f"{x:.2f}" for x in runs)
    print(f"| {name} | {mib:.1f} | {each} | {rate:.0f} | {rate / cp_rate:.2f}x |")
print()
print(f"Longest commit pause to fix an end LSN: {pause_us} us")
print()
print(f"Donor transfers/s (2 UPDATEs + 1 INSERT, autocommit, one session): {base_tps:.0f} without a clone"
      f" (mean of {before_tps:.0f} before and {after_tps:.0f} after the clones),"
      f" {during_tps:.0f} during a clone throttled to {slow_mibs:.0f} MiB/s ({slow_s:.1f} s):"
      f" {during_tps / base_tps:.2f}x")
PY
echo "work directory: $WORK" >&2
