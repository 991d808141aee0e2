#!/usr/bin/env bash
# The one-stop report (issue 12, docs/statistics.md) over generated
# dossiers, on a throwaway stack of its own; run by `make bench` after
# scripts/bench.sh's other parts, or alone.
#   BENCH_REPORT_DOSSIERS  dossiers generated (default 200000; the
#                          issue's figure: 1000000)
#   BENCH_ROUNDS           runs of each side, interleaved (default 3)
# The dossiers are generated as the owner with generate_series over the
# seven demo units for 2025 (and some carried over from December 2024):
# channels, completions early, on time and late, refusals, withdrawals,
# pauses, supplement requests (twice for some), results issued, files,
# ratings.  Then, side by side, ROUNDS times, the median reported:
#   motcua  GET /api/v1/reports/one-stop for the department and every
#           unit under it, 2025, through nginx, as the demo inspector
#   sql     one hand-written SQL aggregate over the same rows computing
#           the same form 06 columns (psql, as the owner)
# Both sides with work_mem 64MB (report_facts sets it for itself: with
# less, IN (subquery) over the attachments is not hashed).
# Goal: motcua at most 2x the SQL's time.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. "$ROOT/scripts/lib.sh"

N=${BENCH_REPORT_DOSSIERS:-200000}
ROUNDS=${BENCH_ROUNDS:-3}
T=$(mktemp -d /tmp/motcua-bench-report.XXXXXX)
chmod 755 "$T"
STACK="$ROOT/scripts/stack.sh"
PORT=$(free_port)
cleanup() {
	"$STACK" "$T" down >/dev/null 2>&1
	rm -rf "$T"
}
# BENCH_REPORT_KEEP=1: leave the stack up (in $T) to look at the plans.
[ -n "${BENCH_REPORT_KEEP:-}" ] && cleanup() { say "report: stack kept in $T"; }
trap cleanup EXIT

# One report may read a million rows: more than the default 10 s bound.
export MOTCUA_STATEMENT_TIMEOUT_MS=${MOTCUA_STATEMENT_TIMEOUT_MS:-120000}
"$STACK" "$T" init "$PORT" "$ROOT/build/motcua"
"$STACK" "$T" up >/dev/null
DBURL=$("$STACK" "$T" db-url)
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DBURL" -c "$1"; }

MOTCUA_ROOT="$ROOT" MOTCUA_DATABASE_URL="$DBURL" "$ROOT/build/motcua" demo \
    >"$T/demo.log" 2>&1 || { cat "$T/demo.log" >&2; die "motcua demo failed"; }

say "report: generating $N dossiers with their events (SQL, as the owner)"
t0=$(date +%s)
q "INSERT INTO definitions (digest, code) VALUES (repeat('b', 64),
    'transcript-certification');
CREATE TEMP TABLE u AS SELECT row_number() OVER (ORDER BY code) - 1 AS k, id,
    code FROM units;
INSERT INTO dossiers (code, service, version, applicant_id, unit_id, state,
    status, data, pin_hash, pin_salt, channel, received_at, due_at,
    completed_at, paused, idempotency_key, rating, rated_at)
SELECT g.code, 'transcript-certification', repeat('b', 64), a.id, g.unit_id,
    CASE g.status WHEN 10 THEN 'returned' WHEN 3 THEN 'refused'
	WHEN 7 THEN 'withdrawn' ELSE 'checking' END,
    g.status, '{}', decode(repeat('00', 32), 'hex'), repeat('0', 32),
    g.channel, g.rec, g.rec + interval '2 days', g.done,
    CASE WHEN g.i % 10 = 3 THEN jsonb_build_array(jsonb_build_array(
	extract(epoch FROM g.rec)::bigint + 3600,
	extract(epoch FROM g.rec)::bigint + 7200)) ELSE '[]' END,
    encode(sha256(g.code::bytea), 'hex'),
    CASE WHEN g.status = 10 AND g.i % 5 = 0 THEN
	(ARRAY['very-satisfied', 'satisfied', 'dissatisfied'])[1 + g.i % 3]
	END,
    CASE WHEN g.status = 10 AND g.i % 5 = 0 THEN g.done END
FROM (SELECT i, u.id AS unit_id,
	u.code || '-' || to_char(date '2024-12-01' + (i / 7) % 396, 'YYMMDD') ||
	    '-' || lpad((i / (7 * 396) + 1)::text, 4, '0') AS code,
	CASE i % 10 WHEN 0 THEN 1 WHEN 1 THEN 3 ELSE 2 END AS channel,
	timestamptz '2024-12-01 08:00+07' + ((i / 7) % 396) * interval '1 day' +
	    (i % 540) * interval '1 minute' AS rec,
	CASE WHEN i % 50 = 0 THEN 3 WHEN i % 40 = 1 THEN 7
	    WHEN i % 8 = 2 THEN 4 ELSE 10 END AS status,
	CASE WHEN i % 8 = 2 AND i % 50 <> 0 AND i % 40 <> 1 THEN NULL ELSE
	    timestamptz '2024-12-01 08:00+07' + ((i / 7) % 396) *
	    interval '1 day' + (i % 540) * interval '1 minute' +
	    (i % 60) * interval '1 hour' END AS done
    FROM generate_series(0, $N - 1) i JOIN u ON u.k = i % 7) g,
    (SELECT id FROM users WHERE kind = 'citizen' ORDER BY id LIMIT 1) a;
INSERT INTO dossier_events (dossier_id, at, actor_kind, action, from_state,
    to_state)
SELECT id, received_at, 'staff', 'request_supplement', 'checking',
    'supplement' FROM dossiers WHERE id % 10 IN (3, 4)
UNION ALL
SELECT id, received_at, 'staff', 'request_supplement', 'checking',
    'supplement' FROM dossiers WHERE id % 10 = 4 AND id % 3 = 0
UNION ALL
SELECT id, completed_at, 'staff', 'approve', 'approving', 'result_ready'
    FROM dossiers WHERE status = 10 AND id % 4 <> 0;
INSERT INTO attachments (dossier_id, field, filename, mime, size, sha256,
    content)
SELECT id, 'files', 'a.pdf', 'application/pdf', 1, repeat('0', 64), 'x'
    FROM dossiers WHERE id % 3 = 0;
ANALYZE dossiers, dossier_events, attachments, units;" >/dev/null
say "report: generated in $(( $(date +%s) - t0 ))s: $(q "SELECT count(*) FROM dossiers") dossiers, $(q "SELECT count(*) FROM dossier_events") events, $(q "SELECT count(*) FROM attachments") attachments"

TOKEN=$(curl -s -X POST "http://127.0.0.1:$PORT/api/v1/sessions" \
    -H 'Content-Type: application/json' \
    -d '{"username": "inspector", "password": "demo-motcua-2025"}' |
    sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
[ -n "$TOKEN" ] || die "could not sign in as the demo inspector"
DEPT=$(q "SELECT code FROM units WHERE parent_id IS NULL")
URL="http://127.0.0.1:$PORT/api/v1/reports/one-stop?unit=$DEPT&from=2025-01-01&to=2026-01-01&subunits=1"

# The same figures by hand, over the same rows (the department's units,
# 2025) and from the same facts: supplement requests and results from
# the events, files from the attachments, pauses, ratings.
F="'2025-01-01 00:00+07'" E="'2026-01-01 00:00+07'"
SQL="WITH RECURSIVE u AS (SELECT id FROM units WHERE code = '$DEPT'
    UNION ALL SELECT c.id FROM units c JOIN u ON c.parent_id = u.id),
d AS (SELECT id, channel, status, received_at, due_at, completed_at, paused,
    rating, coalesce(completed_at < $E, false) AS done FROM dossiers
    WHERE unit_id IN (SELECT id FROM u) AND received_at < $E AND
    (completed_at IS NULL OR completed_at >= $F)),
s AS (SELECT e.dossier_id, count(*) FILTER (WHERE e.to_state =
    'supplement') AS n, bool_or(e.action = 'approve') AS result
    FROM d JOIN dossier_events e ON e.dossier_id = d.id
    WHERE e.to_state = 'supplement' OR e.action = 'approve' GROUP BY 1),
x AS (SELECT d.*, coalesce(s.n, 0) AS supp, coalesce(s.result, false) AS res,
    d.id IN (SELECT dossier_id FROM attachments) AS files,
    NOT done AND paused <> '[]' AND (paused->-1->>1) IS NULL AS stopped,
    done AND status NOT IN (3, 7) AS resolved
    FROM d LEFT JOIN s ON s.dossier_id = d.id)
SELECT count(*) FILTER (WHERE NOT (done AND status = 3)) AS received,
    count(*) FILTER (WHERE received_at < $F AND NOT (done AND status = 3)),
    count(*) FILTER (WHERE received_at >= $F AND channel = 2 AND
	NOT (done AND status = 3)) AS online,
    count(*) FILTER (WHERE resolved) AS resolved,
    count(*) FILTER (WHERE resolved AND completed_at <= due_at AND supp < 2
	AND (completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <
	(due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS early,
    count(*) FILTER (WHERE resolved AND (completed_at > due_at OR supp >= 2))
	AS late,
    count(*) FILTER (WHERE NOT done) AS in_progress,
    count(*) FILTER (WHERE NOT done AND ((due_at < $E AND NOT stopped) OR
	supp >= 2)) AS overdue,
    count(*) FILTER (WHERE stopped) AS paused,
    count(*) FILTER (WHERE done AND status = 7) AS withdrawn,
    count(*) FILTER (WHERE done AND status = 3) AS refused,
    count(*) FILTER (WHERE resolved AND res) AS e_result,
    count(*) FILTER (WHERE resolved AND res AND files) AS digitised,
    count(*) FILTER (WHERE resolved AND rating = 'dissatisfied'),
    sum(extract(epoch FROM completed_at - received_at)) FILTER (WHERE
	resolved AND completed_at >= $F) AS work
FROM x"

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
MOTCUA_MS=() SQL_MS=()
for r in $(seq "$ROUNDS"); do
	t=$(date +%s%N)
	code=$(curl -s -o "$T/report.json" -w '%{http_code}' \
	    -H "Authorization: Bearer $TOKEN" "$URL")
	MOTCUA_MS+=("$(ms "$t")")
	[ "$code" = 200 ] || { cat "$T/report.json" >&2; die "report: HTTP $code"; }
	t=$(date +%s%N)
	q "SET work_mem = '64MB'; $SQL" >"$T/sql.txt"
	SQL_MS+=("$(ms "$t")")
	say "report: round $r: motcua ${MOTCUA_MS[-1]} ms, sql ${SQL_MS[-1]} ms"
done
med() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
M=$(med "${MOTCUA_MS[@]}")
S=$(med "${SQL_MS[@]}")
say "report: total of motcua: $(sed -n 's/.*"total":{.*"counts":{"received":\([0-9]*\).*/\1/p' "$T/report.json") received; sql: $(cut -d'|' -f1 "$T/sql.txt")"
awk -v m="$M" -v s="$S" -v n="$N" 'BEGIN {
	printf "one-stop report, %d dossiers, a year of the department: motcua %d ms, hand-written SQL %d ms, ratio %.2fx (goal <= 2x): %s\n",
	    n, m, s, m / (s > 0 ? s : 1), m <= 2 * s ? "ok" : "MISSED" }'
