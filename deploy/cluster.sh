#!/usr/bin/env bash
# A local cluster on this machine: two silos, one SIP edge, one media node and one API host, each its own process,
# all on the local PostgreSQL (the same one run.sh uses). Logs and pids under .data/cluster/.
#   bash deploy/cluster.sh start | stop | status
# Ports: silos 11111/30000 and 11112/30001 (silo/gateway), edge SIP 5060 UDP+TCP and 5061 TLS, media RTP 10000-20000, API/console 8080.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.data/cluster

start_role() { # name, then --Key=value settings
  local name=$1; shift
  [[ -f $dir/$name.pid ]] && kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null && { echo "$name already running"; return; }
  nohup dotnet "$PBX_DLL" --Seed:Enabled=false "$@" >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
  echo "$name started (pid $!, log $dir/$name.log)"
}

case ${1:-start} in
  start)
    source deploy/env.sh
    mkdir -p "$dir"
    silo=(--Roles:Silo=true --Roles:Edge=false --Roles:Media=false --Roles:Api=false --Urls=http://127.0.0.1:0)
    start_role silo1 "${silo[@]}" --Cluster:SiloPort=11111 --Cluster:GatewayPort=30000 --Cdrs:JournalDirectory=$PWD/.data/cdr-journal-silo1
    start_role silo2 "${silo[@]}" --Cluster:SiloPort=11112 --Cluster:GatewayPort=30001 --Cdrs:JournalDirectory=$PWD/.data/cdr-journal-silo2
    start_role edge --Roles:Silo=false --Roles:Edge=true --Roles:Media=false --Roles:Api=false --Urls=http://127.0.0.1:0 --Sip:Registrar:EdgeNodeId=edge1
    start_role media --Roles:Silo=false --Roles:Edge=false --Roles:Media=true --Roles:Api=false --Urls=http://127.0.0.1:0
    start_role api --Roles:Silo=false --Roles:Edge=false --Roles:Media=false --Roles:Api=true
    echo "Users and extensions: bash run.sh create-admin --username admin; bash run.sh extension add 1001"
    ;;
  stop)
    for pid in "$dir"/*.pid; do
      [[ -f $pid ]] || continue
      kill "$(cat "$pid")" 2>/dev/null || true
      rm -f "$pid"
    done
    ;;
  status)
    for pid in "$dir"/*.pid; do
      [[ -f $pid ]] || continue
      name=$(basename "$pid" .pid)
      if kill -0 "$(cat "$pid")" 2>/dev/null; then echo "$name running"; else echo "$name stopped"; fi
    done
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
