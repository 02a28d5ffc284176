#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the tests and print its URL.
# Installs Debian's postgresql package when the machine has no server. The server runs as
# the `postgres` user (it refuses root), on loopback only, in a fresh data directory.
set -euo pipefail
port=${MILER_PG_PORT:-54329}
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
data=$(mktemp -d /tmp/miler-pg.XXXXXX)
run=(bash -c)
if [ "$(id -u)" = 0 ]; then
  chown postgres "$data"
  run=(su postgres -s /bin/bash -c)
fi
"${run[@]}" "$bin/initdb -D $data -A trust -U postgres >/dev/null"
"${run[@]}" "$bin/pg_ctl -D $data -l $data/server.log -w -o '-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off' start >/dev/null"
echo "$data" > /tmp/miler-pg.dir
echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
