#!/usr/bin/env bash
# Backs up a PBX: its PostgreSQL database (configuration, CDRs, recording rows) and the files the rows name (call
# recordings, prompts) plus the Data Protection keys that decrypt trunk passwords, into one folder.
#   deploy/backup.sh [OUT_DIR]        (default: ./backups/pbx-<UTC time>)
# Reads the same settings as the PBX (deploy/env.sh's defaults when unset): Database__ConnectionString,
# Media__RecordingsDirectory, Media__PromptsDirectory, Trunks__KeysDirectory.
# Consistency: the database is dumped first (one snapshot), the files after. The PBX writes an audio file before the row
# that names it, so every row in the dump has its file in the backup; a file newer than the dump has no row there and is
# left out of the restore's check, not out of the backup.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/deploy/pgconn.sh"
connection=${Database__ConnectionString:-"Host=127.0.0.1;Port=${PBX_PG_PORT:-5433};Username=pbx;Database=pbx"}
recordings=${Media__RecordingsDirectory:-$here/.data/recordings}
prompts=${Media__PromptsDirectory:-$here/.data/prompts}
keys=${Trunks__KeysDirectory:-$here/.data/keys}
out=${1:-$here/backups/pbx-$(date -u +%Y%m%dT%H%M%SZ)}
pbx_pg_env "$connection"

[ ! -e "$out" ] || [ -z "$(ls -A "$out")" ] || { echo "backup.sh: $out is not empty" >&2; exit 1; }
mkdir -p "$out"
umask 077  # the dump holds password hashes and the keys decrypt trunk passwords
# The membership rows name the backed-up cluster's silos, which are no members of the restored one.
"$PGBIN/pg_dump" --format=custom --no-owner --exclude-table-data=orleansmembershiptable --file="$out/database.dump"
# Each folder as a tar of its contents, so the restore can put it wherever the new PBX keeps it.
for part in recordings prompts keys; do
  dir=${!part}
  if [ -d "$dir" ]; then tar -C "$dir" -cf "$out/$part.tar" .; else tar -cf "$out/$part.tar" -T /dev/null; fi
done
counts=$("$PGBIN/psql" -XAtq -c "select (select count(*) from cdrs) || ' ' || (select count(*) from recordings)")
{
  echo "created_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "database=$PGDATABASE"
  echo "recordings_directory=$(cd "$recordings" 2>/dev/null && pwd || echo "$recordings")"
  echo "cdrs=${counts% *}"
  echo "recordings=${counts#* }"
} >"$out/manifest"
(cd "$out" && sha256sum database.dump recordings.tar prompts.tar keys.tar manifest >SHA256SUMS)
echo "backup.sh: $out (${counts% *} CDRs, ${counts#* } recordings)"
