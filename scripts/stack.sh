#!/usr/bin/env bash
# stack.sh VARDIR COMMAND: control one throwaway Motcua stack (used by
# test.sh, bench.sh and the HTTP tests).  The stack's settings live in
# VARDIR/stack.env, written by `init`.
#   init PORT [BINARY]  write stack.env (HTTP port, binary to serve)
#   up                  start PostgreSQL, migrate, motcua, nginx
#   down                stop all of them
#   pg-start | pg-stop | pg-restart
#   serve-start | serve-stop | serve-pid
#   jobs-start | jobs-stop | jobs-pid   the stack's `motcua jobs`
#   db-url [ROLE]       the owner's URL, or ROLE's (motcua_web: the server's)
#   seal-start | seal-stop | seal-pid   the audit trail's sealer
#                       (motcua seal, on the owner's connection)
#   mail-start | mail-stop   the SMTP sink (tests/smtp_sink.py): mail
#                       in VARDIR/mail (a maildir)
#   sms-start | sms-stop     the SMS gateway simulator (tests/sms_sim.py)
#   notify-env          the environment of the notifications' senders
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
		echo "SMTP_PORT=$(free_port)"
		echo "SMS_PORT=$(free_port)"
	} >"$VAR/stack.env"
	exit 0
fi
. "$VAR/stack.env"

# The senders' settings: the SMTP sink, the SMS simulator and its token.
notify_env() {
	echo "MOTCUA_SMTP_URL=smtp://127.0.0.1:$SMTP_PORT"
	echo "MOTCUA_SMS_URL=http://127.0.0.1:$SMS_PORT/"
	echo "MOTCUA_SMS_TOKEN_FILE=$VAR/sms.token"
}

mail_start() {
	mkdir -p "$VAR/run" "$VAR/log"
	setsid /usr/bin/python3 "$ROOT/tests/smtp_sink.py" "$SMTP_PORT" \
	    "$VAR/mail" >>"$VAR/log/smtp.log" 2>&1 </dev/null &
	echo $! >"$VAR/run/smtp.pid"
	for _ in $(seq 100); do
		port_busy "$SMTP_PORT" && return 0
		sleep 0.05
	done
	die "the SMTP sink did not start; see $VAR/log/smtp.log"
}

sms_start() {
	mkdir -p "$VAR/run" "$VAR/log"
	[ -s "$VAR/sms.token" ] || openssl rand -hex 16 >"$VAR/sms.token"
	setsid python3 "$ROOT/tests/sms_sim.py" "$SMS_PORT" "$VAR/sms.token" \
	    "$VAR/sms.log" >>"$VAR/log/sms.log" 2>&1 </dev/null &
	echo $! >"$VAR/run/sms.pid"
	for _ in $(seq 100); do
		port_busy "$SMS_PORT" && return 0
		sleep 0.05
	done
	die "the SMS simulator did not start; see $VAR/log/sms.log"
}

pid_stop() {	# pid_stop NAME: the process of $VAR/run/NAME.pid
	[ -f "$VAR/run/$1.pid" ] || return 0
	kill -TERM "$(cat "$VAR/run/$1.pid")" 2>/dev/null || true
	sleep 0.3
	rm -f "$VAR/run/$1.pid"
}

# The payment gateway's simulator (tests/vnpay_sim.py) on a port of its
# own ($VAR/vnpay.port, chosen when it starts), and what the server
# needs to reach it (docs/payments.md).
VNPAY_TMN=MOTCUA01
vnpay_env() {
	local port
	port=$(cat "$VAR/vnpay.port" 2>/dev/null || echo 8089)
	export MOTCUA_VNPAY_URL="http://127.0.0.1:$port/paymentv2/vpcpay.html"
	export MOTCUA_VNPAY_API_URL="http://127.0.0.1:$port/merchant_webapi/api/transaction"
	export MOTCUA_VNPAY_TMN_CODE=$VNPAY_TMN
	export MOTCUA_VNPAY_SECRET_FILE="$VAR/vnpay.secret"
}
sim_start() {
	local port pid
	mkdir -p "$VAR/run" "$VAR/log"
	[ -s "$VAR/vnpay.secret" ] ||
	    (umask 022; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' \
	    >"$VAR/vnpay.secret")
	for _ in 1 2 3 4 5; do
		port=$(free_port)
		: >"$VAR/log/vnpay_sim.log"
		setsid python3 "$ROOT/tests/vnpay_sim.py" --port "$port" \
		    --secret-file "$VAR/vnpay.secret" --tmn-code "$VNPAY_TMN" \
		    --ipn-url "http://127.0.0.1:$HTTP_PORT/api/v1/payments/vnpay/ipn" \
		    >>"$VAR/log/vnpay_sim.log" 2>&1 </dev/null &
		pid=$!
		for _ in $(seq 100); do
			if grep -q "vnpay simulator on" "$VAR/log/vnpay_sim.log"; then
				echo "$pid" >"$VAR/run/vnpay_sim.pid"
				echo "$port" >"$VAR/vnpay.port"
				return 0
			fi
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.05
		done
		kill "$pid" 2>/dev/null || true
	done
	die "the payment simulator did not start; see $VAR/log/vnpay_sim.log"
}
sim_stop() {
	[ -f "$VAR/run/vnpay_sim.pid" ] || return 0
	kill -TERM "$(cat "$VAR/run/vnpay_sim.pid")" 2>/dev/null || true
	rm -f "$VAR/run/vnpay_sim.pid"
}

serve_start() {
	mkdir -p "$VAR/run" "$VAR/log"
	if [ "$(id -u)" -eq 0 ]; then ensure_user; chown motcua: "$VAR/run"; fi
	# STACK_ROOT: definitions from another tree (the reload tests).
	# MOTCUA_ROOT is the symlink $VAR/root to it, read again at each
	# SIGHUP: a test points it at another tree without a restart.
	# STACK_DATABASE_URL: another role (the test of the role check).
	ln -sfn "${STACK_ROOT:-$ROOT}" "$VAR/root"
	[ -s "$VAR/sms.token" ] || openssl rand -hex 16 >"$VAR/sms.token"
	vnpay_env
	# shellcheck disable=SC2046
	env $(notify_env) MOTCUA_ROOT="$VAR/root" \
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

seal_start() {
	mkdir -p "$VAR/run" "$VAR/log"
	MOTCUA_ROOT="$ROOT" MOTCUA_DATABASE_URL="$(db_url)" \
	    setsid "$BINARY" seal >>"$VAR/log/seal.log" 2>&1 </dev/null &
	echo $! >"$VAR/run/seal.pid"
}

seal_stop() {
	local pid
	[ -f "$VAR/run/seal.pid" ] || return 0
	pid=$(cat "$VAR/run/seal.pid")
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	rm -f "$VAR/run/seal.pid"
}

# The stack's `motcua jobs`: the kinds the tests do not drive with
# their own clock and processes (timers and the diag kinds are run by
# tests/http/t_jobs.py).  STACK_JOBS_KINDS: others.
jobs_start() {
	local k args=()
	mkdir -p "$VAR/run" "$VAR/log"
	for k in ${STACK_JOBS_KINDS:-notify}; do args+=(--kind "$k"); done
	MOTCUA_ROOT="$VAR/root" \
	    MOTCUA_DATABASE_URL="$(db_url motcua_web)" \
	    setsid "$BINARY" jobs --sweep-ms 1000 "${args[@]}" \
	    >>"$VAR/log/jobs.log" 2>&1 </dev/null &
	echo $! >"$VAR/run/jobs.pid"
}

jobs_stop() {
	local pid
	[ -f "$VAR/run/jobs.pid" ] || return 0
	pid=$(cat "$VAR/run/jobs.pid")
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 300); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	rm -f "$VAR/run/jobs.pid"
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
	mail_start
	sms_start
	sim_start
	serve_start
	seal_start
	jobs_start
	nginx_start
	wait_http "http://127.0.0.1:$HTTP_PORT/healthz" 20 ||
	    die "the stack did not answer /healthz; see $VAR/log/"
	;;
down)
	nginx_stop
	seal_stop
	jobs_stop
	serve_stop
	pid_stop smtp
	pid_stop sms
	sim_stop
	pg_stop
	;;
pg-start) pg_start ;;
pg-stop) pg_stop ;;
pg-restart) pg_stop; pg_start ;;
serve-start) serve_start ;;
serve-stop) serve_stop ;;
serve-pid) cat "$VAR/run/motcua.pid" ;;
seal-start) seal_start ;;
seal-stop) seal_stop ;;
seal-pid) cat "$VAR/run/seal.pid" ;;
jobs-start) jobs_start ;;
jobs-stop) jobs_stop ;;
jobs-pid) cat "$VAR/run/jobs.pid" ;;
db-url) db_url "${1:-}"; echo ;;
keys) keys_init "$BINARY" ;;
mail-start) mail_start ;;
mail-stop) pid_stop smtp ;;
sms-start) sms_start ;;
sms-stop) pid_stop sms ;;
notify-env) notify_env ;;
*) die "stack.sh: unknown command $CMD" ;;
esac
