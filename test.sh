#!/usr/bin/env bash
# The whole test suite: installs missing system packages, builds, runs every test project.
# Integration tests start their own throwaway PostgreSQL with deploy/pg.sh.
set -euo pipefail
cd "$(dirname "$0")"
bash deploy/install-deps.sh
export PBX_SIP_TORTURE_DIR=${PBX_SIP_TORTURE_DIR:-$(cd .. && pwd)/shared/testdata/sip-torture}
[ -d "$PBX_SIP_TORTURE_DIR" ] || unset PBX_SIP_TORTURE_DIR
dotnet build Pbx.sln -c Release -nologo -v q
dotnet test Pbx.sln -c Release --no-build -nologo -v q --logger "console;verbosity=minimal" -- RunConfiguration.TestSessionTimeout=1800000
