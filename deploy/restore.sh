#!/usr/bin/env bash
# Restores a backup made by deploy/backup.sh into an EMPTY database and the folders of the PBX being restored.
#   deploy/restore.sh BACKUP_DIR
# Settings as for the PBX and backup.sh (Database__ConnectionString, Media__RecordingsDirectory, Media__PromptsDirectory,
# Trunks__KeysDirectory); the database must exist and hold no tables (a fresh `createdb`), so nothing is overwritten.
# Recording rows name their files by absolute path: paths under the backed-up recordings folder are moved to the new one.
# Ends with a check: every recording row's file exists with the size the row records, and the counts match the manifest.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/deploy/pgconn.sh"
backup=${1:?usage: deploy/restore.sh BACKUP_DIR}
connection=${Database__ConnectionString:-"Host=127.0.0.1;Port=${PBX_PG_PORT:-5433};Username=pbx;Database=pbx"}
recordings=${Media__RecordingsDirectory:-$here/.data/recordings}
prompts=${Media__PromptsDirectory:-$here/.data/prompts}
keys=${Trunks__KeysDirectory:-$here/.data/keys}
pbx_pg_env "$connection"

(cd "$backup" && sha256sum --quiet -c SHA256SUMS) || { echo "restore.sh: $backup fails its checksums" >&2; exit 1; }
manifest() { sed -n "s/^$1=//p" "$backup/manifest"; }
tables=$("$PGBIN/psql" -XAtq -c "select count(*) from information_schema.tables where table_schema = 'public'")
[ "$tables" = 0 ] || { echo "restore.sh: database $PGDATABASE is not empty ($tables tables); restore into a fresh one" >&2; exit 1; }

"$PGBIN/pg_restore" --no-owner --exit-on-error --single-transaction --dbname="$PGDATABASE" "$backup/database.dump"
for part in recordings prompts keys; do
  dir=${!part}
  mkdir -p "$dir"
  tar -C "$dir" -xf "$backup/$part.tar"
done
[ -d "$keys" ] && chmod 700 "$keys"
old=$(manifest recordings_directory)
new=$(cd "$recordings" && pwd)
if [ "$old" != "$new" ]; then
  # psql interpolates :'variables' (quoted as literals) only in what it reads, not in -c.
  "$PGBIN/psql" -Xq -v ON_ERROR_STOP=1 -v old="$old/" -v new="$new/" <<<"update recordings
    set file_path = :'new' || substr(file_path, length(:'old') + 1) where starts_with(file_path, :'old')"
fi

missing=0
while IFS='|' read -r path size; do
  if [ ! -f "$path" ] || [ "$(stat -c %s "$path")" != "$size" ]; then
    echo "restore.sh: recording file missing or of another size: $path" >&2
    missing=$((missing + 1))
  fi
done < <("$PGBIN/psql" -XAtq -c "select file_path, size_bytes from recordings where completed_at is not null")
# Prompt rows name files relative to the prompts folder, so a new folder needs no rewrite; each must be there as converted.
# A backup older than the prompts library (migration 0090) has no such table.
if [ "$("$PGBIN/psql" -XAtq -c "select to_regclass('public.prompts') is not null")" = t ]; then
  while IFS='|' read -r path size; do
    if [ ! -f "$prompts/$path" ] || [ "$(stat -c %s "$prompts/$path")" != "$size" ]; then
      echo "restore.sh: prompt file missing or of another size: $prompts/$path" >&2
      missing=$((missing + 1))
    fi
  done < <("$PGBIN/psql" -XAtq -c "select file_path, size_bytes from prompts")
fi
counts=$("$PGBIN/psql" -XAtq -c "select (select count(*) from cdrs) || ' ' || (select count(*) from recordings)")
[ "${counts% *}" = "$(manifest cdrs)" ] && [ "${counts#* }" = "$(manifest recordings)" ] \
  || { echo "restore.sh: counts differ from the manifest (restored: $counts)" >&2; exit 1; }
[ "$missing" = 0 ] || exit 1
echo "restore.sh: restored ${counts% *} CDRs and ${counts#* } recordings into $PGDATABASE; files under $new"
