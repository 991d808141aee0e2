#!/usr/bin/env bash
# layers.sh [TREE]: the layers of DESIGN.md, checked in TREE/fcgi (the
# checkout's by default).  Prints each violation as FILE:LINE: why, and
# exits 1 if there is one.
#   - includes point down: a file may include only headers of the
#     layers its own layer may use (the table below), by their path
#     from fcgi/ ("core/def.h") or from its own folder;
#   - libpq only in store/, libfcgi only in http/;
#   - private keys read, written or made only in sign/ (the signer and
#     `motcua keys`): OpenSSL's PEM/DER private-key readers and writers,
#     OSSL_STORE, decoders, engines' key loading and key generation.
# layers.sh --self-test: plants an upward include, a stray libpq call
# and a private key read outside sign/ in a copy of the tree and checks
# that each is caught.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

# A layer and the layers it may include (its own first).
declare -A MAY=(
	[base]="base"
	[core]="core base"
	[store]="store base"
	[app]="app core store sign base"
	[http]="http base"
	[sign]="sign base"
	[web]="web app http core store sign base"
	[cmd]="cmd web http app core store sign base"
	[main]="cmd base"
)

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
	hits=$(grep -rnE '\b(PEM_(read|write)(_bio)?_(PrivateKey|PKCS8|ECPrivateKey|RSAPrivateKey)|d2i_(Auto)?PrivateKey|i2d_PrivateKey|OSSL_STORE_|OSSL_DECODER_|ENGINE_load_private_key|EVP_PKEY_keygen|EVP_PKEY_generate|EVP_PKEY_Q_keygen|EVP_(EC|RSA)_gen|EVP_PKEY_new_raw_private_key|EVP_PKEY_get_raw_private_key)\b' "$tree/fcgi" | grep -v "^$tree/fcgi/sign/" || true)
	[ -z "$hits" ] || { printf '%s: a private key outside sign/\n' "$hits"; bad=1; }
	return $bad
}

if [ "${1:-}" = --self-test ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	cp -r "$ROOT/fcgi" "$tmp/fcgi"
	check "$tmp" >/dev/null || { echo "self-test: the tree itself fails"; exit 1; }
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
	printf 'static void *k(void *b) { return PEM_read_bio_PrivateKey(b, 0, 0, 0); }\n' >>"$tmp/fcgi/web/api/diag.c"
	out=$(check "$tmp")
	grep -q 'web/api/diag.c:.*a private key outside sign/' <<<"$out" ||
	    { echo "self-test: a private key read in web was not caught"; exit 1; }
	echo "self-test: upward includes, stray libpq and private keys outside sign/ are caught"
	exit 0
fi
check "${1:-$ROOT}"
