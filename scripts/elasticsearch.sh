#!/usr/bin/env bash
# Fetch, start, stop and query a throwaway single-node Elasticsearch for tests.
#
#   scripts/elasticsearch.sh start   # fetch (mvn) + unpack if needed, start, wait for health; prints the URL
#   scripts/elasticsearch.sh stop
#   scripts/elasticsearch.sh status
#   scripts/elasticsearch.sh url
#
# The distribution is Maven Central's integ-test-zip: core modules only, no
# analysis-common (see docs/ELASTICSEARCH.md). Elasticsearch refuses to run as
# root, so as root it runs as the unprivileged user "livinglab-es".
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=services.env
. "$HERE/services.env"

ES_USER="livinglab-es"
ES_HOME="$LIVINGLAB_CACHE/elasticsearch-$ES_VERSION"
ES_STATE="$LIVINGLAB_RUN/elasticsearch-$ES_PORT"
URL="http://127.0.0.1:$ES_PORT"

log() { echo "[elasticsearch] $*" >&2; }

run_as_es() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u "$ES_USER" -- "$@"
  else
    "$@"
  fi
}

fetch() {
  if [ -x "$ES_HOME/bin/elasticsearch" ]; then return 0; fi
  command -v mvn >/dev/null || { log "mvn not found: cannot fetch Elasticsearch $ES_VERSION"; return 1; }
  mkdir -p "$LIVINGLAB_CACHE"
  local zip="$LIVINGLAB_CACHE/elasticsearch-$ES_VERSION.zip"
  if [ ! -s "$zip" ]; then
    log "fetching org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION from Maven Central"
    mvn -q -B dependency:copy \
      -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
      -DoutputDirectory="$LIVINGLAB_CACHE" >&2
  fi
  log "unpacking $zip"
  local tmp; tmp="$(mktemp -d "$LIVINGLAB_CACHE/unpack.XXXXXX")"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$tmp"
  chmod +x "$tmp"/elasticsearch-*/bin/* "$tmp"/elasticsearch-*/lib/platform/*/bin/* 2>/dev/null || true
  rm -rf "$ES_HOME"
  mv "$tmp"/elasticsearch-* "$ES_HOME"
  rmdir "$tmp"
}

healthy() {
  curl -fsS -m 5 "$URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1
}

start() {
  if healthy; then echo "$URL"; return 0; fi
  fetch
  if [ "$(id -u)" = "0" ]; then
    id "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
    chmod 755 "$LIVINGLAB_CACHE"
  fi
  # A fresh config each start: a failed earlier boot may have left an
  # auto-generated keystore behind that conflicts with security disabled.
  rm -rf "$ES_STATE/config"
  mkdir -p "$ES_STATE"/{data,logs,config}
  # A private config dir per instance: the unpacked distribution stays read-only.
  cp -r "$ES_HOME"/config/. "$ES_STATE/config/"
  mkdir -p "$ES_STATE/config/jvm.options.d"
  printf -- '-Xms%s\n-Xmx%s\n' "$ES_HEAP" "$ES_HEAP" > "$ES_STATE/config/jvm.options.d/heap.options"
  if [ "$(id -u)" = "0" ]; then chown -R "$ES_USER" "$ES_STATE"; chmod 755 "$LIVINGLAB_RUN"; fi
  local java_home="${ES_JAVA_HOME:-${JAVA_HOME:-}}"
  if [ -z "$java_home" ]; then java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"; fi
  log "starting Elasticsearch $ES_VERSION on $URL (state in $ES_STATE)"
  run_as_es env ES_JAVA_HOME="$java_home" ES_PATH_CONF="$ES_STATE/config" \
    "$ES_HOME/bin/elasticsearch" -d -p "$ES_STATE/es.pid" \
      -Ediscovery.type=single-node \
      -Enetwork.host=127.0.0.1 \
      -Ehttp.port="$ES_PORT" \
      -Etransport.port=0 \
      -Epath.data="$ES_STATE/data" \
      -Epath.logs="$ES_STATE/logs" \
      -Ecluster.routing.allocation.disk.threshold_enabled=false \
      -Expack.security.enabled=false \
      -Eaction.destructive_requires_name=false \
      >"$ES_STATE/stdout.log" 2>&1 || { cat "$ES_STATE/stdout.log" >&2; return 1; }
  local i
  for i in $(seq 1 120); do
    if healthy; then log "healthy after ${i}s"; echo "$URL"; return 0; fi
    sleep 1
  done
  log "Elasticsearch did not become healthy in 120s; last log lines:"
  tail -n 40 "$ES_STATE"/logs/*.log >&2 2>/dev/null || true
  return 1
}

stop() {
  local pidfile="$ES_STATE/es.pid"
  if [ -s "$pidfile" ]; then
    local pid; pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    rm -f "$pidfile"
    log "stopped"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  fetch) fetch ;;
  status) if healthy; then echo "up $URL"; else echo "down $URL"; exit 1; fi ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|status|fetch|url" >&2; exit 2 ;;
esac
