#!/usr/bin/env bash
# Sets up and runs the whole PBX in one process (silo, SIP edge, media node, API) against a local
# PostgreSQL started from the system's binaries. Demo data is seeded on the first run and its
# generated passwords are printed once. Ctrl-C stops the PBX; `bash deploy/pg.sh stop` stops PostgreSQL.
#   bash run.sh [pbx arguments]      e.g. bash run.sh create-admin --username alice
set -euo pipefail
cd "$(dirname "$0")"
source deploy/env.sh
# PBX_REALTIME=1 runs the PBX as the RTP benchmark measures a media host (bench/run.sh --realtime): SCHED_FIFO priority 1
# when permitted, as FreeSWITCH's -rp does, and socket completions on the epoll threads so RTP is relayed without a
# thread-pool hop. The kernel still keeps 5% of each second for ordinary tasks (sched_rt_runtime_us).
prefix=()
if [[ ${PBX_REALTIME:-0} == 1 ]]; then
  export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
  if chrt -f 1 true 2>/dev/null; then prefix=(chrt -f 1); else echo "PBX_REALTIME: real-time scheduling not permitted here, running normally" >&2; fi
fi
exec "${prefix[@]}" dotnet "$PBX_DLL" "$@"
