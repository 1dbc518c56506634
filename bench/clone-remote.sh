#!/bin/bash
# CLONE INSTANCE FROM ... DATA DIRECTORY over loopback against the tools a DBA would otherwise use,
# in the same run: a donor instance of GIB GiB of rows (filled over SQL as in clone-local.sh), a
# second server as the recipient, and a MariaDB 10.11 (Debian package) loaded with the same rows.
# Then REPS rounds of:
#   - CLONE INSTANCE ... REQUIRE NO SSL, clone_enable_compression OFF (the goal's measurement);
#   - the same with REQUIRE SSL;
#   - the same with clone_enable_compression ON (and REQUIRE NO SSL, so only compression differs);
#   - `tar -cf - | socat` into `socat | tar -xf -` + `sync` of the donor's stopped data directory;
#   - `mariabackup --backup --stream=xbstream` through loopback `socat` into `mbstream -x`, then
#     `mariabackup --prepare` + `sync` (both timed; the pipeline of PERFORMANCE.md's peer table).
# Every copy is removed (outside the timing) before the next, so every method writes into the same
# free space; every copy ends durable (CLONE's FILE SYNC, `sync` after the others). Prints every
# measurement, the clone stages of each clone, and a Markdown table of medians with ratios to
# tar | socat (goal: remote clone >= 0.8x of it).
#
# Usage: bench/clone-remote.sh               (0.25 GiB, 3 rounds)
#        GIB=4 REPS=3 bench/clone-remote.sh
# Needs socat and mariadb-server/mariadb-backup (as root it installs them with apt-get when
# missing). The rows are REPEAT(MD5(id), 90): highly compressible, which flatters compression.
# The machine is shared: single runs swing several-fold, hence the rounds and medians.
set -euo pipefail
cd "$(dirname "$0")/.."

GIB=${GIB:-0.25}
REPS=${REPS:-3}
PORT=${PORT:-3431}           # donor; the recipient listens on PORT+1, MariaDB on PORT+2
PIPE_PORT=${PIPE_PORT:-3439} # socat's listener for tar and mariabackup
WORK=${WORK:-$(mktemp -d /tmp/dolly-clone-remote.XXXXXX)}
MIB=$(python3 -c "print(int(float('$GIB') * 1024))")
RPORT=$((PORT + 1))
MPORT=$((PORT + 2))
CLONE_PASSWORD='bench-Cl0ne'

if ! command -v mariabackup >/dev/null || ! command -v mariadbd >/dev/null || ! command -v socat >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -q mariadb-server mariadb-backup socat >/dev/null
  else
    echo "needs mariadbd, mariabackup and socat: apt-get install mariadb-server mariadb-backup socat" >&2
    exit 1
  fi
fi

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

sql() { # sql PORT mariadb-args...
  local port=$1
  shift
  mariadb -h127.0.0.1 -P"$port" -uroot "$@"
}

wait_for() {
  for _ in $(seq 1 240); do
    if sql "$1" -e 'SELECT 1' >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "the server on port $1 did not come up; see $WORK/*.log" >&2
  exit 1
}

start_dolly() { # start_dolly NAME PORT; sets dolly_pid
  ./dolly server --datadir="$WORK/$1" --port="$2" >>"$WORK/$1.log" 2>&1 &
  dolly_pid=$!
  pids+=("$dolly_pid")
  wait_for "$2"
}

start_donor() {
  start_dolly donor "$PORT"
  donor_pid=$dolly_pid
}

stop_donor() {
  kill "$donor_pid"
  wait "$donor_pid" || true
}

now() { date +%s.%N; }
since() { python3 -c "print($(now) - $1)"; }
size_mib() { du -sb "$1" | awk '{printf "%.1f", $1 / 1048576}'; }
remove() { rm -rf "$1"; sync; sleep 2; } # let the file system settle before the next copy

# Waits until a listener is bound to PIPE_PORT, so that the sender's timing starts with the
# receiver ready.
wait_listening() {
  for _ in $(seq 1 100); do
    if ss -ltn "sport = :$PIPE_PORT" | grep -q LISTEN; then return 0; fi
    sleep 0.05
  done
  echo "nothing listens on $PIPE_PORT" >&2
  exit 1
}

# The rows: 2880 bytes each (REPEAT(MD5(id), 90)), 1000 per statement, through one session.
fill() { # fill PORT
  sql "$1" -e "CREATE DATABASE filler; CREATE TABLE filler.t (id BIGINT PRIMARY KEY, pad VARCHAR(3000) NOT NULL)"
  python3 bench/filler-rows.py "$MIB" | sql "$1"
}

start_donor
start_dolly recipient "$RPORT"
recipient_pid=$dolly_pid
t0=$(now)
fill "$PORT"
fill_s=$(python3 -c "print(round($(since "$t0"), 1))")
echo "filled $MIB MiB of rows into the donor in $fill_s s" >&2
sql "$PORT" -e "CREATE USER 'cloner'@'%' IDENTIFIED BY '$CLONE_PASSWORD'; GRANT BACKUP_ADMIN ON *.* TO 'cloner'@'%'"
sql "$RPORT" -e "SET GLOBAL clone_valid_donor_list = '127.0.0.1:$PORT'"

# MariaDB with InnoDB settings matching Dolly's defaults (128 MiB pool, 100 MiB redo), as in
# sysbench-compare.sh.
mkdir -p "$WORK/mariadb"
mariadb-install-db --no-defaults --datadir="$WORK/mariadb" --auth-root-authentication-method=normal \
  --user="$(id -un)" >"$WORK/mariadb-install.log" 2>&1
mariadbd --no-defaults --datadir="$WORK/mariadb" --port="$MPORT" --bind-address=127.0.0.1 \
  --socket="$WORK/mariadb.sock" --user="$(id -un)" --innodb-buffer-pool-size=128M \
  --innodb-log-file-size=100M >"$WORK/mariadb.log" 2>&1 &
pids+=($!)
wait_for "$MPORT"
t0=$(now)
fill "$MPORT"
echo "filled $MIB MiB of rows into MariaDB in $(since "$t0") s" >&2

# One clone into $1 with the REQUIRE clause $2 and compression $3; prints seconds, then logs the
# stages (seconds, threads, data and network bytes) from clone_progress.
clone_seconds() {
  local a s
  sql "$RPORT" -e "SET GLOBAL clone_enable_compression = $3"
  sync # start from clean page cache, as the others do
  a=$(now)
  sql "$RPORT" -e "CLONE INSTANCE FROM 'cloner'@'127.0.0.1':$PORT IDENTIFIED BY '$CLONE_PASSWORD'
                   DATA DIRECTORY = '$1' REQUIRE $2"
  s=$(since "$a")
  echo "$s"
  sql "$RPORT" -N -e "SELECT STAGE, THREADS, BEGIN_TIME, END_TIME, DATA, NETWORK
                      FROM performance_schema.clone_progress" | python3 -c '
import sys, datetime
out = []
for line in sys.stdin:
    stage, threads, begin, end, data, network = line.rstrip("\n").split("\t")
    if begin == "NULL" or end == "NULL":
        continue
    f = "%Y-%m-%d %H:%M:%S.%f"
    secs = (datetime.datetime.strptime(end, f) - datetime.datetime.strptime(begin, f)).total_seconds()
    out.append(f"{stage} {secs:.2f}s/{threads}t/{int(data) >> 20}M/{int(network) >> 20}M net")
print("    stages: " + ", ".join(out), file=sys.stderr)
' || true
}

tar_seconds() { # tar of the stopped donor into $1 over loopback socat; prints seconds
  local a
  mkdir -p "$1"
  (socat -u TCP-LISTEN:"$PIPE_PORT",reuseaddr - | tar -xf - -C "$1") &
  local receiver=$!
  wait_listening
  sync
  a=$(now)
  tar -cf - -C "$WORK/donor" . | socat -u - TCP:127.0.0.1:"$PIPE_PORT"
  wait "$receiver"
  sync
  since "$a"
}

mariabackup_seconds() { # stream into $1 then prepare it; prints "backup-seconds prepare-seconds"
  local a b
  mkdir -p "$1"
  (socat -u TCP-LISTEN:"$PIPE_PORT",reuseaddr - | mbstream -x -C "$1") &
  local receiver=$!
  wait_listening
  sync
  a=$(now)
  mariabackup --backup --host=127.0.0.1 --port="$MPORT" --user=root --stream=xbstream \
    2>>"$WORK/mariabackup.log" | socat -u - TCP:127.0.0.1:"$PIPE_PORT"
  wait "$receiver"
  sync
  b=$(since "$a")
  a=$(now)
  mariabackup --prepare --target-dir="$1" >>"$WORK/mariabackup.log" 2>&1
  sync
  echo "$b $(since "$a")"
}

plain=() tls=() zip=() tar_runs=() mb_backup=() mb_prepare=()
for r in $(seq 1 "$REPS"); do
  plain+=("$(clone_seconds "$WORK/clone-plain" "NO SSL" OFF)")
  plain_mib=$(size_mib "$WORK/clone-plain")
  remove "$WORK/clone-plain"
  tls+=("$(clone_seconds "$WORK/clone-tls" SSL OFF)")
  tls_mib=$(size_mib "$WORK/clone-tls")
  remove "$WORK/clone-tls"
  zip+=("$(clone_seconds "$WORK/clone-zip" "NO SSL" ON)")
  zip_mib=$(size_mib "$WORK/clone-zip")
  remove "$WORK/clone-zip"
  stop_donor
  tar_runs+=("$(tar_seconds "$WORK/tar-copy")")
  tar_mib=$(size_mib "$WORK/tar-copy")
  remove "$WORK/tar-copy"
  start_donor
  read -r mb_b mb_p < <(mariabackup_seconds "$WORK/mb-copy")
  mb_backup+=("$mb_b")
  mb_prepare+=("$mb_p")
  mb_mib=$(size_mib "$WORK/mb-copy")
  remove "$WORK/mb-copy"
  echo "round $r: clone ${plain[-1]} s ($plain_mib MiB), TLS ${tls[-1]} s, compressed ${zip[-1]} s;" \
    "tar|socat ${tar_runs[-1]} s ($tar_mib MiB); mariabackup $mb_b + $mb_p s ($mb_mib MiB)" >&2
done
donor_mib=$(size_mib "$WORK/donor")
mariadb_mib=$(size_mib "$WORK/mariadb")
sql "$RPORT" -e "SET GLOBAL clone_enable_compression = OFF"
max_threads=$(sql "$RPORT" -N -e "SELECT @@clone_max_concurrency")
autotune=$(sql "$RPORT" -N -e "SELECT @@clone_autotune_concurrency")

python3 - "$GIB" "$fill_s" "$donor_mib" "$mariadb_mib" "$max_threads" "$autotune" \
  "$plain_mib" "$tls_mib" "$zip_mib" "$tar_mib" "$mb_mib" \
  "${plain[*]}" "${tls[*]}" "${zip[*]}" "${tar_runs[*]}" "${mb_backup[*]}" "${mb_prepare[*]}" <<'PY'
import os, statistics, sys
gib, fill_s, donor_mib, mariadb_mib, max_threads, autotune = sys.argv[1:7]
plain_mib, tls_mib, zip_mib, tar_mib, mb_mib = map(float, sys.argv[7:12])
plain, tls, zipped, tar, mb_b, mb_p = ([float(x) for x in a.split()] for a in sys.argv[12:18])
mb_total = [b + p for b, p in zip(mb_b, mb_p)]
tar_rate = tar_mib / statistics.median(tar)
print(f"Instance: {gib} GiB of rows requested (filled over SQL in {fill_s} s; donor datadir {donor_mib} MiB,"
      f" MariaDB datadir {mariadb_mib} MiB); {os.cpu_count()} cores; page cache warm; {len(tar)} rounds;"
      f" clone_max_concurrency={max_threads}, clone_autotune_concurrency={autotune}.")
print()
print("| method | MiB | seconds (each round) | median MiB/s | vs tar \\| socat |")
print("|---|---:|---|---:|---:|")
rows = [
    ("`tar -cf - \\| socat` → `socat \\| tar -xf -` + `sync`, donor stopped", tar_mib, tar),
    ("CLONE INSTANCE, REQUIRE NO SSL, no compression", plain_mib, plain),
    ("CLONE INSTANCE, REQUIRE SSL, no compression", tls_mib, tls),
    ("CLONE INSTANCE, REQUIRE NO SSL, clone_enable_compression=ON", zip_mib, zipped),
    ("`mariabackup --backup --stream=xbstream \\| socat` → `mbstream -x` + `sync`", mb_mib, mb_b),
    ("`mariabackup --prepare` + `sync`", mb_mib, mb_p),
    ("mariabackup stream + prepare", mb_mib, mb_total),
]
for name, mib, runs in rows:
    rate = mib / statistics.median(runs)
    each = ", ".join(f"{x:.2f}" for x in runs)
    print(f"| {name} | {mib:.1f} | {each} | {rate:.0f} | {rate / tar_rate:.2f}x |")
plain_rate = plain_mib / statistics.median(plain)
mb_rate = mb_mib / statistics.median(mb_total)
print()
print(f"Remote clone (no TLS, no compression) vs tar | socat: {plain_rate / tar_rate:.2f}x (goal >= 0.8x);"
      f" vs mariabackup stream + prepare: {plain_rate / mb_rate:.2f}x (goal >= 2x).")
PY
echo "work directory: $WORK" >&2
