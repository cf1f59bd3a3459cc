#!/usr/bin/env bash
# Start and stop a throwaway PostgreSQL for tests, with its own data dir.
#
#   scripts/postgres.sh start   # initdb if needed, start, create role+db; prints DATABASE_URL
#   scripts/postgres.sh stop
#   scripts/postgres.sh url
#
# Uses Debian's postgresql-$PG_MAJOR binaries. PostgreSQL refuses to run as
# root, so as root it runs as the OS user "postgres" (created if missing).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=services.env
. "$HERE/services.env"

PG_BIN="${PG_BIN:-/usr/lib/postgresql/$PG_MAJOR/bin}"
PG_STATE="$LIVINGLAB_RUN/postgres-$PG_PORT"
PG_DATA="$PG_STATE/data"
DB_NAME="livinglab"
DB_USER="livinglab"
DB_PASSWORD="livinglab"
URL="postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME"
OS_USER="postgres"

log() { echo "[postgres] $*" >&2; }

as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u "$OS_USER" -- "$@"; else "$@"; fi
}

ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" >/dev/null 2>&1; }

start() {
  [ -x "$PG_BIN/initdb" ] || { log "PostgreSQL $PG_MAJOR not found in $PG_BIN (apt-get install postgresql-$PG_MAJOR)"; return 1; }
  if [ "$(id -u)" = "0" ]; then
    id "$OS_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$OS_USER"
  fi
  mkdir -p "$PG_STATE"
  chmod 755 "$LIVINGLAB_RUN" "$PG_STATE" 2>/dev/null || true
  if [ "$(id -u)" = "0" ]; then chown "$OS_USER" "$PG_STATE"; fi
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    log "initdb in $PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! ready; then
    # fsync off: this cluster is thrown away; it only has to be fast.
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_STATE/server.log" -w -t 60 start \
      -o "-p $PG_PORT -k $PG_STATE -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null \
      || { tail -n 30 "$PG_STATE/server.log" >&2; return 1; }
  fi
  local psql=("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname='$DB_USER'")" != "1" ]; then
    "${psql[@]}" -c "create role $DB_USER login password '$DB_PASSWORD' createdb"
  fi
  if [ "$("${psql[@]}" -c "select 1 from pg_database where datname='$DB_NAME'")" != "1" ]; then
    "${psql[@]}" -c "create database $DB_NAME owner $DB_USER"
  fi
  log "ready on 127.0.0.1:$PG_PORT"
  echo "$URL"
}

stop() {
  if [ -s "$PG_DATA/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null && log "stopped"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  status) if ready; then echo "up $URL"; else echo "down"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
