#!/usr/bin/env bash
# Runs the benchmarks and prints one table.  bench/run.sh [--quick] [suite ...]
# Build in Release; suites that need PostgreSQL start a throwaway cluster with deploy/pg.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/install-deps.sh
dotnet build bench/Pbx.Bench -c Release -v q -nologo >/dev/null
exec dotnet bench/Pbx.Bench/bin/Release/net10.0/Pbx.Bench.dll "$@"
