#!/usr/bin/env bash
# Local PostgreSQL for the embedded PBX and for the test suite, from the system's binaries.
#   deploy/pg.sh start    initialise (first time) and start; idempotent
#   deploy/pg.sh stop     stop if running
#   deploy/pg.sh status   exit 0 when running
# Settings (environment):
#   PBX_PG_DATA   data directory          (default: <repo>/.data/pg)
#   PBX_PG_PORT   TCP port on 127.0.0.1   (default: 5433, so a system PostgreSQL on 5432 is left alone)
#   PBX_PG_BIN    PostgreSQL bin folder   (default: newest /usr/lib/postgresql/*/bin)
#   PBX_PG_FSYNC  on|off                  (default: on; off marks a throwaway cluster, the tests' and
#                 benchmarks': no fsync, no full-page images and a small WAL, so that a test run
#                 neither waits on the disk nor fills it)
# initdb and postgres refuse to run as root, so as root they run as the 'postgres' user; the data
# directory then has to be reachable by that user; when a checkout is not (one under /root), the
# default data directory moves to /tmp/pbx-pg-<hash of the repo path>.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
port=${PBX_PG_PORT:-5433}
bin=${PBX_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$bin/pg_ctl" ] || { echo "pg.sh: no PostgreSQL binaries found (looked in /usr/lib/postgresql/*/bin); install postgresql-15 or set PBX_PG_BIN" >&2; exit 1; }

as_owner=()
default_data=$here/.data/pg
if [ "$(id -u)" -eq 0 ]; then
  as_owner=(runuser -u postgres --)
  runuser -u postgres -- test -x "$here" 2>/dev/null || default_data=/tmp/pbx-pg-$(printf '%s' "$here" | sha1sum | cut -c1-10)
fi
data=${PBX_PG_DATA:-$default_data}
run() { "${as_owner[@]}" "$@"; }

running() { run "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

case "${1:-}" in
  start)
    mkdir -p "$data"
    [ ${#as_owner[@]} -eq 0 ] || chown postgres:postgres "$data"
    chmod 700 "$data"
    if [ ! -f "$data/PG_VERSION" ]; then
      # Trust on loopback only: the cluster listens on 127.0.0.1 and a Unix socket inside its own directory.
      run "$bin/initdb" -D "$data" -U pbx --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if running; then echo "pg.sh: already running on 127.0.0.1:$port ($data)"; exit 0; fi
    options="-c listen_addresses=127.0.0.1 -p $port -k $data -c max_connections=200"
    if [ "${PBX_PG_FSYNC:-on}" = off ]; then
      options+=" -c fsync=off -c full_page_writes=off -c min_wal_size=32MB -c max_wal_size=64MB"
    fi
    run "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 30 start -o "$options" >/dev/null \
      || { echo "pg.sh: PostgreSQL did not start; see $data/server.log" >&2; tail -n 20 "$data/server.log" >&2; exit 1; }
    if ! run "$bin/psql" -h 127.0.0.1 -p "$port" -U pbx -d postgres -tAc "select 1 from pg_database where datname='pbx'" | grep -q 1; then
      run "$bin/psql" -h 127.0.0.1 -p "$port" -U pbx -d postgres -qc "create database pbx" >/dev/null
    fi
    echo "pg.sh: running on 127.0.0.1:$port ($data)"
    ;;
  stop)
    if running; then run "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; echo "pg.sh: stopped"; else echo "pg.sh: not running"; fi
    ;;
  status)
    running
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
