#!/bin/bash
# sysbench against Dolly and against MariaDB 10.11 (Debian package), same machine, same run, same
# commands. Prints a Markdown table of tps/qps and Dolly/MariaDB ratios for docs/benchmarks.md.
#
# Usage: bench/sysbench-compare.sh            (4 tables x 100,000 rows, 60 s per test, 4 threads)
#        TABLES=2 SIZE=10000 TIME=10 bench/sysbench-compare.sh       (a quick look)
# Needs sysbench and mariadb-server (as root it installs them with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

TABLES=${TABLES:-4}
SIZE=${SIZE:-100000}
TIME=${TIME:-60}
THREADS=${THREADS:-4}
TESTS=${TESTS:-"oltp_read_write oltp_point_select oltp_update_index oltp_update_non_index oltp_delete oltp_insert oltp_write_only"}
WORK=${WORK:-$(mktemp -d /tmp/dolly-sysbench.XXXXXX)}
DOLLY_PORT=${DOLLY_PORT:-3411}
MARIADB_PORT=${MARIADB_PORT:-3412}

if ! command -v mariadbd >/dev/null || ! command -v sysbench >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -q mariadb-server sysbench >/dev/null
  else
    echo "needs mariadbd and sysbench: apt-get install mariadb-server sysbench" >&2
    exit 1
  fi
fi

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

wait_for() {
  local port=$1
  for _ in $(seq 1 120); do
    if mariadb -h127.0.0.1 -P"$port" -uroot -e 'SELECT 1' >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "server on port $port did not come up" >&2
  exit 1
}

# MariaDB with InnoDB settings matching Dolly's defaults (128 MiB pool, 100 MiB redo, fsync per commit).
mkdir -p "$WORK/mariadb"
mariadb-install-db --no-defaults --datadir="$WORK/mariadb" --auth-root-authentication-method=normal \
  --user="$(id -un)" >"$WORK/mariadb-install.log" 2>&1
mariadbd --no-defaults --datadir="$WORK/mariadb" --port="$MARIADB_PORT" --bind-address=127.0.0.1 \
  --socket="$WORK/mariadb.sock" --user="$(id -un)" --innodb-buffer-pool-size=128M \
  --innodb-log-file-size=100M --innodb-flush-log-at-trx-commit=1 --max-connections=200 \
  >"$WORK/mariadb.log" 2>&1 &
pids+=($!)

./dolly server --datadir="$WORK/dolly" --port="$DOLLY_PORT" \
  >"$WORK/dolly.log" 2>&1 &
pids+=($!)

wait_for "$MARIADB_PORT"
wait_for "$DOLLY_PORT"

# Runs one sysbench test against one server; prints "tps qps errors".
measure() {
  local port=$1 test=$2 out
  local common=(--db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$port" --mysql-user=root
    --mysql-db=sbtest --tables="$TABLES" --table-size="$SIZE")
  mariadb -h127.0.0.1 -P"$port" -uroot -e 'DROP DATABASE IF EXISTS sbtest; CREATE DATABASE sbtest'
  sysbench "$test" "${common[@]}" prepare >"$WORK/prepare-$port-$test.log" 2>&1
  out=$(sysbench "$test" "${common[@]}" --threads="$THREADS" --time="$TIME" --report-interval=0 run 2>&1)
  echo "$out" >"$WORK/run-$port-$test.log"
  local tps qps errors
  tps=$(echo "$out" | awk '/transactions:/ {gsub(/[(]/, "", $3); print $3}')
  qps=$(echo "$out" | awk '/queries:/ && /per sec/ {gsub(/[(]/, "", $3); print $3}')
  errors=$(echo "$out" | awk '/ignored errors:/ {print $3}')
  echo "${tps:-0} ${qps:-0} ${errors:-?}"
}

echo "sysbench $(sysbench --version | awk '{print $2}'), $TABLES tables x $SIZE rows, $THREADS threads, $TIME s per test"
echo
echo "| test | Dolly tps | Dolly qps | MariaDB tps | MariaDB qps | Dolly/MariaDB (qps) | Dolly errors |"
echo "|---|---|---|---|---|---|---|"
for t in $TESTS; do
  read -r dt dq de < <(measure "$DOLLY_PORT" "$t")
  read -r mt mq _ < <(measure "$MARIADB_PORT" "$t")
  ratio=$(awk -v a="$dq" -v b="$mq" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
  echo "| $t | $dt | $dq | $mt | $mq | $ratio | $de |"
done
echo
echo "logs: $WORK"
