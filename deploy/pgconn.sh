# Sourced by backup.sh and restore.sh: exports libpq's PG* variables from an Npgsql connection string
# ("Host=...;Port=...;Username=...;Password=...;Database=..."), so pg_dump, pg_restore and psql reach the PBX's
# database as the PBX does, and PGBIN (the newest PostgreSQL client binaries, or $PBX_PG_BIN).
pbx_pg_env() {
  local connection=$1 pair key value
  IFS=';' read -ra pairs <<<"$connection"
  for pair in "${pairs[@]}"; do
    [[ $pair == *=* ]] || continue
    key=$(printf '%s' "${pair%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')
    value=${pair#*=}
    case $key in
      host|server) export PGHOST=$value ;;
      port) export PGPORT=$value ;;
      username|userid|user) export PGUSER=$value ;;
      password) export PGPASSWORD=$value ;;
      database|db) export PGDATABASE=$value ;;
    esac
  done
  [ -n "${PGDATABASE:-}" ] || { echo "no Database= in the connection string" >&2; return 1; }
  PGBIN=${PBX_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
  [ -x "$PGBIN/pg_dump" ] || { echo "no PostgreSQL client binaries found (looked in /usr/lib/postgresql/*/bin); set PBX_PG_BIN" >&2; return 1; }
  export PGBIN
}
