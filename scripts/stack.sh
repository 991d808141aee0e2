#!/usr/bin/env bash
# stack.sh VARDIR COMMAND: control one throwaway Motcua stack (used by
# test.sh, bench.sh and the HTTP tests).  The stack's settings live in
# VARDIR/stack.env, written by `init`.
#   init PORT [BINARY]  write stack.env (HTTP port, binary to serve)
#   up                  start PostgreSQL, migrate, motcua, nginx
#   down                stop all of them
#   pg-start | pg-stop | pg-restart
#   serve-start | serve-stop | serve-pid
#   db-url [ROLE]       the owner's URL, or ROLE's (motcua_web: the server's)
#   keys                motcua keys init (after the demo data: the units'
#                       keys; before: the audit key only); SIGHUP the
#                       server for its signer to take new keys
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=$1
CMD=$2
shift 2
. "$ROOT/scripts/lib.sh"

if [ "$CMD" = init ]; then
	mkdir -p "$VAR"
	{
		echo "HTTP_PORT=$1"
		echo "BINARY=${2:-$ROOT/build/motcua}"
		echo "PGPORT_LOCAL=${PGPORT_LOCAL}"
	} >"$VAR/stack.env"
	exit 0
fi
. "$VAR/stack.env"

serve_start() {
	mkdir -p "$VAR/run" "$VAR/log"
	if [ "$(id -u)" -eq 0 ]; then ensure_user; chown motcua: "$VAR/run"; fi
	# STACK_ROOT: definitions from another tree (the reload tests).
	# MOTCUA_ROOT is the symlink $VAR/root to it, read again at each
	# SIGHUP: a test points it at another tree without a restart.
	# STACK_DATABASE_URL: another role (the test of the role check).
	ln -sfn "${STACK_ROOT:-$ROOT}" "$VAR/root"
	MOTCUA_ROOT="$VAR/root" \
	    MOTCUA_DATABASE_URL="${STACK_DATABASE_URL:-$(db_url motcua_web)}" \
	    MOTCUA_SOCKET="$VAR/run/motcua.sock" \
	    MOTCUA_PUBLIC_URL="${MOTCUA_PUBLIC_URL:-http://127.0.0.1:$HTTP_PORT}" \
	    setsid "$BINARY" serve >>"$VAR/log/motcua.log" 2>&1 </dev/null &
	echo $! >"$VAR/run/motcua.pid"
	for _ in $(seq 100); do
		[ -S "$VAR/run/motcua.sock" ] && return 0
		sleep 0.05
	done
	die "motcua did not start; see $VAR/log/motcua.log"
}

serve_stop() {
	local pid
	[ -f "$VAR/run/motcua.pid" ] || return 0
	pid=$(cat "$VAR/run/motcua.pid")
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 300); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	rm -f "$VAR/run/motcua.pid"
}

case "$CMD" in
up)
	pg_start
	migrate "$BINARY" >"$VAR/log/migrate.log"
	# The demo units first, so that each has its signing key from the
	# start: actions that issue documents sign (docs/documents.md).
	MOTCUA_ROOT="$ROOT" MOTCUA_DATABASE_URL="$(db_url)" "$BINARY" demo \
	    >"$VAR/log/demo.log"
	keys_init "$BINARY" >"$VAR/log/keys.log"
	nginx_conf "$HTTP_PORT" "$VAR/run/motcua.sock" "${NGINX_EXTRA:-}"
	serve_start
	nginx_start
	wait_http "http://127.0.0.1:$HTTP_PORT/healthz" 20 ||
	    die "the stack did not answer /healthz; see $VAR/log/"
	;;
down)
	nginx_stop
	serve_stop
	pg_stop
	;;
pg-start) pg_start ;;
pg-stop) pg_stop ;;
pg-restart) pg_stop; pg_start ;;
serve-start) serve_start ;;
serve-stop) serve_stop ;;
serve-pid) cat "$VAR/run/motcua.pid" ;;
db-url) db_url "${1:-}"; echo ;;
keys) keys_init "$BINARY" ;;
*) die "stack.sh: unknown command $CMD" ;;
esac
