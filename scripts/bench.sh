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
# reported.  Goal: motcua >= 75% of pgbench.  (Codes widen past
# 9,999 a unit and day, docs/dossier-codes.md, so a run may be long.)
# Then staff actions (issue 8): BENCH_ACTION_DOSSIERS (40,000) fresh
# dossiers are filed before each run (one through the API, the rest
# copied from it with their first event, in SQL), and a demo clerk
# receives one after another through nginx (POST /api/v1/dossiers/
# {code}/actions/receive, wrk -s bench/act.lua walking the list of
# codes: each dossier once, each action with its event and audit
# entry), side by side with pgbench -M prepared running the statements
# motcua runs for that action (bench/act.pgbench).  Goal: motcua >= 75%
# of pgbench.
# Then signed PDFs (issue 9): `motcua pdf-sample --repeat N` renders the
# sample layout and signs it (PAdES, through the stack's signer) N
# times (BENCH_PDF_COUNT, 200) in one process, as a worker would, side
# by side with `openssl speed -seconds 3 ecdsap256` sign/s in the same
# run.  Goal: PDFs/s >= 10% of raw signing.
# Last, the one-stop report over generated dossiers (scripts/bench_report.sh).
# First, the pure core on one core (bench/defs_bench.c): transcript-form
# validations/s (goal 500,000) and transitions/s (goal 5,000,000).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. "$ROOT/scripts/lib.sh"

DURATION=${BENCH_SECONDS:-8}
CONNS=${BENCH_CONNECTIONS:-16}
ROUNDS=${BENCH_ROUNDS:-3}
# Four workers per core (the bare responder gets as many): a worker
# waits on PostgreSQL for most of a request.
WORKERS=${MOTCUA_WORKERS:-$((4 * $(nproc)))}
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
# wrk_record NAME OUTPUT: requests/s, p50 and p99 of a wrk run.
wrk_record() {
	RPS[$1]+="$(printf '%s' "$2" | awk '/^Requests\/sec/ { print $2 }') "
	P50[$1]+="$(to_ms "$(printf '%s' "$2" | awk '$1 == "50%" { print $2 }')") "
	P99[$1]+="$(to_ms "$(printf '%s' "$2" | awk '$1 == "99%" { print $2 }')") "
}
run_one() {
	local name=$1 path=$2 out
	out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency \
	    "http://127.0.0.1:$PORT$path")
	if printf '%s' "$out" | grep -q 'Non-2xx'; then
		printf '%s\n' "$out" >&2
		die "$name answered errors during the benchmark"
	fi
	wrk_record "$name" "$out"
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
P_HASH=$(printf '%s' "$TOKEN" | sha256sum | cut -d' ' -f1)
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
	q "TRUNCATE attachments, dossier_events, dossiers, dossier_counters CASCADE" ||
	    die "could not empty the dossiers' tables"
}

# wrk_script NAME SCRIPT PATH WHAT [VAR=VALUE ...]: wrk -s bench/SCRIPT
# on PATH with the variables in its environment; any answer but the one
# the script wants (it prints "non-NNN: 0" when there was none) ends
# the benchmark.
wrk_script() {
	local name=$1 script=$2 path=$3 what=$4 out
	shift 4
	out=$(env "$@" wrk -t2 -c"$CONNS" -d"${SUBMIT_SECONDS}s" --latency \
	    -s "$ROOT/bench/$script" "http://127.0.0.1:$PORT$path" 2>&1)
	if printf '%s' "$out" | grep -q 'Non-2xx' ||
	    ! printf '%s' "$out" | grep -qE '^non-[0-9]+: 0$'; then
		printf '%s\n' "$out" >&2
		die "$what answered errors during the benchmark"
	fi
	wrk_record "$name" "$out"
}

sub_motcua() {
	wrk_script submit submit.lua "$SUBMIT_PATH" submissions \
	    BENCH_TOKEN="$TOKEN,$TOKEN2" BENCH_NONCE="r$1-$$-$RANDOM"
}

# pgbench_run NAME SCRIPT CONTEXT [-D ...]: pgbench -M prepared as the
# server's role, with the row-level security context CONTEXT (PGOPTIONS:
# migrations/0007_web_role.sql) as motcua runs its statements; tps,
# p50 and p99 (from the per-transaction log: its third column is the
# latency in us).
pgbench_run() {
	local name=$1 script=$2 ctx=$3 out lat
	shift 3
	rm -rf "$T/pgbench" && mkdir -p "$T/pgbench"
	out=$(cd "$T/pgbench" && PGOPTIONS="$ctx" \
	    pgbench -n -M prepared -c"$CONNS" -j2 -T"$SUBMIT_SECONDS" \
	    -f "$ROOT/bench/$script" "$@" \
	    -D rid=00112233445566778899aabbccddeeff \
	    -l --log-prefix="$T/pgbench/log" "$WEBURL" 2>&1) || {
		printf '%s\n' "$out" >&2; die "pgbench failed"; }
	if printf '%s' "$out" | grep -qiE 'abort|error'; then
		printf '%s\n' "$out" >&2
		die "pgbench reported errors"
	fi
	RPS[$name]+="$(printf '%s' "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p') "
	lat=$(cat "$T"/pgbench/log* | awk '{ print $3 }' | sort -n |
	    awk '{ a[NR] = $1 } END { i50 = int((NR + 1) * 0.50);
	    i99 = int((NR + 1) * 0.99); if (i50 < 1) i50 = 1;
	    if (i99 < 1) i99 = 1; if (i99 > NR) i99 = NR;
	    printf "%.3f %.3f", a[i50] / 1000, a[i99] / 1000 }')
	P50[$name]+="${lat% *} "
	P99[$name]+="${lat#* } "
}

# seal_delay SINCE: for the audit entries written since SINCE, the time
# from the entry (its `at`, taken inside the writing transaction, so an
# upper bound of commit -> sealed) to the first checkpoint that covers
# it (docs/audit-trail.md), p50 and p99, once the sealer caught up.
seal_delay() {
	local n
	for _ in $(seq 100); do
		n=$(q "SELECT count(*) FROM audit_log a WHERE at >= '$1' AND
		    NOT EXISTS (SELECT 1 FROM audit_seq s JOIN audit_checkpoints c
		    ON c.size > s.seq WHERE s.entry_id = a.id)")
		[ "$n" = 0 ] && break
		sleep 0.2
	done
	q "SELECT count(*), round(1000 * percentile_cont(0.5) WITHIN GROUP
	    (ORDER BY d))::int, round(1000 * percentile_cont(0.99) WITHIN GROUP
	    (ORDER BY d))::int FROM (SELECT extract(epoch FROM (SELECT min(made_at)
	    FROM audit_checkpoints c WHERE c.size > s.seq) - a.at) AS d
	    FROM audit_log a JOIN audit_seq s ON s.entry_id = a.id
	    WHERE a.at >= '$1') x" | awk -F'|' '{
		printf "\nsealing delay of %d audit entries under load: p50 %d ms, " \
		    "p99 %d ms   (entry -> signed checkpoint; goal p99 <= 1000)\n",
		    $1, $2, $3 }'
}

# seal_verify: motcua audit verify --database over the whole trail, in
# entries per second, beside openssl speed's SHA-256 at the entries'
# mean canonical size (docs/audit-trail.md) as hashes per second.
seal_verify() {
	local n size t0 t1 rate raw
	size=$(q "SELECT round(avg(22 + 36 + length(a.id::text) + 27 +
	    coalesce(length(a.actor_id::text), 0) + octet_length(a.actor_kind) +
	    octet_length(a.action) + coalesce(octet_length(a.object), 0) +
	    coalesce(octet_length(a.detail::text), 0) +
	    coalesce(octet_length(a.request_id), 0) +
	    coalesce(octet_length(a.ip), 0)))::int FROM audit_log a")
	t0=$(date +%s.%N)
	MOTCUA_ROOT="$ROOT" MOTCUA_DATABASE_URL="$DBURL" MOTCUA_KEYS_DIR="$T/keys" \
	    "$ROOT/build/motcua" audit verify --database >"$T/verify.out" ||
	    { cat "$T/verify.out" >&2; die "audit verify failed"; }
	t1=$(date +%s.%N)
	n=$(sed -n 's/^audit trail OK: \([0-9]*\) entries.*/\1/p' "$T/verify.out")
	rate=$(awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
	raw=$(openssl speed -mr -seconds 2 -bytes "$size" sha256 2>/dev/null |
	    awk -F: -v s="$size" '/^\+F:/ { printf "%.0f", $4 / s }')
	awk -v n="$n" -v r="$rate" -v h="$raw" -v s="$size" 'BEGIN {
		printf "\naudit verify --database: %d entries, %d entries/s; " \
		    "openssl sha256 at %d bytes: %d hashes/s; ratio %.2f " \
		    "(goal >= 0.50)\n", n, r, s, h, r / h }'
}

# side_by_side WHAT MOTCUA PGBENCH GOAL: the medians and the ratio.
side_by_side() {
	local n label m b
	printf '\n%-8s %14s %10s %10s\n' "" "$1/s" "p50 ms" "p99 ms"
	for n in "$2" "$3"; do
		label=motcua
		[ "$n" = "$3" ] && label=pgbench
		printf '%-8s %14.2f %10s %10s\n' "$label" \
		    "$(echo "${RPS[$n]}" | median)" \
		    "$(echo "${P50[$n]}" | median)" "$(echo "${P99[$n]}" | median)"
	done
	m=$(echo "${RPS[$2]}" | median)
	b=$(echo "${RPS[$3]}" | median)
	echo
	awk -v m="$m" -v b="$b" -v w="$1" -v g="$4" 'BEGIN {
		printf "motcua / pgbench = %.2f   (%s; goal >= %s)\n", m / b, w, g }'
}

sub_pgbench() {
	pgbench_run pgbench submit.pgbench \
	    "-c motcua.kind=citizen -c motcua.user_id=$P_UID" \
	    -D u0="${UNITS[0]}" -D u1="${UNITS[1]}" -D u2="${UNITS[2]}" \
	    -D u3="${UNITS[3]}" -D uid="$P_UID" -D day="$P_DAY" \
	    -D yymmdd="$P_YYMMDD" -D now="$P_NOW" -D due="$P_DUE" \
	    -D version="$P_VERSION" -D data="$P_DATA" -D token_hash="$P_HASH"
}

SEAL_FROM=$(q "SELECT clock_timestamp()")
say "submissions: wrk -t2 -c$CONNS (bench/submit.lua) and pgbench -M prepared -c$CONNS -j2 (bench/submit.pgbench), ${SUBMIT_SECONDS}s each, $ROUNDS rounds, $WORKERS FastCGI workers"
for r in $(seq "$ROUNDS"); do
	reset_dossiers
	sub_motcua "$r"
	reset_dossiers
	sub_pgbench "$r"
	say "round $r done"
done

side_by_side submissions submit pgbench 0.75
seal_delay "$SEAL_FROM"

# --- staff actions -----------------------------------------------------------
ACT_DOSSIERS=${BENCH_ACTION_DOSSIERS:-40000}
ACT_SCHOOL=000.00.31.H26
ACT_PATH=/api/v1/dossiers
echo
say "staff actions: a clerk's token; $ACT_DOSSIERS fresh dossiers filed before each run"
ACT_TOKEN=$(curl -s -X POST "http://127.0.0.1:$PORT/api/v1/sessions" \
    -H 'Content-Type: application/json' \
    -d '{"username": "clerk.thcs-nt", "password": "demo-motcua-2025"}' |
    sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
[ -n "$ACT_TOKEN" ] || die "could not sign in as the demo clerk clerk.thcs-nt"
ACT_HASH=$(printf '%s' "$ACT_TOKEN" | sha256sum | cut -d' ' -f1)
IFS='|' read -r A_UID A_UNIT <<<"$(q "SELECT id, unit_id FROM users
    WHERE username = 'clerk.thcs-nt'")"

# One dossier filed through the API, then ACT_DOSSIERS - 1 copies of it
# (numbered 2..), each with its first event, as a submission leaves
# them; their codes in $T/bench/codes.
file_dossiers() {
	local code
	reset_dossiers
	code=$(curl -s -o "$T/bench/first.json" -w '%{http_code}' -X POST \
	    "http://127.0.0.1:$PORT$SUBMIT_PATH" -H "Authorization: Bearer $TOKEN" \
	    -H 'Content-Type: application/json' -H "Idempotency-Key: act-$$-$RANDOM" \
	    -d "{\"data\":{\"applicant_relation\":\"parent\",\"school\":\"$ACT_SCHOOL\",\"student_code\":\"7901010000\",\"school_years\":[\"2023-2024\",\"2024-2025\"],\"copies\":2,\"purpose\":\"further-study\",\"delivery\":\"electronic\"}}")
	[ "$code" = 201 ] || { cat "$T/bench/first.json" >&2; die "a submission answered $code, not 201"; }
	q "INSERT INTO dossiers (code, service, version, applicant_id,
	    unit_id, holder_unit_id, state, status, data, pin_hash, pin_salt,
	    channel, received_at, due_at, idempotency_key)
	    SELECT left(t.code, length(t.code) - 4) ||
	    CASE WHEN n < 10000 THEN lpad(n::text, 4, '0') ELSE n::text END,
	    t.service, t.version, t.applicant_id, t.unit_id, t.holder_unit_id,
	    t.state, t.status, t.data, t.pin_hash, t.pin_salt, t.channel,
	    t.received_at, t.due_at, md5('act-' || n) || md5(n || '-act')
	    FROM (SELECT * FROM dossiers ORDER BY id LIMIT 1) t,
	    generate_series(2, $ACT_DOSSIERS) n;
	    INSERT INTO dossier_events (dossier_id, at, actor_id, actor_kind,
	    action, from_state, to_state, holder_unit_id)
	    SELECT id, received_at, applicant_id, 'citizen', 'submit', NULL,
	    state, holder_unit_id FROM dossiers
	    WHERE id > (SELECT min(id) FROM dossiers);
	    ANALYZE dossiers, dossier_events" >/dev/null ||
	    die "could not file the dossiers of the actions benchmark"
	q "SELECT code FROM dossiers ORDER BY id" >"$T/bench/codes"
}

act_motcua() {
	wrk_script act act.lua "$ACT_PATH" \
	    "actions (out of codes? raise BENCH_ACTION_DOSSIERS)" \
	    BENCH_TOKEN="$ACT_TOKEN" BENCH_CODES="$T/bench/codes" BENCH_THREADS=2
}

act_pgbench() {
	local first
	first=$(head -n 1 "$T/bench/codes")
	IFS='|' read -r A_NOW A_DUE <<<"$(q "SELECT
	    extract(epoch FROM received_at)::bigint,
	    coalesce(extract(epoch FROM due_at)::bigint, 0)
	    FROM dossiers ORDER BY id LIMIT 1")"
	pgbench_run actpg act.pgbench \
	    "-c motcua.kind=staff -c motcua.user_id=$A_UID -c motcua.unit_id=$A_UNIT" \
	    -D token_hash="$ACT_HASH" -D prefix="${first%????}" \
	    -D ndossiers="$ACT_DOSSIERS" -D school="$ACT_SCHOOL" \
	    -D unit="$A_UNIT" -D uid="$A_UID" -D now="$A_NOW" -D due="$A_DUE"
}

say "staff actions: wrk -t2 -c$CONNS (bench/act.lua) and pgbench -M prepared -c$CONNS -j2 (bench/act.pgbench), ${SUBMIT_SECONDS}s each, $ROUNDS rounds, $WORKERS FastCGI workers"
for r in $(seq "$ROUNDS"); do
	file_dossiers
	act_motcua
	file_dossiers
	act_pgbench
	say "round $r done"
done

side_by_side actions act actpg 0.75

# --- signed PDFs -------------------------------------------------------------
echo
say "signed PDFs: the sample layout rendered and signed through the signer, and openssl speed ecdsap256"
"$STACK" "$T" keys >"$T/log/keys.log" 2>&1 || { cat "$T/log/keys.log" >&2; die "keys init failed"; }
kill -HUP "$("$STACK" "$T" serve-pid)"
PDF_UNIT=$(q "SELECT code FROM units ORDER BY id LIMIT 1")
pdf_run() {
	MOTCUA_ROOT="$ROOT" MOTCUA_KEYS_DIR="$T/keys" \
	    MOTCUA_SIGNER_SOCKET="$T/run/signer/signer.sock" \
	    "$ROOT/build/motcua" pdf-sample "$PDF_UNIT" "$T/bench/sample.pdf" \
	    --repeat "$1" 2>&1 | sed -n 's/.*: \([0-9.]*\)\/s$/\1/p'
}
for i in $(seq 50); do		# the signer rereads its keys after SIGHUP
	[ -n "$(pdf_run 1 2>/dev/null || true)" ] && break
	sleep 0.2
done
PDFS=$(pdf_run "${BENCH_PDF_COUNT:-200}")
[ -n "$PDFS" ] || die "motcua pdf-sample failed"
RAW=$(openssl speed -seconds 3 ecdsap256 2>/dev/null |
    awk '/ecdsa \(nistp256\)/ { print $(NF - 1) }')
printf '\n%-28s %12s\n' "" "per second"
printf '%-28s %12s\n' "PDFs rendered and signed" "$PDFS"
printf '%-28s %12s\n' "openssl ecdsap256 sign" "$RAW"
awk -v p="$PDFS" -v r="$RAW" 'BEGIN {
	printf "\npdf / ecdsap256 = %.3f   (goal >= 0.10)\n", p / r }'
seal_verify
# --- background jobs ---------------------------------------------------------
# BENCH_JOBS (20,000) jobs of the diag kind diag.sleep {"ms": 0} are
# enqueued, then two `motcua jobs` processes (MOTCUA_DIAG=1, quiet)
# claim and complete them; jobs/s is the count over the time until the
# last is done.  Side by side, pgbench -M prepared with two clients runs
# the same claim-and-complete SQL (bench/jobs.pgbench) over as many
# fresh jobs.  Goal: motcua >= 50% of pgbench.
JOBS_N=${BENCH_JOBS:-20000}
q "DELETE FROM jobs WHERE kind = 'diag.sleep'" >/dev/null
enqueue_jobs() {
	q "SELECT count(jobs_add('diag.sleep', '{\"ms\": 0}', NULL, now()))
	    FROM generate_series(1, $1)" >/dev/null
}
jobs_motcua() {
	local a b t0 t1 left
	enqueue_jobs "$JOBS_N"
	t0=$(date +%s.%N)
	for _ in 1 2; do
		MOTCUA_ROOT="$ROOT" MOTCUA_DATABASE_URL="$WEBURL" MOTCUA_DIAG=1 \
		    MOTCUA_QUIET=1 "$ROOT/build/motcua" jobs --kind diag.sleep \
		    --sweep-ms 100 >>"$T/log/jobs-bench.log" 2>&1 &
		[ -z "${a:-}" ] && a=$! || b=$!
	done
	while left=$(q "SELECT count(*) FROM jobs WHERE kind = 'diag.sleep'
	    AND state <> 'done'") && [ "$left" -gt 0 ]; do
		sleep 0.05
	done
	t1=$(date +%s.%N)
	kill -TERM "$a" "$b"
	wait "$a" "$b" 2>/dev/null || true
	RPS[jobs]+="$(awk -v n="$JOBS_N" -v a="$t0" -v b="$t1" \
	    'BEGIN { printf "%.1f", n / (b - a) }') "
	P50[jobs]+="- "
	P99[jobs]+="- "
	q "DELETE FROM jobs WHERE kind = 'diag.sleep'" >/dev/null
}
jobs_pgbench() {
	local out
	enqueue_jobs $((JOBS_N + 200))
	out=$(PGOPTIONS="-c motcua.kind=system" pgbench -n -M prepared -c2 -j2 \
	    -t $((JOBS_N / 2)) -f "$ROOT/bench/jobs.pgbench" "$WEBURL" 2>&1) || {
		printf '%s\n' "$out" >&2; die "pgbench failed"; }
	RPS[jobspg]+="$(printf '%s' "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p') "
	P50[jobspg]+="- "
	P99[jobspg]+="- "
	q "DELETE FROM jobs WHERE kind = 'diag.sleep'" >/dev/null
}

say "jobs: $JOBS_N jobs, two motcua jobs processes and pgbench -M prepared -c2 -j2 (bench/jobs.pgbench), $ROUNDS rounds"
for r in $(seq "$ROUNDS"); do
	jobs_motcua
	jobs_pgbench
	say "round $r done"
done

side_by_side jobs jobs jobspg 0.50
echo
say "payment notifications (bench/ipn_bench.py): ${IPN_DOSSIERS:-300} dossiers awaiting their fee, 16 threads"
python3 "$ROOT/bench/ipn_bench.py" "http://127.0.0.1:$PORT" "$T" \
    "${IPN_DOSSIERS:-300}" || die "the payment notifications failed"
# The one-stop report (issue 12) on a stack of its own:
# scripts/bench_report.sh (BENCH_REPORT_DOSSIERS, default 200,000).
"$ROOT/scripts/bench_report.sh"
