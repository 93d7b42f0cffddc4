# Sourced by .ci/run: start a throwaway PostgreSQL cluster on 127.0.0.1 (Debian's package, installed
# when missing), export NEWSGRAPH_TEST_POSTGRES with its URL, and stop and remove it when the shell exits.
# Also usable by hand: `source .ci/postgres.sh` before `make test` runs the PostgreSQL tests too.

_pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [ -z "$(_pg_bin)" ]; then
    echo "installing PostgreSQL (Debian's postgresql package)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN="$(_pg_bin)"
PG_DATA="$(mktemp -d /tmp/newsgraph-pg.XXXXXX)"
PG_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_DATA"
    _pg() { runuser -u postgres -- "$@"; }   # the server refuses to run as root
    PG_USER=postgres
else
    _pg() { "$@"; }
    PG_USER="$(id -un)"
fi
_pg "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U "$PG_USER" >/dev/null
_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DATA -c fsync=off -c max_connections=200" start >/dev/null
_pg_stop() {
    _pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DATA"
}
trap _pg_stop EXIT
export NEWSGRAPH_TEST_POSTGRES="postgresql+psycopg://$PG_USER@127.0.0.1:$PG_PORT/postgres"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT" >&2
