#!/usr/bin/env bash
# make test: build everything (release, and ASan+UBSan for tests), then
# run every layer against a throwaway stack of its own (its own
# directory, ports and PostgreSQL cluster, so `make run` may stay up):
#   layers  includes point down (scripts/layers.sh), libpq only in
#           fcgi/store, libfcgi only in fcgi/http, no two files of one
#           folder calling each other; and the check catches a planted
#           upward include and a planted circle of calls
#   unit    cmocka tests (tests/unit), under ASan and UBSan
#   defs    `motcua check` over forms/ and workflows/ (definitions OK),
#           and every golden case of tests/definitions/
#   http    black-box tests through nginx -> motcua (ASan) -> PostgreSQL
#   e2e     the pages in Chromium (playwright-core), phone and desktop
#           sizes, against the same stack; screenshots in build/screenshots
#   fuzz    each libFuzzer target, briefly, from its seed corpus
#   asan    no sanitizer report from the server during all of the above
# Prints a summary and exits non-zero on any failure.
# While working on one thing: MOTCUA_TEST_ONLY="lookup idem" runs only
# the HTTP tests whose names hold one of the words (run.py's arguments);
# MOTCUA_TEST_SKIP="e2e fuzz" skips those layers.  CI sets neither.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. "$ROOT/scripts/lib.sh"

FUZZ_SMOKE=${FUZZ_SMOKE_SECONDS:-10}
passed=0
failed=0
failures=()
# Individual tests inside the layers (cmocka cases, HTTP tests).
cases_ok=0
cases_ko=0

ok() { passed=$((passed + 1)); printf 'ok    %s\n' "$1"; }
skip() { case " ${MOTCUA_TEST_SKIP:-} " in *" $1 "*) return 0 ;; esac; return 1; }
ko() { failed=$((failed + 1)); failures+=("$1"); printf 'FAIL  %s\n' "$1"; }

say "building"
make -s -j"$(nproc)" all asan unit fuzzers >/dev/null ||
    die "build failed (run make to see why)"

# --- layers --------------------------------------------------------------
if out=$(scripts/layers.sh 2>&1); then
	ok "layers: includes point down; libpq only in store/, libfcgi only in http/; audit_log written only by store/audit.c; no two files of a folder but store/ call each other; private keys only in sign/"
else
	printf '%s\n' "$out" | head -20
	ko "layers: scripts/layers.sh"
fi
if out=$(scripts/layers.sh --self-test 2>&1); then ok "layers: $out"; else
	printf '%s\n' "$out"; ko "layers: the check does not catch a planted violation"; fi

# --- unit ----------------------------------------------------------------
for t in build/asan/tests/test_*; do
	case $t in *.d) continue ;; esac
	name=$(basename "$t")
	out=$(ASAN_OPTIONS=detect_leaks=1 "$t" 2>&1)
	rc=$?
	n_ok=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	n_ko=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	cases_ok=$((cases_ok + ${n_ok:-0}))
	cases_ko=$((cases_ko + ${n_ko:-0}))
	if [ $rc -eq 0 ]; then
		ok "unit: $name (${n_ok:-?} tests)"
	else
		printf '%s\n' "$out" | grep -E 'FAILED|ERROR|Sanitizer|runtime error' | head -20
		ko "unit: $name"
	fi
done

# --- definitions: motcua check and the golden cases --------------------------
MOTCUA_BIN=build/asan/motcua ASAN_OPTIONS=detect_leaks=1 \
    scripts/check-definitions.sh >"${TMPDIR:-/tmp}/motcua-defs.$$" 2>&1
rc=$?
line=$(tail -1 "${TMPDIR:-/tmp}/motcua-defs.$$")
if [ $rc -eq 0 ]; then
	ok "defs: motcua check and the golden cases ($line)"
else
	grep -v '^ok ' "${TMPDIR:-/tmp}/motcua-defs.$$" | head -40
	ko "defs: motcua check and the golden cases ($line)"
fi
if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
	cases_ok=$((cases_ok + BASH_REMATCH[1]))
	cases_ko=$((cases_ko + BASH_REMATCH[2]))
fi
rm -f "${TMPDIR:-/tmp}/motcua-defs.$$"

# --- the stack and the HTTP tests -----------------------------------------
T=$(mktemp -d /tmp/motcua-test.XXXXXX)
chmod 755 "$T"
mkdir -p "$T/asan"
chmod 1777 "$T/asan"
STACK="$ROOT/scripts/stack.sh"
PORT=$(free_port)
export MOTCUA_DIAG=1 MOTCUA_WORKERS=2 MOTCUA_DRAIN_SECONDS=20
# The HTTP tests are refused, anonymously and audited, hundreds of times
# a minute from 127.0.0.1; t_guard restarts the server with the default
# to test the limit.
export MOTCUA_AUDIT_REFUSALS_PER_MINUTE=100000
export ASAN_OPTIONS="detect_leaks=0:log_path=$T/asan/asan"
export UBSAN_OPTIONS="print_stacktrace=1:log_path=$T/asan/ubsan"
cleanup() { "$STACK" "$T" down >/dev/null 2>&1; }
trap cleanup EXIT

"$STACK" "$T" init "$PORT" "$ROOT/build/asan/motcua"
if "$STACK" "$T" up; then
	ok "stack: nginx -> motcua -> PostgreSQL answers /healthz on :$PORT"
	MOTCUA_TEST_URL="http://127.0.0.1:$PORT" MOTCUA_TEST_VAR="$T" \
	    MOTCUA_TEST_ROOT="$ROOT" MOTCUA_TEST_STACK="$STACK" \
	    python3 tests/http/run.py ${MOTCUA_TEST_ONLY:-} | tee "$T/http.out"
	rc=${PIPESTATUS[0]}
	line=$(tail -1 "$T/http.out")
	if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		cases_ok=$((cases_ok + BASH_REMATCH[1]))
		cases_ko=$((cases_ko + BASH_REMATCH[2]))
	fi
	if [ $rc -eq 0 ]; then ok "http: every black-box test"; else
		ko "http: black-box tests (see above; logs in $T/log)"; fi

	# --- e2e: the pages in Chromium, against the same stack ---------------
	# Screenshots go to $T/screenshots and are copied to
	# build/screenshots/, which a green run keeps.
	# The citizen's journey signs in as a demo citizen: the demo data
	# (idempotent; the HTTP tests' setup loads it the same way).
	skip e2e ||
	MOTCUA_ROOT="$ROOT" MOTCUA_DATABASE_URL="$("$STACK" "$T" db-url)" \
	    "$ROOT/build/asan/motcua" demo >"$T/demo.log" 2>&1 ||
		ko "e2e: motcua demo failed (see $T/demo.log)"
	if skip e2e; then
		:
	elif (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error) \
	    >"$T/npm.log" 2>&1; then
		MOTCUA_TEST_URL="http://127.0.0.1:$PORT" \
		    MOTCUA_TEST_OUT="$T/screenshots" \
		    node tests/e2e/run.mjs | tee "$T/e2e.out"
		rc=${PIPESTATUS[0]}
		line=$(tail -1 "$T/e2e.out")
		if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
			cases_ok=$((cases_ok + BASH_REMATCH[1]))
			cases_ko=$((cases_ko + BASH_REMATCH[2]))
		fi
		rm -rf build/screenshots
		mkdir -p build/screenshots
		cp "$T"/screenshots/*.png build/screenshots/ 2>/dev/null
		n=$(ls build/screenshots | wc -l)
		if [ $rc -eq 0 ]; then
			ok "e2e: the pages in Chromium ($n screenshots in build/screenshots)"
		else
			ko "e2e: browser tests (see above; screenshots in build/screenshots)"
		fi
	else
		tail -20 "$T/npm.log"
		ko "e2e: npm ci in tests/e2e failed (see $T/npm.log)"
	fi
else
	ko "stack: did not start (logs in $T/log)"
fi
"$STACK" "$T" down >/dev/null 2>&1
trap - EXIT

# --- fuzz ------------------------------------------------------------------
for f in build/fuzz/tests/fuzz_*; do
	case $f in *.d) continue ;; esac
	skip fuzz && break
	name=$(basename "$f")
	work=$(mktemp -d)
	dict=""
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
	# shellcheck disable=SC2086
	if env -u ASAN_OPTIONS -u UBSAN_OPTIONS \
	    "$f" -max_total_time="$FUZZ_SMOKE" -print_final_stats=1 $dict \
	    -artifact_prefix="$T/" "$work" "tests/fuzz/corpus/$name" \
	    >"$T/$name.log" 2>&1; then
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$T/$name.log")
		ok "fuzz: $name (${execs:-?} runs in ${FUZZ_SMOKE}s)"
	else
		tail -30 "$T/$name.log"
		ko "fuzz: $name (crash input saved under $T/)"
	fi
	rm -rf "$work"
done

# --- sanitizer reports from the server -------------------------------------
if ls "$T"/asan/* >/dev/null 2>&1; then
	head -50 "$T"/asan/*
	ko "asan: the server reported errors (files in $T/asan)"
else
	ok "asan: no sanitizer report from the server"
fi

echo
if [ $failed -eq 0 ]; then
	rm -rf "$T"
else
	echo "failures:"
	printf '  %s\n' "${failures[@]}"
	echo "logs kept in $T"
fi
echo "layers: $passed passed, $failed failed"
echo "cases: $cases_ok passed, $cases_ko failed (cmocka, golden, HTTP, e2e)"
echo "total: $((passed + cases_ok)) passed, $((failed + cases_ko)) failed"
[ $failed -eq 0 ]
