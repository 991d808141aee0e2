#!/usr/bin/env bash
# layers.sh [TREE]: the layers of DESIGN.md, checked in TREE/fcgi (the
# checkout's by default).  Prints each violation as FILE:LINE: why, and
# exits 1 if there is one.
#   - includes point down: a file may include only headers of the
#     layers its own layer may use (the table below), by their path
#     from fcgi/ ("core/def.h") or from its own folder;
#   - libpq only in store/, libfcgi only in http/;
#   - one writer of the audit trail: audit_log is INSERTed into only by
#     store/audit.c (the sealed trail must have one writer);
#   - calls between the .c files of one folder of CIRCLE_DIRS point one
#     way: no two files each call a function (or use a variable) the
#     other defines.  Read with nm from the objects of the last build,
#     TREE/build/rel (make all), so that a call through a macro or an
#     inline function counts too;
#   - private keys read, written or made only in sign/ (the signer and
#     `motcua keys`): OpenSSL's PEM/DER private-key readers and writers,
#     OSSL_STORE, decoders, engines' key loading and key generation.
# layers.sh --self-test: plants an upward include, a stray libpq call,
# a second writer of audit_log, two files of core/ calling each other and
# a private key read outside sign/ in a copy of the tree and checks that
# each is caught.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

# A layer and the layers it may include (its own first).
declare -A MAY=(
	[base]="base"
	[core]="core base"
	[store]="store base"
	[app]="app notify core store doc sign base"
	[http]="http base"
	[sign]="sign base"
	[doc]="doc core sign base"
	[web]="web app notify http core store doc sign base"
	[cmd]="cmd web http app notify core store doc sign base jobs"
	[main]="cmd base"
	[jobs]="jobs app notify core store sign doc base"
	[notify]="notify core store base"
)

# Folders whose files must not call each other in a circle.  (store/ is
# not one yet: db.c and each table family's file call each other.)
CIRCLE_DIRS="base core app http web web/api web/pages cmd sign doc jobs notify"

# circles TREE: prints each pair of files of a folder of CIRCLE_DIRS
# that call each other, with what each uses of the other.
circles() {
	local tree=$1 objs=$1/build/rel/fcgi bad=0 dir c o a out
	for dir in $CIRCLE_DIRS; do
		local list=()
		for c in "$tree/fcgi/$dir"/*.c; do
			a=$(basename "$c" .c)
			o=$objs/$dir/$a.o
			if [ ! -e "$o" ] || [ "$o" -ot "$c" ]; then
				echo "fcgi/$dir/$a.c: no object newer than it in" \
				    "build/rel (make all)"
				bad=1
				continue
			fi
			list+=("$o")
		done
		[ ${#list[@]} -gt 1 ] || continue
		# nm -A: "path.o:value type name", or "path.o:   U name".
		out=$(nm -A "${list[@]}" | awk -v dir="fcgi/$dir" '
		function base(p) { sub(/:.*/, "", p); sub(/.*\//, "", p)
			sub(/\.o$/, "", p); return p }
		$2 == "U" { und[base($1), $3] = 1; next }
		NF == 3 && $2 ~ /^[A-Z]$/ { def[$3] = base($1) }
		END {
			for (k in und) {
				split(k, x, SUBSEP)
				if ((x[2] in def) && def[x[2]] != x[1])
					uses[x[1], def[x[2]]] = uses[x[1], def[x[2]]] " " x[2]
			}
			for (k in uses) {
				split(k, x, SUBSEP)
				if (x[1] < x[2] && ((x[2], x[1]) in uses))
					printf "%s/%s.c and %s/%s.c call each other: " \
					    "%s.c uses%s; %s.c uses%s\n", dir, x[1], dir,
					    x[2], x[1], uses[k], x[2], uses[x[2], x[1]]
			}
		}' | sort)
		[ -z "$out" ] || { printf '%s\n' "$out"; bad=1; }
	done
	return $bad
}

layer_of() {	# fcgi/web/api/x.c -> web; fcgi/main.c -> main
	local rel=${1#*fcgi/}
	case $rel in
	*/*) printf '%s\n' "${rel%%/*}" ;;
	main.c) printf 'main\n' ;;
	*) printf '?\n' ;;
	esac
}

check() {
	local tree=$1 bad=0 f layer line n inc target allowed
	while IFS= read -r f; do
		layer=$(layer_of "$f")
		allowed=${MAY[$layer]:-}
		if [ -z "$allowed" ]; then
			echo "$f: not in a layer of DESIGN.md"
			bad=1
			continue
		fi
		while IFS=: read -r n line; do
			inc=$(printf '%s\n' "$line" | sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p')
			[ -n "$inc" ] || continue
			case $inc in
			*/*) target=${inc%%/*} ;;
			*) target=$layer ;;	# its own folder
			esac
			[ -e "$tree/fcgi/$inc" ] || [ -e "$(dirname "$f")/$inc" ] || {
				echo "$f:$n: includes \"$inc\", which is not in fcgi/"
				bad=1
				continue
			}
			case " $allowed " in
			*" $target "*) ;;
			*) echo "$f:$n: $layer includes $target (\"$inc\"): $layer may include only: $allowed"
			   bad=1 ;;
			esac
		done < <(grep -n '#[[:space:]]*include' "$f")
	done < <(find "$tree/fcgi" -name '*.[ch]' | sort)

	local hits
	hits=$(grep -rnE '#include <libpq-fe.h>|\bPQ[a-z]+\(' "$tree/fcgi" | grep -v "^$tree/fcgi/store/" || true)
	[ -z "$hits" ] || { printf '%s: libpq outside store/\n' "$hits"; bad=1; }
	hits=$(grep -rnE '#include <fcgi(app|_stdio|o)\.h>|\bFCGX_|\bFCGI_' "$tree/fcgi" | grep -v "^$tree/fcgi/http/" || true)
	[ -z "$hits" ] || { printf '%s: libfcgi outside http/\n' "$hits"; bad=1; }
	hits=$(grep -rniE 'INSERT[[:space:]]+INTO[[:space:]]+audit_log' "$tree/fcgi" |
	    grep -v "^$tree/fcgi/store/audit.c:" || true)
	[ -z "$hits" ] || { printf '%s: audit_log written outside store/audit.c\n' "$hits"; bad=1; }
	circles "$tree" || bad=1
	hits=$(grep -rnE '\b(PEM_(read|write)(_bio)?_(PrivateKey|PKCS8|ECPrivateKey|RSAPrivateKey)|d2i_(Auto)?PrivateKey|i2d_PrivateKey|OSSL_STORE_|OSSL_DECODER_|ENGINE_load_private_key|EVP_PKEY_keygen|EVP_PKEY_generate|EVP_PKEY_Q_keygen|EVP_(EC|RSA)_gen|EVP_PKEY_new_raw_private_key|EVP_PKEY_get_raw_private_key)\b' "$tree/fcgi" | grep -v "^$tree/fcgi/sign/" || true)
	[ -z "$hits" ] || { printf '%s: a private key outside sign/\n' "$hits"; bad=1; }
	return $bad
}

if [ "${1:-}" = --self-test ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	cp -r "$ROOT/fcgi" "$tmp/fcgi"
	for dir in $CIRCLE_DIRS; do
		mkdir -p "$tmp/build/rel/fcgi/$dir"
		cp "$ROOT/build/rel/fcgi/$dir"/*.o "$tmp/build/rel/fcgi/$dir/" ||
		    { echo "self-test: fcgi/$dir is not built (make all)"; exit 1; }
	done
	out=$(check "$tmp") || { printf '%s\n' "$out"; echo "self-test: the tree itself fails"; exit 1; }
	CIRCLE_DIRS=core	# enough for the plants, and quicker
	printf '#include "app/app.h"\n' >>"$tmp/fcgi/core/defload.c"
	out=$(check "$tmp")
	grep -q 'core/defload.c:.*core includes app' <<<"$out" ||
	    { echo "self-test: an upward include in core was not caught"; exit 1; }
	cp -r "$ROOT/fcgi" "$tmp/fcgi2" && rm -rf "$tmp/fcgi" && mv "$tmp/fcgi2" "$tmp/fcgi"
	printf '#include "web/web.h"\n' >>"$tmp/fcgi/http/request.c"
	out=$(check "$tmp")
	grep -q 'http/request.c:.*http includes web' <<<"$out" ||
	    { echo "self-test: the transport including the site was not caught"; exit 1; }
	cp -r "$ROOT/fcgi" "$tmp/fcgi2" && rm -rf "$tmp/fcgi" && mv "$tmp/fcgi2" "$tmp/fcgi"
	printf 'static void f(void *c) { PQfinish(c); }\n' >>"$tmp/fcgi/app/audit.c"
	out=$(check "$tmp")
	grep -q 'libpq outside store' <<<"$out" ||
	    { echo "self-test: libpq in app was not caught"; exit 1; }
	cp -r "$ROOT/fcgi" "$tmp/fcgi2" && rm -rf "$tmp/fcgi" && mv "$tmp/fcgi2" "$tmp/fcgi"
	printf 'static const char q[] = "insert into audit_log (action) values ($1)";\n' \
	    >>"$tmp/fcgi/store/accounts.c"
	out=$(check "$tmp")
	grep -q 'store/accounts.c:.*audit_log written outside store/audit.c' <<<"$out" ||
	    { echo "self-test: a second writer of audit_log was not caught"; exit 1; }
	cp -r "$ROOT/fcgi" "$tmp/fcgi2" && rm -rf "$tmp/fcgi" && mv "$tmp/fcgi2" "$tmp/fcgi"
	# A file of the definition compiler that form_compile() (defform.c)
	# calls for def_attr(), and that calls form_compile() back.
	printf '%s\n' 'void form_compile(void);' 'void def_attr(void);' \
	    'void def_attr(void) { form_compile(); }' >"$tmp/fcgi/core/planted.c"
	${CC:-cc} -c -o "$tmp/build/rel/fcgi/core/planted.o" \
	    "$tmp/fcgi/core/planted.c" ||
	    { echo "self-test: cannot compile the planted circle"; exit 1; }
	touch "$tmp"/build/rel/fcgi/*/*.o	# newer than the copied sources
	out=$(check "$tmp")
	grep -q 'fcgi/core/defform.c and fcgi/core/planted.c call each other' <<<"$out" ||
	    { echo "self-test: two files of core calling each other were not caught"; exit 1; }
	rm "$tmp/fcgi/core/planted.c" "$tmp/build/rel/fcgi/core/planted.o"
	cp -r "$ROOT/fcgi" "$tmp/fcgi2" && rm -rf "$tmp/fcgi" && mv "$tmp/fcgi2" "$tmp/fcgi"
	printf 'static void *k(void *b) { return PEM_read_bio_PrivateKey(b, 0, 0, 0); }\n' >>"$tmp/fcgi/web/api/diag.c"
	out=$(check "$tmp")
	grep -q 'web/api/diag.c:.*a private key outside sign/' <<<"$out" ||
	    { echo "self-test: a private key read in web was not caught"; exit 1; }
	echo "self-test: upward includes, stray libpq, a second audit writer, circles of calls and private keys outside sign/ are caught"
	exit 0
fi
check "${1:-$ROOT}"
