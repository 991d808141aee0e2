# Shared by run.sh, test.sh and bench.sh: a project-local PostgreSQL
# cluster, the migrations, and nginx, all under one directory ($VAR).
# Source it with ROOT (the checkout) and VAR set.
# shellcheck shell=bash

PGBIN=/usr/lib/postgresql/15/bin
: "${PGPORT_LOCAL:=5439}"

say() { printf 'motcua: %s\n' "$*"; }
die() { printf 'motcua: %s\n' "$*" >&2; exit 1; }

# Run a command as the postgres system user when we are root.
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# The postgres and www-data users must reach files under $1: give
# search (x) permission to the ancestors that lack it, and say so.
make_reachable() {
	[ "$(id -u)" -eq 0 ] || return 0
	local d=$1
	while [ "$d" != / ] && [ -n "$d" ]; do
		if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
			chmod o+x "$d"
			say "gave o+x to $d so that postgres and www-data reach $1"
		fi
		d=$(dirname "$d")
	done
}

# The server's own system user (MOTCUA_USER): not nginx's, so that
# nothing else running as www-data can signal or trace the workers.
# The signer's (MOTCUA_SIGNER_USER), the only one that reads private
# keys: not the workers', so that a worker cannot read a key.
ensure_user() {
	[ "$(id -u)" -eq 0 ] || return 0
	local u
	for u in motcua motcua-signer; do
		id "$u" >/dev/null 2>&1 ||
		    useradd --system --no-create-home --home-dir /nonexistent \
		    --shell /usr/sbin/nologin "$u"
	done
}

# Where the signer finds its keys and listens (docs/signing.md): the
# stack's own.
if [ -n "${VAR:-}" ]; then
	export MOTCUA_KEYS_DIR="$VAR/keys"
	export MOTCUA_SIGNER_SOCKET="$VAR/run/signer/signer.sock"
fi

# keys_init BINARY: the demo keys in $VAR/keys (idempotent: what
# exists is kept), for the units of the database.
keys_init() {
	ensure_user
	MOTCUA_ROOT="$ROOT" MOTCUA_DATABASE_URL="$(db_url)" "$1" keys init
}

# db_url [ROLE]: the owner's URL (migrations, the motcua commands), or
# the server's with ROLE motcua_web (migrations/0007_web_role.sql).
db_url() {
	printf 'postgresql:///motcua?host=%s&port=%s&user=%s&connect_timeout=3' \
	    "$VAR/pg" "$PGPORT_LOCAL" "${1:-motcua}"
}

pg_start() {
	mkdir -p "$VAR/pg" "$VAR/log"
	make_reachable "$VAR"
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres: "$VAR/pg"
		touch "$VAR/log/postgresql.log"
		chown postgres: "$VAR/log/postgresql.log"
	fi
	if [ ! -f "$VAR/pg/data/PG_VERSION" ]; then
		say "creating the PostgreSQL cluster in $VAR/pg/data"
		as_pg "$PGBIN/initdb" -D "$VAR/pg/data" -U postgres -A peer \
		    -E UTF8 --locale=C.UTF-8 >"$VAR/log/initdb.log" 2>&1 ||
		    { cat "$VAR/log/initdb.log" >&2; die "initdb failed"; }
		# Unix socket only.  The superuser is reached only by the
		# postgres system user (peer); the application's role, which
		# is no superuser, by any local user of this machine.
		as_pg sh -c 'printf "%s\n" "local motcua motcua trust" \
		    "local all postgres peer" >"$1/pg_hba.conf"' sh "$VAR/pg/data"
	fi
	# The server's role (no owner of anything), added to clusters made
	# before it existed; read at the start below or by the reload.
	local hba="$VAR/pg/data/pg_hba.conf" reload=""
	if ! as_pg grep -q '^local motcua motcua_web trust$' "$hba"; then
		as_pg sh -c 'echo "local motcua motcua_web trust" >>"$1"' sh "$hba"
		reload=1
	fi
	if ! as_pg "$PGBIN/pg_ctl" -D "$VAR/pg/data" status >/dev/null 2>&1; then
		as_pg "$PGBIN/pg_ctl" -D "$VAR/pg/data" -w -t 60 \
		    -l "$VAR/log/postgresql.log" \
		    -o "-k $VAR/pg -p $PGPORT_LOCAL -c listen_addresses=''" \
		    start >/dev/null || { tail -20 "$VAR/log/postgresql.log" >&2;
		    die "PostgreSQL did not start"; }
	fi
	local psql="as_pg $PGBIN/psql -X -q -h $VAR/pg -p $PGPORT_LOCAL -U postgres -d postgres"
	if [ "$($psql -tAc "SELECT 1 FROM pg_roles WHERE rolname='motcua'")" != 1 ]; then
		$psql -c "CREATE ROLE motcua LOGIN" >/dev/null
	fi
	if [ "$($psql -tAc "SELECT 1 FROM pg_roles WHERE rolname='motcua_web'")" != 1 ]; then
		$psql -c "CREATE ROLE motcua_web LOGIN" >/dev/null
	fi
	[ -z "$reload" ] || $psql -c "SELECT pg_reload_conf()" >/dev/null
	if [ "$($psql -tAc "SELECT 1 FROM pg_database WHERE datname='motcua'")" != 1 ]; then
		$psql -c "CREATE DATABASE motcua OWNER motcua" >/dev/null
	fi
}

pg_stop() {
	[ -f "$VAR/pg/data/PG_VERSION" ] || return 0
	as_pg "$PGBIN/pg_ctl" -D "$VAR/pg/data" -m fast -w stop >/dev/null 2>&1 || true
}

migrate() {
	MOTCUA_ROOT="$ROOT" MOTCUA_DATABASE_URL="$(db_url)" "$1" migrate
}

# nginx_conf PORT SOCKET EXTRA: write $VAR/nginx/nginx.conf
nginx_conf() {
	local user_line="" access="$VAR/log/nginx-access.log motcua"
	mkdir -p "$VAR/nginx/tmp" "$VAR/log" "$VAR/run"
	if [ "$(id -u)" -eq 0 ]; then
		ensure_user
		user_line="user www-data;"
		chown www-data: "$VAR/nginx/tmp"
		chown motcua: "$VAR/run"
	fi
	[ -n "${NGINX_NO_ACCESS_LOG:-}" ] && access=off
	printf '%s\n' "${3:-}" >"$VAR/nginx/extra.conf"
	sed -e "s|@USER_LINE@|$user_line|" -e "s|@VAR@|$VAR|g" \
	    -e "s|@ROOT@|$ROOT|g" -e "s|@PORT@|$1|g" -e "s|@SOCKET@|$2|g" \
	    -e "s|@ACCESS_LOG@|$access|" \
	    -e "/@EXTRA@/{r $VAR/nginx/extra.conf" -e "d}" \
	    "$ROOT/nginx/motcua.conf.in" >"$VAR/nginx/nginx.conf"
}

nginx_start() {
	nginx -t -q -c "$VAR/nginx/nginx.conf" -p "$VAR/nginx" ||
	    die "nginx configuration test failed"
	nginx -c "$VAR/nginx/nginx.conf" -p "$VAR/nginx"
}

nginx_stop() {
	local pidf="$VAR/nginx/nginx.pid"
	[ -f "$pidf" ] || return 0
	kill -QUIT "$(cat "$pidf")" 2>/dev/null || true
	for _ in $(seq 50); do [ -f "$pidf" ] || return 0; sleep 0.1; done
	kill -TERM "$(cat "$pidf")" 2>/dev/null || true
}

port_busy() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
	local p
	for _ in $(seq 100); do
		p=$((20000 + RANDOM % 20000))
		port_busy "$p" || { echo "$p"; return 0; }
	done
	die "no free port"
}

# Wait until URL answers 200 (or $2 seconds pass).
wait_http() {
	for _ in $(seq $((${2:-20} * 10))); do
		[ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ] && return 0
		sleep 0.1
	done
	return 1
}
