#!/usr/bin/env bash
# make bench: throughput and latency of motcua against baselines, run
# side by side through the same nginx, on a throwaway stack.
#   static  nginx serving a file of the size of the /healthz body
#   min     bench/fcgi_min.c: a bare libfcgi responder doing the same
#           database round trip as /healthz (SELECT 1, prepared)
#   motcua  GET /healthz through the whole framework
# Each is measured ROUNDS times with wrk, interleaved; the median
# round is reported.  Goal: motcua >= 90% of min.
# Then submissions (issue 4): POST /api/v1/services/transcript-
# certification/dossiers through nginx as a demo citizen (`motcua demo`),
# a valid JSON body and a fresh Idempotency-Key per request (wrk -s
# bench/submit.lua), side by side with pgbench -M prepared running the
# same SQL statements (bench/submit.pgbench: the day's counter, the
# dossier and its event, the audit entry, in one transaction), at the
# same concurrency and for the same time, ROUNDS times interleaved, the
# tables of dossiers emptied before each run; the median round is
# reported.  Goal: motcua >= 60% of pgbench.  A run lasts at most
# 10 s: dossier codes have four digits, 9,999 per unit and day, and the
# benchmark spreads its dossiers over the four demo schools.
# First, the pure core on one core (bench/defs_bench.c): transcript-form
# validations/s (goal 500,000) and transitions/s (goal 5,000,000).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. "$ROOT/scripts/lib.sh"

DURATION=${BENCH_SECONDS:-8}
CONNS=${BENCH_CONNECTIONS:-16}
ROUNDS=${BENCH_ROUNDS:-3}
WORKERS=${MOTCUA_WORKERS:-$(nproc)}
export MOTCUA_WORKERS=$WORKERS

say "the core on one core (bench/defs_bench.c)"
taskset -c 0 "$ROOT/build/bench/defs_bench" "${BENCH_CORE_SECONDS:-3}"
echo

T=$(mktemp -d /tmp/motcua-bench.XXXXXX)
chmod 755 "$T"
STACK="$ROOT/scripts/stack.sh"
PORT=$(free_port)
MINPID=
cleanup() {
	[ -n "$MINPID" ] && kill -TERM -- "-$MINPID" 2>/dev/null
	"$STACK" "$T" down >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT

mkdir -p "$T/bench"
printf '{"status":"ok","database":"ok"}\n' >"$T/bench/static.json"
export NGINX_NO_ACCESS_LOG=1
export NGINX_EXTRA="
		location = /bench/static { default_type application/json; alias $T/bench/static.json; }
		location = /bench/min {
			fastcgi_pass unix:$T/run/min.sock;
			fastcgi_param REQUEST_METHOD \$request_method;
			fastcgi_param REQUEST_URI \$request_uri;
		}"
"$STACK" "$T" init "$PORT" "$ROOT/build/motcua"
"$STACK" "$T" up >/dev/null
setsid "$ROOT/build/bench/fcgi_min" "$T/run/min.sock" "$WORKERS" \
    "$("$STACK" "$T" db-url)" 2>>"$T/log/fcgi_min.log" &
MINPID=$!
wait_http "http://127.0.0.1:$PORT/bench/min" 10 || die "fcgi_min did not answer"

# wrk prints latency in us/ms/s; normalise to milliseconds.
to_ms() {
	awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
	    if (u == "us") n /= 1000; else if (u == "s") n *= 1000;
	    printf "%.3f", n }'
}

declare -A RPS P50 P99
run_one() {
	local name=$1 path=$2 out
	out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency \
	    "http://127.0.0.1:$PORT$path")
	if printf '%s' "$out" | grep -q 'Non-2xx'; then
		printf '%s\n' "$out" >&2
		die "$name answered errors during the benchmark"
	fi
	RPS[$name]+="$(printf '%s' "$out" | awk '/^Requests\/sec/ { print $2 }') "
	P50[$name]+="$(to_ms "$(printf '%s' "$out" | awk '$1 == "50%" { print $2 }')") "
	P99[$name]+="$(to_ms "$(printf '%s' "$out" | awk '$1 == "99%" { print $2 }')") "
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

say "wrk -t2 -c$CONNS -d${DURATION}s, $ROUNDS rounds, $WORKERS FastCGI workers each"
curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz"
for r in $(seq "$ROUNDS"); do
	run_one static /bench/static
	run_one min /bench/min
	run_one motcua /healthz
	say "round $r done"
done

printf '\n%-8s %12s %10s %10s\n' "" "requests/s" "p50 ms" "p99 ms"
for n in static min motcua; do
	printf '%-8s %12s %10s %10s\n' "$n" "$(echo "${RPS[$n]}" | median)" \
	    "$(echo "${P50[$n]}" | median)" "$(echo "${P99[$n]}" | median)"
done
m=$(echo "${RPS[motcua]}" | median)
b=$(echo "${RPS[min]}" | median)
s=$(echo "${RPS[static]}" | median)
echo
awk -v m="$m" -v b="$b" -v s="$s" 'BEGIN {
	printf "motcua / min     = %.2f   (goal >= 0.90)\n", m / b;
	printf "motcua / static  = %.2f\n", m / s;
	printf "min / static     = %.2f\n", b / s }'

# --- submissions -------------------------------------------------------------
SUBMIT_SECONDS=$DURATION
[ "$SUBMIT_SECONDS" -gt 10 ] && SUBMIT_SECONDS=10
DBURL=$("$STACK" "$T" db-url)
WEBURL=$("$STACK" "$T" db-url motcua_web)
SUBMIT_PATH=/api/v1/services/transcript-certification/dossiers
echo
say "submissions: demo data (motcua demo), a citizen's token"
MOTCUA_ROOT="$ROOT" MOTCUA_DATABASE_URL="$DBURL" "$ROOT/build/motcua" demo \
    >"$T/log/demo.log" 2>&1 || { cat "$T/log/demo.log" >&2; die "motcua demo failed"; }
signin() {
	curl -s -X POST "http://127.0.0.1:$PORT/api/v1/sessions" \
	    -H 'Content-Type: application/json' \
	    -d "{\"cccd\": \"$1\", \"password\": \"demo-motcua-2025\"}" |
	    sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p'
}
TOKEN=$(signin 001090012345)
TOKEN2=$(signin 001195006789)
[ -n "$TOKEN" ] && [ -n "$TOKEN2" ] ||
    die "could not sign in as the demo citizens 001090012345 and 001195006789"
# One submission first: it pins the definition, and shows the body is valid.
code=$(curl -s -o "$T/bench/first.json" -w '%{http_code}' -X POST \
    "http://127.0.0.1:$PORT$SUBMIT_PATH" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: first-$$" \
    -d '{"data":{"applicant_relation":"parent","school":"000.00.31.H26","student_code":"7901010000","school_years":["2023-2024","2024-2025"],"copies":2,"purpose":"further-study","delivery":"electronic"}}')
[ "$code" = 201 ] || { cat "$T/bench/first.json" >&2; die "a submission answered $code, not 201"; }

q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DBURL" -c "$1"; }
mapfile -t UNITS < <(q "SELECT id FROM units WHERE code IN
    ('000.00.31.H26', '000.00.32.H26', '000.00.41.H26', '000.00.42.H26')
    ORDER BY code")
[ "${#UNITS[@]}" -eq 4 ] || die "the four demo schools are not all there"
IFS='|' read -r P_UID P_VERSION P_NOW P_DUE P_DAY P_YYMMDD <<<"$(q "
    SELECT applicant_id, version, extract(epoch FROM received_at)::bigint,
        coalesce(extract(epoch FROM due_at)::bigint, 0),
        (extract(epoch FROM received_at)::bigint + 7 * 3600) / 86400,
        to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYMMDD')
    FROM dossiers ORDER BY id DESC LIMIT 1")"
P_DATA=$(q "SELECT data::text FROM dossiers ORDER BY id DESC LIMIT 1")
# Empty the dossiers' tables (the audit trail stays: only ever inserted
# into), so that each run numbers from 1.
reset_dossiers() {
	q "TRUNCATE attachments, dossier_events, dossiers, dossier_counters" ||
	    die "could not empty the dossiers' tables"
}

sub_motcua() {
	local r=$1 out
	out=$(BENCH_TOKEN=$TOKEN,$TOKEN2 BENCH_NONCE="r$r-$$-$RANDOM" \
	    wrk -t2 -c"$CONNS" -d"${SUBMIT_SECONDS}s" --latency \
	    -s "$ROOT/bench/submit.lua" "http://127.0.0.1:$PORT$SUBMIT_PATH" 2>&1)
	if printf '%s' "$out" | grep -q 'Non-2xx' ||
	    ! printf '%s' "$out" | grep -q '^non-201: 0$'; then
		printf '%s\n' "$out" >&2
		die "submissions answered errors during the benchmark"
	fi
	RPS[submit]+="$(printf '%s' "$out" | awk '/^Requests\/sec/ { print $2 }') "
	P50[submit]+="$(to_ms "$(printf '%s' "$out" | awk '$1 == "50%" { print $2 }')") "
	P99[submit]+="$(to_ms "$(printf '%s' "$out" | awk '$1 == "99%" { print $2 }')") "
}

sub_pgbench() {
	local r=$1 out lat
	rm -rf "$T/pgbench" && mkdir -p "$T/pgbench"
	# As the server's role, with a citizen's context (row-level
	# security: migrations/0007_web_role.sql), as motcua runs them.
	out=$(cd "$T/pgbench" && PGOPTIONS="-c motcua.kind=citizen -c motcua.user_id=$P_UID" \
	    pgbench -n -M prepared -c"$CONNS" -j2 \
	    -T"$SUBMIT_SECONDS" -f "$ROOT/bench/submit.pgbench" \
	    -D u0="${UNITS[0]}" -D u1="${UNITS[1]}" -D u2="${UNITS[2]}" \
	    -D u3="${UNITS[3]}" -D uid="$P_UID" -D day="$P_DAY" \
	    -D yymmdd="$P_YYMMDD" -D now="$P_NOW" -D due="$P_DUE" \
	    -D version="$P_VERSION" -D data="$P_DATA" \
	    -D rid=00112233445566778899aabbccddeeff \
	    -l --log-prefix="$T/pgbench/log" "$WEBURL" 2>&1) || {
		printf '%s\n' "$out" >&2; die "pgbench failed"; }
	if printf '%s' "$out" | grep -qiE 'abort|error'; then
		printf '%s\n' "$out" >&2
		die "pgbench reported errors"
	fi
	RPS[pgbench]+="$(printf '%s' "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p') "
	# Per-transaction log: the third column is the latency in us.
	lat=$(cat "$T"/pgbench/log* | awk '{ print $3 }' | sort -n |
	    awk '{ a[NR] = $1 } END { i50 = int((NR + 1) * 0.50);
	    i99 = int((NR + 1) * 0.99); if (i50 < 1) i50 = 1;
	    if (i99 < 1) i99 = 1; if (i99 > NR) i99 = NR;
	    printf "%.3f %.3f", a[i50] / 1000, a[i99] / 1000 }')
	P50[pgbench]+="${lat% *} "
	P99[pgbench]+="${lat#* } "
}

say "submissions: wrk -t2 -c$CONNS (bench/submit.lua) and pgbench -M prepared -c$CONNS -j2 (bench/submit.pgbench), ${SUBMIT_SECONDS}s each, $ROUNDS rounds, $WORKERS FastCGI workers"
for r in $(seq "$ROUNDS"); do
	reset_dossiers
	sub_motcua "$r"
	reset_dossiers
	sub_pgbench "$r"
	say "round $r done"
done

printf '\n%-8s %14s %10s %10s\n' "" "submissions/s" "p50 ms" "p99 ms"
for n in submit pgbench; do
	label=$n
	[ "$n" = submit ] && label=motcua
	printf '%-8s %14.2f %10s %10s\n' "$label" "$(echo "${RPS[$n]}" | median)" \
	    "$(echo "${P50[$n]}" | median)" "$(echo "${P99[$n]}" | median)"
done
m=$(echo "${RPS[submit]}" | median)
b=$(echo "${RPS[pgbench]}" | median)
echo
awk -v m="$m" -v b="$b" 'BEGIN {
	printf "motcua / pgbench = %.2f   (goal >= 0.60)\n", m / b }'
