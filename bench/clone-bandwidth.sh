#!/bin/bash
# clone_max_data_bandwidth over a long remote clone: a donor with MIB MiB of rows (filled over
# SQL), a recipient cloning it over loopback into a DATA DIRECTORY at LIMIT MiB/s. The average is
# FILE COPY's DATA divided by its duration (END_TIME - BEGIN_TIME) from the recipient's
# performance_schema.clone_progress; it must be within ±10 % of LIMIT. Exits 1 when it is not.
#
# Usage: bench/clone-bandwidth.sh                 (180 MiB at 5 MiB/s: about 36 s)
#        MIB=400 LIMIT=20 bench/clone-bandwidth.sh
set -euo pipefail
cd "$(dirname "$0")/.."

MIB=${MIB:-180}
LIMIT=${LIMIT:-5}
DONOR_PORT=${DONOR_PORT:-3471}
RECIPIENT_PORT=${RECIPIENT_PORT:-3472}
WORK=${WORK:-$(mktemp -d /tmp/dolly-clone-bandwidth.XXXXXX)}
mkdir -p "$WORK"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

sql() { local port=$1; shift; mariadb -h127.0.0.1 -P"$port" -uroot "$@"; }

start() { # name port
  if sql "$2" -e 'SELECT 1' >/dev/null 2>&1; then
    echo "port $2 is taken: set DONOR_PORT and RECIPIENT_PORT" >&2
    exit 1
  fi
  ./dolly server --datadir="$WORK/$1" --port="$2" >>"$WORK/$1.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 240); do
    if sql "$2" -e 'SELECT 1' >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "$1 did not come up; see $WORK/$1.log" >&2
  exit 1
}

start donor "$DONOR_PORT"
start recipient "$RECIPIENT_PORT"
sql "$DONOR_PORT" -e "CREATE USER 'cloner'@'%' IDENTIFIED BY 'pw';
  GRANT BACKUP_ADMIN ON *.* TO 'cloner'@'%';
  CREATE DATABASE filler; CREATE TABLE filler.t (id BIGINT PRIMARY KEY, pad VARCHAR(3000) NOT NULL)"
# Rows of 2880 bytes (REPEAT(MD5(id), 90)), 1000 per statement, as FillerTable writes them.
python3 bench/filler-rows.py "$MIB" | sql "$DONOR_PORT"
echo "filled $MIB MiB of rows" >&2

sql "$RECIPIENT_PORT" -e "SET GLOBAL clone_valid_donor_list = '127.0.0.1:$DONOR_PORT';
  SET GLOBAL clone_max_data_bandwidth = $LIMIT;
  CLONE INSTANCE FROM 'cloner'@'127.0.0.1':$DONOR_PORT IDENTIFIED BY 'pw'
    DATA DIRECTORY = '$WORK/copy'"

sql "$RECIPIENT_PORT" -N -e "SELECT BEGIN_TIME, END_TIME, DATA
  FROM performance_schema.clone_progress WHERE STAGE = 'FILE COPY'" |
  python3 -c "
import sys
from datetime import datetime
begin_d, begin_t, end_d, end_t, data = sys.stdin.read().split()
parse = lambda d, t: datetime.fromisoformat(d + ' ' + t)
seconds = (parse(end_d, end_t) - parse(begin_d, begin_t)).total_seconds()
mib = int(data) / 1048576
rate = mib / seconds
print(f'FILE COPY: {mib:.1f} MiB in {seconds:.2f} s = {rate:.3f} MiB/s'
      f' at clone_max_data_bandwidth={$LIMIT} ({(rate / $LIMIT - 1) * 100:+.1f} %)')
sys.exit(0 if abs(rate / $LIMIT - 1) <= 0.10 else 1)
"
