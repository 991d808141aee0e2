#!/usr/bin/env bash
# check-definitions.sh [--bless] - the definition checker against its
# golden files.  Run from anywhere; works from the repository root.
#
#   1. `motcua check` over forms/ and workflows/ must print
#      "definitions OK" and exit 0;
#   2. each tests/definitions/good/NAME.xml, checked together with the
#      real forms and catalogue:
#          motcua check forms workflows/catalogue.xml \
#              tests/definitions/good/NAME.xml
#      must exit 0 with nothing on stderr;
#   3. each tests/definitions/bad/NAME.xml, checked the same way, must
#      exit 1 with exactly tests/definitions/bad/NAME.expected on
#      stderr.
# Prints ok/FAIL per case and "N passed, M failed"; exits 1 on failure.
#
# --bless rewrites every bad/NAME.expected from the current output
# (review the result with `git diff tests/definitions` before
# committing it).  MOTCUA_BIN overrides build/motcua.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export MOTCUA_ROOT=.
BIN=${MOTCUA_BIN:-build/motcua}
BLESS=0
[ "${1:-}" = --bless ] && BLESS=1

if [ ! -x "$BIN" ]; then
	echo "check-definitions: $BIN not built (make all)" >&2
	exit 2
fi

passed=0
failed=0
ok() { passed=$((passed + 1)); printf 'ok    %s\n' "$1"; }
ko() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$1"; }

T=$(mktemp -d /tmp/check-definitions.XXXXXX)
trap 'rm -rf "$T"' EXIT

# 1. The real definitions.
"$BIN" check >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && [ "$(tail -n 1 "$T/out")" = "definitions OK" ] &&
    [ ! -s "$T/err" ]; then
	ok "forms/ workflows/: $(head -n 1 "$T/out")"
else
	cat "$T/err"
	ko "forms/ workflows/: exit $rc"
fi

# 2. Good cases.
for f in tests/definitions/good/*.xml; do
	[ -e "$f" ] || continue
	"$BIN" check forms workflows/catalogue.xml "$f" >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -eq 0 ] && [ ! -s "$T/err" ] &&
	    [ "$(tail -n 1 "$T/out")" = "definitions OK" ]; then
		ok "$f"
	else
		cat "$T/err"
		ko "$f: exit $rc"
	fi
done

# 3. Bad cases.
for f in tests/definitions/bad/*.xml; do
	[ -e "$f" ] || continue
	exp=${f%.xml}.expected
	"$BIN" check forms workflows/catalogue.xml "$f" >"$T/out" 2>"$T/err"
	rc=$?
	if [ $BLESS -eq 1 ] && [ $rc -eq 1 ]; then
		cp "$T/err" "$exp"
	fi
	if [ ! -f "$exp" ]; then
		cat "$T/err"
		ko "$f: no $exp"
	elif [ $rc -ne 1 ]; then
		cat "$T/err"
		ko "$f: exit $rc, expected 1"
	elif ! diff -u "$exp" "$T/err" >"$T/diff"; then
		cat "$T/diff"
		ko "$f"
	else
		ok "$f"
	fi
done

# Every expected file has its case.
for e in tests/definitions/bad/*.expected; do
	[ -e "$e" ] || continue
	[ -f "${e%.expected}.xml" ] || ko "$e: no ${e%.expected}.xml"
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
