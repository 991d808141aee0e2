#!/usr/bin/env bash
# make bench: throughput and latency of motcua against baselines, run
# side by side through the same nginx, on a throwaway stack.
#   static  nginx serving a file of the size of the /healthz body
#   min     bench/fcgi_min.c: a bare libfcgi responder doing the same
#           database round trip as /healthz (SELECT 1, prepared)
#   motcua  GET /healthz through the whole framework
# Each is measured ROUNDS times with wrk, interleaved; the median
# round is reported.  Goal: motcua >= 90% of min.
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
