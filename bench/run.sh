#!/usr/bin/env bash
# Runs the benchmarks and prints one table.  bench/run.sh [--quick] [--realtime] [suite ...]
# Build in Release; suites that need PostgreSQL start a throwaway cluster with deploy/pg.sh.
# --realtime runs the bench (media node included) SCHED_FIFO priority 1 via chrt when the user may (root or
# CAP_SYS_NICE / an rtprio limit), as a media node is deployed on a busy host; otherwise it says so and runs normally.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/install-deps.sh
dotnet build bench/Pbx.Bench -c Release -v q -nologo >/dev/null
# The media node's deployment setting: socket completions run the relay on the epoll thread, no thread-pool hop.
export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
args=()
prefix=()
for arg in "$@"; do
  if [[ $arg == --realtime ]]; then
    if chrt -f 1 true 2>/dev/null; then prefix=(chrt -f 1); else echo "--realtime: not permitted here, normal scheduling" >&2; fi
  else
    args+=("$arg")
  fi
done
exec "${prefix[@]}" dotnet bench/Pbx.Bench/bin/Release/net10.0/Pbx.Bench.dll "${args[@]}"
