#!/bin/sh
# Install the Debian packages Motcua needs that are missing.  Idempotent.
# As root: apt-get installs them (services are not started).  Otherwise:
# print the exact command to run and stop.
set -eu

PKGS="make gcc clang libclang-rt-14-dev pkg-config curl ca-certificates
python3 libfcgi-dev libpq-dev libargon2-dev libqrencode-dev libjansson-dev libxml2-dev libxslt1-dev
libunistring-dev
libxmlsec1-dev xmlsec1 libssl-dev openssl libcmocka-dev postgresql-15
postgresql-client-15 nginx wrk procps util-linux chromium"
# The payment gateway's merchant API (motcua payments reconcile).
PKGS="$PKGS libcurl4-openssl-dev"
# The browser tests (tests/e2e) also need Node.js and npm: Debian's
# nodejs and npm, unless a Node.js with npm is already installed (a
# nodesource nodejs package carries its own npm and conflicts with
# Debian's npm package, so asking dpkg about "npm" would break it).
NODE_PKGS="nodejs npm"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
	case "$st" in
	ii*) ;;
	*) missing="$missing $p" ;;
	esac
done
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1
then
	missing="$missing $NODE_PKGS"
fi
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "motcua: missing Debian packages. Run as root:" >&2
	echo "  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi

echo "motcua: installing:$missing"
# Packaged services (nginx on :80, the postgresql@15-main cluster) must
# not start: Motcua runs its own, under var/.
policy=/usr/sbin/policy-rc.d
added_policy=""
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' > "$policy"
	chmod 755 "$policy"
	added_policy=1
	trap 'rm -f "$policy"' EXIT
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
exit 0
