#!/usr/bin/env bash
# Installs the system packages the PBX, its tests and its benchmarks need (Debian).
# Idempotent: packages already present are skipped, so a warm machine pays nothing.
set -euo pipefail
needed=(sip-tester sox espeak-ng postgresql-15 libsox-fmt-base chromium baresip-core linphone-cli sipvicious)
missing=()
for p in "${needed[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
# dotnet build bundles the web console with npm; a Node.js installed another way (NodeSource, nvm) serves as well.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "installing: ${missing[*]}"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
