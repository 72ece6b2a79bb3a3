# shellcheck shell=bash
# Throwaway PostgreSQL cluster for tests (sourced by scripts/test).
#
#   pg_start          -> starts a cluster on 127.0.0.1:PG_PORT (trust auth, user "postgres")
#   pg_stop           -> stops it and deletes its directory; idempotent and silent
#
# As root the cluster runs as the "postgres" user (initdb refuses root); otherwise as the caller.
# Variables set: PG_BIN, PG_TMP, PG_DATA, PG_SOCK, PG_LOG, PG_PORT.

PG_BIN=""
PG_TMP=""
PG_DATA=""
PG_PORT=""

pg_bindir() {
    local d
    d=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' -printf '%h\n' 2>/dev/null | sort -V | tail -n 1)
    [[ -n "$d" ]] || return 1
    printf '%s\n' "$d"
}

# Runs a command as the cluster owner, from the cluster directory (the caller's cwd may not be
# readable by "postgres").
pg_run() {
    if [[ $EUID -eq 0 ]]; then
        (cd "$PG_TMP" && runuser -u postgres -- "$@")
    else
        (cd "$PG_TMP" && "$@")
    fi
}

# True when something listens on 127.0.0.1/any address at TCP port $1.
pg_port_busy() {
    local p=$1
    if command -v ss >/dev/null 2>&1; then
        ss -Hltn 2>/dev/null | awk '{print $4}' | grep -Eq "[:.]${p}\$"
    else
        (exec 3<>"/dev/tcp/127.0.0.1/${p}") 2>/dev/null
    fi
}

pg_start() {
    PG_BIN=$(pg_bindir) || { echo "PostgreSQL introuvable (/usr/lib/postgresql/*/bin/initdb)" >&2; return 1; }

    if [[ $EUID -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || { echo "utilisateur « postgres » absent" >&2; return 1; }
        # /tmp, not $TMPDIR: "postgres" must be able to reach the directory.
        PG_TMP=$(mktemp -d /tmp/maillage-pg.XXXXXX) || return 1
        chown postgres: "$PG_TMP" || return 1
    else
        PG_TMP=$(mktemp -d "${TMPDIR:-/tmp}/maillage-pg.XXXXXX") || return 1
    fi
    chmod 700 "$PG_TMP" || return 1
    PG_DATA="$PG_TMP/data"
    PG_SOCK="$PG_TMP/sock"
    PG_LOG="$PG_TMP/server.log"
    pg_run mkdir -p "$PG_SOCK" || return 1

    if ! pg_run "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$PG_TMP/initdb.log" 2>&1; then
        echo "initdb a échoué :" >&2
        cat "$PG_TMP/initdb.log" >&2
        return 1
    fi

    # Free port from 55432 upward; a start that still loses a race for the port tries the next one.
    local port=55432 last=55531
    while ((port <= last)); do
        if ! pg_port_busy "$port"; then
            rm -f "$PG_LOG"
            if pg_run "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -t 60 -w \
                -o "-p $port -c listen_addresses=127.0.0.1 -k $PG_SOCK -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
                start >/dev/null 2>&1; then
                PG_PORT=$port
                break
            fi
            # Lost the port (or another failure): stop a half-started server before the next try.
            pg_run "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
            grep -q 'could not bind\|Address already in use' "$PG_LOG" 2>/dev/null || break
        fi
        port=$((port + 1))
    done
    if [[ -z "$PG_PORT" ]]; then
        echo "PostgreSQL n'a pas démarré ; journal :" >&2
        tail -n 30 "$PG_LOG" >&2 2>/dev/null || true
        return 1
    fi

    # Readiness over TCP, the way the tests connect.
    local psql="$PG_BIN/psql"
    [[ -x "$psql" ]] || psql=psql
    if ! "$psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
        echo "PostgreSQL démarré mais injoignable sur 127.0.0.1:$PG_PORT ; journal :" >&2
        tail -n 30 "$PG_LOG" >&2 2>/dev/null || true
        return 1
    fi
}

pg_stop() {
    if [[ -n "$PG_TMP" && -d "$PG_TMP" ]]; then
        if [[ -f "$PG_DATA/postmaster.pid" ]]; then
            if ! pg_run "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -t 30 -w stop >/dev/null 2>&1; then
                local pid
                pid=$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)
                if [[ "$pid" =~ ^[0-9]+$ ]]; then kill -9 "$pid" 2>/dev/null || true; fi
            fi
        fi
        rm -rf "$PG_TMP" 2>/dev/null || true
    fi
    PG_TMP=""
}
