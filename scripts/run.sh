#!/usr/bin/env bash
# make run: PostgreSQL, migrations, motcua and nginx under var/, in the
# foreground.  Ctrl-C stops everything it started; the data stays.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=${MOTCUA_VAR:-$ROOT/var}
PORT=${MOTCUA_PORT:-8080}
. "$ROOT/scripts/lib.sh"

port_busy "$PORT" && die "port $PORT is in use (set MOTCUA_PORT)"
cleanup() {
	trap - INT TERM EXIT
	[ -n "${SERVE:-}" ] && kill -TERM "$SERVE" 2>/dev/null && wait "$SERVE" 2>/dev/null
	[ -n "${SEAL:-}" ] && kill -TERM "$SEAL" 2>/dev/null && wait "$SEAL" 2>/dev/null
	[ -n "${JOBS:-}" ] && kill -TERM "$JOBS" 2>/dev/null && wait "$JOBS" 2>/dev/null
	[ -n "${MAILER:-}" ] && kill -TERM "$MAILER" 2>/dev/null
	[ -n "${SINK:-}" ] && kill -TERM "$SINK" 2>/dev/null
	[ -n "${SIM:-}" ] && kill -TERM "$SIM" 2>/dev/null
	nginx_stop
	pg_stop
	say "stopped; data kept in $VAR"
}
trap cleanup INT TERM EXIT

mkdir -p "$VAR"
pg_start
migrate "$ROOT/build/motcua"
# Demo units, staff, citizens and records: idempotent; prints the sign-ins.
DEMO=$(MOTCUA_ROOT="$ROOT" MOTCUA_DATABASE_URL="$(db_url)" \
    "$ROOT/build/motcua" demo) || die "loading the demo data failed"
# Demo keys for the demo units: made once, kept afterwards.
keys_init "$ROOT/build/motcua" >"$VAR/log/keys.log" ||
    { cat "$VAR/log/keys.log" >&2; die "motcua keys init failed"; }
nginx_conf "$PORT" "$VAR/run/motcua.sock"
# The payment gateway's simulator (tests/vnpay_sim.py), for demonstrations.
VNPAY_PORT=${MOTCUA_VNPAY_PORT:-8089}
port_busy "$VNPAY_PORT" && die "port $VNPAY_PORT is in use (set MOTCUA_VNPAY_PORT)"
[ -s "$VAR/vnpay.secret" ] ||
    (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$VAR/vnpay.secret")
python3 "$ROOT/tests/vnpay_sim.py" --port "$VNPAY_PORT" \
    --secret-file "$VAR/vnpay.secret" --tmn-code MOTCUA01 \
    --ipn-url "http://127.0.0.1:$PORT/api/v1/payments/vnpay/ipn" \
    >>"$VAR/log/vnpay_sim.log" 2>&1 &
SIM=$!
export MOTCUA_VNPAY_URL="http://127.0.0.1:$VNPAY_PORT/paymentv2/vpcpay.html"
export MOTCUA_VNPAY_API_URL="http://127.0.0.1:$VNPAY_PORT/merchant_webapi/api/transaction"
export MOTCUA_VNPAY_TMN_CODE=MOTCUA01 MOTCUA_VNPAY_SECRET_FILE="$VAR/vnpay.secret"
export MOTCUA_ROOT="$ROOT" MOTCUA_DATABASE_URL="$(db_url motcua_web)"
export MOTCUA_SOCKET="$VAR/run/motcua.sock"
export MOTCUA_PUBLIC_URL="${MOTCUA_PUBLIC_URL:-http://127.0.0.1:$PORT}"
# Demo mail: a local SMTP sink (tests/smtp_sink.py) keeping every
# message in the maildir $VAR/mail, and delivery of the outbox every
# few seconds (`motcua notify send-due`, as the owner).
SMTP_PORT=${MOTCUA_SMTP_PORT:-2525}
export MOTCUA_SMTP_URL="${MOTCUA_SMTP_URL:-smtp://127.0.0.1:$SMTP_PORT}"
if ! port_busy "$SMTP_PORT"; then
	/usr/bin/python3 "$ROOT/tests/smtp_sink.py" "$SMTP_PORT" "$VAR/mail" \
	    >>"$VAR/log/smtp.log" 2>&1 &
	SINK=$!
fi
(while sleep 5; do MOTCUA_DATABASE_URL="$(db_url)" \
    "$ROOT/build/motcua" notify send-due >/dev/null 2>>"$VAR/log/notify.log"
done) &
MAILER=$!
"$ROOT/build/motcua" serve 2>>"$VAR/log/motcua.log" &
SERVE=$!
# The audit trail's sealer, on the owner's connection (docs/audit-trail.md).
MOTCUA_DATABASE_URL="$(db_url)" "$ROOT/build/motcua" seal \
    2>>"$VAR/log/seal.log" &
SEAL=$!
# The background jobs (timers, notifications): docs/jobs.md.
"$ROOT/build/motcua" jobs 2>>"$VAR/log/jobs.log" &
JOBS=$!
nginx_start
wait_http "http://127.0.0.1:$PORT/healthz" 20 || die "motcua did not answer; see $VAR/log/"
printf '%s\n\n' "$DEMO"
say "the department CA certificate is $MOTCUA_KEYS_DIR/ca.pem (motcua keys list shows every key)"
say "demo mail goes to $MOTCUA_SMTP_URL: the messages are files in $VAR/mail/new/"
say "payment gateway simulator (VNPay 2.1.0) on http://127.0.0.1:$VNPAY_PORT/ (tests/vnpay_sim.py)"
say "serving on http://127.0.0.1:$PORT/  (logs in $VAR/log/, Ctrl-C stops)"
wait "$SERVE" || true
SERVE=
