/*
 * accounts.c - the accounts family of statements: see accounts.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "audit.h"
#include "base/arena.h"
#include "store_int.h"

/* The columns of a user, as user_row() reads them (from 0). */
#define USER_COLS \
	"u.id, u.kind, coalesce(u.cccd, u.username), u.full_name, u.phone, " \
	"u.email, coalesce(u.unit_id, 0), un.code, u.password_hash, " \
	"array_to_string(ARRAY(SELECT r.role FROM staff_roles r " \
	"WHERE r.user_id = u.id ORDER BY r.role), ','), " \
	"u.disabled_at IS NOT NULL"
#define USER_NCOLS	11
#define USER_FROM \
	" FROM users u LEFT JOIN units un ON un.id = u.unit_id"
#define SECONDS(n)	"(" n "::int * interval '1 second')"

static const struct stmt stmts[ACCT__MAX] = {
	/*
	 * A new user, or nothing when the CCCD or user name is taken:
	 * (the id drawn, made, the id of who has the login already).
	 *
	 * Taken is no error: ON CONFLICT DO NOTHING raises no unique
	 * violation, so PostgreSQL logs nothing, where the violation's
	 * DETAIL would quote the CCCD.  And the id is drawn first, from
	 * the users' sequence, whether the row is made or not: every
	 * attempt uses one id, exactly one, so the ids answered to a run
	 * of registrations are consecutive whether a CCCD had an account
	 * or not (a failed INSERT used one and a second was drawn for the
	 * answer: a gap of two told).  The same statement runs either
	 * way, and the same look-up of who has the login (which cannot
	 * see a row made by a registration that commits while this one
	 * waits on it: then the third column is NULL).
	 */
	[ACCT_USER_ADD] = { "acct_user_add",
	    "WITH n AS MATERIALIZED (SELECT nextval(pg_get_serial_sequence("
	    "'users', 'id')) AS id), "
	    "i AS (INSERT INTO users (id, kind, cccd, username, full_name, "
	    "phone, email, password_hash, unit_id) OVERRIDING SYSTEM VALUE "
	    "SELECT n.id, $1::text, CASE WHEN $1 = 'citizen' THEN $2 END, "
	    "CASE WHEN $1 <> 'citizen' THEN $2 END, $3::text, $4::text, "
	    "$5::text, $6::text, nullif($7::bigint, 0) FROM n "
	    "ON CONFLICT DO NOTHING RETURNING id) "
	    "SELECT n.id, EXISTS (SELECT 1 FROM i), (SELECT u.id FROM users u "
	    "WHERE u.cccd = $2::text OR u.username = $2::text) FROM n", 7, 0 },
	[ACCT_ROLE_ADD] = { "acct_role_add",
	    "INSERT INTO staff_roles (user_id, role) VALUES ($1, $2) "
	    "ON CONFLICT DO NOTHING", 2, 0 },
	[ACCT_BY_LOGIN] = { "acct_by_login",
	    "SELECT " USER_COLS USER_FROM
	    " WHERE u.cccd = $1 OR u.username = $1", 1, 1 },
	[ACCT_BY_ID] = { "acct_by_id",
	    "SELECT " USER_COLS USER_FROM " WHERE u.id = $1", 1, 1 },
	[ACCT_PASSWD] = { "acct_passwd",
	    "WITH u AS (UPDATE users SET password_hash = $2 "
	    "WHERE cccd = $1 OR username = $1 RETURNING id), "
	    "s AS (DELETE FROM sessions WHERE user_id IN (SELECT id FROM u)) "
	    "SELECT id FROM u", 2, 0 },
	/* $2 true: disable, and end the sessions in the same statement;
	 * false: enable (ended sessions stay ended).  A CCCD has no
	 * letter and a user name has one: one row at most.  change is
	 * false when the account was so already. */
	[ACCT_SET_DISABLED] = { "acct_set_disabled",
	    "WITH u AS (SELECT id, (disabled_at IS NULL) = $2::boolean AS "
	    "change FROM users WHERE cccd = $1 OR username = $1 FOR UPDATE), "
	    "d AS (UPDATE users SET disabled_at = CASE WHEN $2::boolean THEN "
	    "now() END WHERE id IN (SELECT id FROM u WHERE change)), "
	    "s AS (DELETE FROM sessions WHERE $2::boolean AND user_id IN "
	    "(SELECT id FROM u)) "
	    "SELECT id, change FROM u", 2, 0 },
	[ACCT_USER_LIST] = { "acct_user_list",
	    "SELECT " USER_COLS USER_FROM " ORDER BY u.id", 0, 1 },
	[ACCT_SESSION_ADD] = { "acct_session_add",
	    "INSERT INTO sessions (token_hash, user_id, csrf, expires_at) "
	    "VALUES (decode($1, 'hex'), $2, $3, now() + " SECONDS("$4") ")",
	    4, 0 },
	[ACCT_SESSION_GET] = { "acct_session_get",
	    "SELECT " USER_COLS ", s.csrf, "
	    "extract(epoch FROM s.expires_at)::bigint, "
	    "s.last_seen_at < now() - " SECONDS("$3")
	    " FROM sessions s JOIN users u ON u.id = s.user_id "
	    "LEFT JOIN units un ON un.id = u.unit_id "
	    "WHERE s.token_hash = decode($1, 'hex') AND s.expires_at > now() "
	    "AND s.last_seen_at > now() - " SECONDS("$2")
	    " AND u.disabled_at IS NULL", 3, 1 },
	[ACCT_SESSION_TOUCH] = { "acct_session_touch",
	    "UPDATE sessions SET last_seen_at = now() "
	    "WHERE token_hash = decode($1, 'hex')", 1, 1 },
	[ACCT_SESSION_DEL] = { "acct_session_del",
	    "DELETE FROM sessions WHERE token_hash = decode($1, 'hex') "
	    "RETURNING user_id", 1, 0 },
	[ACCT_SESSION_PURGE] = { "acct_session_purge",
	    "DELETE FROM sessions WHERE user_id = $1 AND (expires_at <= now() "
	    "OR last_seen_at <= now() - " SECONDS("$2") ")", 2, 0 },
	[ACCT_PARTNER_ADD] = { "acct_partner_add",
	    "INSERT INTO partner_tokens (token_hash, name, scopes, unit_id) "
	    "VALUES (decode($1, 'hex'), $2, string_to_array($3, ','), "
	    "nullif($4::bigint, 0)) RETURNING id", 4, 0 },
	[ACCT_PARTNER_GET] = { "acct_partner_get",
	    "SELECT id, name, array_to_string(scopes, ','), "
	    "coalesce(unit_id, 0) FROM partner_tokens "
	    "WHERE token_hash = decode($1, 'hex') AND revoked_at IS NULL",
	    1, 1 },
	/* By id ($1 > 0; identities start at 1) or by name ($2, with $1
	 * 0), locked until the revocation commits. */
	[ACCT_PARTNER_LIVE] = { "acct_partner_live",
	    "SELECT id FROM partner_tokens WHERE revoked_at IS NULL AND "
	    "(id = $1::bigint OR ($1::bigint = 0 AND name = $2)) "
	    "ORDER BY id FOR UPDATE", 2, 0 },
	[ACCT_PARTNER_REVOKE] = { "acct_partner_revoke",
	    "UPDATE partner_tokens SET revoked_at = now() "
	    "WHERE id = $1 AND revoked_at IS NULL", 1, 0 },
	[ACCT_PARTNER_LIST] = { "acct_partner_list",
	    "SELECT p.id, p.name, array_to_string(p.scopes, ','), "
	    "coalesce(p.unit_id, 0), u.code, "
	    "to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
	    "to_char(p.revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') "
	    "FROM partner_tokens p LEFT JOIN units u ON u.id = p.unit_id "
	    "ORDER BY p.id", 0, 1 },
	[ACCT_FAIL_ADD] = { "acct_fail_add",
	    "WITH old AS (DELETE FROM signin_failures WHERE key = $1 "
	    "AND at <= now() - " SECONDS("$2") ") "
	    "INSERT INTO signin_failures (key) VALUES ($1)", 2, 0 },
	/* The max-th latest failure of a key inside the window: when it
	 * leaves the window, the key is under its maximum again. */
	[ACCT_FAIL_CHECK] = { "acct_fail_check",
	    "SELECT coalesce(max(w), 0) FROM ("
	    "(SELECT greatest(1, ceil(extract(epoch FROM at + " SECONDS("$5")
	    " - now())))::int AS w FROM signin_failures WHERE key = $1 "
	    "AND at > now() - " SECONDS("$5") " ORDER BY at DESC "
	    "OFFSET $2::int - 1 LIMIT 1) UNION ALL "
	    "(SELECT greatest(1, ceil(extract(epoch FROM at + " SECONDS("$5")
	    " - now())))::int FROM signin_failures WHERE key = $3 "
	    "AND at > now() - " SECONDS("$5") " ORDER BY at DESC "
	    "OFFSET $4::int - 1 LIMIT 1)) t", 5, 1 },
	[ACCT_FAIL_CLEAR] = { "acct_fail_clear",
	    "DELETE FROM signin_failures WHERE key = $1", 1, 0 },
	/* Serializes check-and-count per key (acct_fail_take). */
	[ACCT_FAIL_LOCK] = { "acct_fail_lock",
	    "SELECT pg_advisory_xact_lock(hashtext('signin_failures:' || $1))",
	    1, 0 },
	/* Takes back the latest attempt of a key (a sign-in that worked). */
	[ACCT_FAIL_UNDO] = { "acct_fail_undo",
	    "DELETE FROM signin_failures WHERE ctid = (SELECT ctid FROM "
	    "signin_failures WHERE key = $1 ORDER BY at DESC LIMIT 1)", 1, 0 },
	[ACCT_UNIT_ADD] = { "acct_unit_add",
	    "INSERT INTO units (code, parent_id, kind, school_level, name_vi, "
	    "name_en) VALUES ($1, (SELECT id FROM units WHERE code = $2), $3, "
	    "$4, $5, $6) RETURNING id", 6, 0 },
	[ACCT_UNIT_GET] = { "acct_unit_get",
	    "SELECT u.id, u.code, p.code, u.kind, u.school_level, u.name_vi, "
	    "u.name_en FROM units u LEFT JOIN units p ON p.id = u.parent_id "
	    "WHERE u.code = $1", 1, 1 },
	[ACCT_UNIT_BY_ID] = { "acct_unit_by_id",
	    "SELECT u.id, u.code, p.code, u.kind, u.school_level, u.name_vi, "
	    "u.name_en FROM units u LEFT JOIN units p ON p.id = u.parent_id "
	    "WHERE u.id = $1", 1, 1 },
	[ACCT_UNIT_LIST] = { "acct_unit_list",
	    "SELECT u.id, u.code, p.code, u.kind, u.school_level, u.name_vi, "
	    "u.name_en FROM units u LEFT JOIN units p ON p.id = u.parent_id "
	    "ORDER BY u.code", 0, 1 },
	/* A picker's list: by name in the page's language, in that
	 * language's alphabetical order (ICU collations, which Debian's
	 * PostgreSQL has: "Đ" after "D", "Ă" and "Â" after "A"); $1 the
	 * kind or NULL (every kind); $3 bounds it. */
	[ACCT_UNIT_PICK] = { "acct_unit_pick",
	    "SELECT u.id, u.code, p.code, u.kind, u.school_level, u.name_vi, "
	    "u.name_en FROM units u LEFT JOIN units p ON p.id = u.parent_id "
	    "WHERE ($1::text IS NULL OR u.kind = $1::text) ORDER BY CASE WHEN $2::text = 'en' "
	    "THEN u.name_en END COLLATE \"en-x-icu\", "
	    "u.name_vi COLLATE \"vi-x-icu\", u.code LIMIT $3::int", 3, 1 },
};

const struct family accounts_family = { stmts, ACCT__MAX };

/* Run a statement that returns one bigint or nothing (*out 0). */
static enum db_status
run_id(struct db *db, enum acct_stmt s, const char *const *p, int64_t *out)
{
	PGresult	*res;
	enum db_status	 rc;

	*out = 0;
	if ((rc = db_exec(db, &stmts[s], p, &res)) != DB_OK)
		return rc;
	if (PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
		*out = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return DB_OK;
}

static void
user_row(const PGresult *res, int row, struct acct_user *u)
{
	u->id = db_col_i64(res, row, 0);
	u->kind = db_col(res, row, 1);
	u->login = db_col(res, row, 2);
	u->full_name = db_col(res, row, 3);
	u->phone = db_col(res, row, 4);
	u->email = db_col(res, row, 5);
	u->unit_id = db_col_i64(res, row, 6);
	u->unit_code = db_col(res, row, 7);
	u->password_hash = db_col(res, row, 8);
	u->roles = db_col(res, row, 9);
	u->disabled = strcmp(PQgetvalue(res, row, 10), "t") == 0;
}

static void
unit_row(const PGresult *res, int row, struct acct_unit *u)
{
	u->id = db_col_i64(res, row, 0);
	u->code = db_col(res, row, 1);
	u->parent_code = db_col(res, row, 2);
	u->kind = db_col(res, row, 3);
	u->school_level = db_col(res, row, 4);
	u->name_vi = db_col(res, row, 5);
	u->name_en = db_col(res, row, 6);
}

#define I64(buf, v)	(snprintf((buf), sizeof(buf), "%" PRId64, (v)), (buf))
#define INT(buf, v)	(snprintf((buf), sizeof(buf), "%d", (v)), (buf))

/* The audit entry e, with object deflt when it has none. */
static enum db_status
audit(struct db *db, const struct audit_entry *e, const char *deflt)
{
	struct audit_entry	c;

	if (e == NULL)
		return DB_OK;
	c = *e;
	if (c.object == NULL)
		c.object = deflt;
	return audit_add(db, &c);
}

static enum db_status
commit_or(struct db *db, enum db_status rc)
{
	if (rc != DB_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

/* ACCT_USER_ADD: *made 0 when the login is taken, by *other (0: not
 * seen); *id is the id drawn either way. */
static enum db_status
user_add(struct db *db, const struct acct_new *n, int64_t *id, int *made,
    int64_t *other)
{
	char		 unit[24];
	const char	*p[7] = { n->kind, n->login, n->full_name, n->phone,
	    n->email, n->password_hash, I64(unit, n->unit_id) };
	PGresult	*res;
	enum db_status	 rc;

	*id = *other = 0;
	*made = 0;
	if ((rc = db_exec(db, &stmts[ACCT_USER_ADD], p, &res)) != DB_OK)
		return rc;
	if (PQntuples(res) != 1 || PQnfields(res) != 3) {
		PQclear(res);
		return DB_ERROR;
	}
	*id = db_col_i64(res, 0, 0);
	*made = strcmp(PQgetvalue(res, 0, 1), "t") == 0;
	*other = db_col_i64(res, 0, 2);
	PQclear(res);
	return DB_OK;
}

enum db_status
acct_user_create(struct db *db, const struct acct_new *n,
    const char *const *roles, size_t nroles, const struct audit_entry *e,
    int64_t *id)
{
	char		 uid[24], obj[32];
	const char	*rp[2];
	enum db_status	 rc;
	int64_t		 other;
	size_t		 i;
	int		 made;

	*id = 0;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	rc = user_add(db, n, id, &made, &other);
	if (rc == DB_OK && !made)
		rc = DB_CONFLICT;
	for (i = 0; rc == DB_OK && i < nroles; i++) {
		rp[0] = I64(uid, *id);
		rp[1] = roles[i];
		rc = db_exec_only(db, &stmts[ACCT_ROLE_ADD], rp);
	}
	snprintf(obj, sizeof(obj), "user:%" PRId64, *id);
	if (rc == DB_OK)
		rc = audit(db, e, obj);
	if ((rc = commit_or(db, rc)) != DB_OK)
		*id = 0;
	return rc;
}

/*
 * Both outcomes take the same round trips in the same order (BEGIN,
 * ACCT_USER_ADD, the audit entry, COMMIT), so that the time a
 * registration takes does not tell either: what differs is whether
 * PostgreSQL writes the row, microseconds beside the Argon2id hash
 * that comes before.
 */
enum db_status
acct_register(struct db *db, const struct acct_new *n,
    const struct audit_entry *made, const struct audit_entry *dup,
    int64_t *id, int *created)
{
	char		 obj[32];
	enum db_status	 rc;
	int64_t		 other;

	*id = 0;
	*created = 0;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	rc = user_add(db, n, id, created, &other);
	snprintf(obj, sizeof(obj), "user:%" PRId64, *created ? *id : other);
	if (rc == DB_OK)
		rc = *created ? audit(db, made, obj) :
		    audit(db, dup, other != 0 ? obj : NULL);
	if ((rc = commit_or(db, rc)) != DB_OK) {
		*id = 0;
		*created = 0;
	}
	return rc;
}

static enum db_status
user_one(struct db *db, struct arena *a, enum acct_stmt s, const char *key,
    struct acct_user *u, int *found)
{
	const char	*p[1] = { key };
	PGresult	*res;
	enum db_status	 rc;

	*found = 0;
	memset(u, 0, sizeof(*u));
	if ((rc = db_exec_arena(db, a, &stmts[s], p, &res)) != DB_OK)
		return rc;
	if (PQntuples(res) == 1) {
		user_row(res, 0, u);
		*found = 1;
	}
	return DB_OK;
}

enum db_status
acct_by_login(struct db *db, struct arena *a, const char *login,
    struct acct_user *u, int *found)
{
	return user_one(db, a, ACCT_BY_LOGIN, login, u, found);
}

enum db_status
acct_by_id(struct db *db, struct arena *a, int64_t id, struct acct_user *u,
    int *found)
{
	char	buf[24];

	return user_one(db, a, ACCT_BY_ID, I64(buf, id), u, found);
}

enum db_status
acct_passwd(struct db *db, const char *login, const char *hash,
    const struct audit_entry *e, int64_t *id)
{
	const char	*p[2] = { login, hash };
	char		 obj[32];
	enum db_status	 rc;

	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	rc = run_id(db, ACCT_PASSWD, p, id);
	snprintf(obj, sizeof(obj), "user:%" PRId64, *id);
	if (rc == DB_OK && *id != 0)
		rc = audit(db, e, obj);
	return commit_or(db, rc);
}

enum db_status
acct_set_disabled(struct db *db, const char *login, int disabled,
    const struct audit_entry *e, int64_t *id, int *changed)
{
	const char	*p[2] = { login, disabled ? "true" : "false" };
	char		 obj[32];
	PGresult	*res;
	enum db_status	 rc;

	*id = 0;
	*changed = 0;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_exec(db, &stmts[ACCT_SET_DISABLED], p, &res)) != DB_OK) {
		db_rollback(db);
		return rc;
	}
	if (PQntuples(res) == 1) {
		*id = db_col_i64(res, 0, 0);
		*changed = strcmp(PQgetvalue(res, 0, 1), "t") == 0;
	}
	PQclear(res);
	if (!*changed) {
		db_rollback(db);
		return DB_OK;
	}
	snprintf(obj, sizeof(obj), "user:%" PRId64, *id);
	if ((rc = commit_or(db, audit(db, e, obj))) != DB_OK)
		*changed = 0;
	return rc;
}

enum db_status
acct_user_list(struct db *db, struct arena *a, struct acct_user **out,
    size_t *n)
{
	PGresult	*res;
	enum db_status	 rc;
	int		 i;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec_arena(db, a, &stmts[ACCT_USER_LIST], NULL,
	    &res)) != DB_OK)
		return rc;
	*n = (size_t)PQntuples(res);
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < PQntuples(res); i++)
		user_row(res, i, &(*out)[i]);
	return DB_OK;
}

enum db_status
acct_signin(struct db *db, int64_t user_id, const char *old_hash,
    const char *hash, const char *csrf, int idle_s, int max_s,
    const char *fail_key, const char *addr_key, const struct audit_entry *e)
{
	char		 uid[24], idle[16], max[16], obj[32];
	const char	*purge[2] = { I64(uid, user_id), INT(idle, idle_s) };
	const char	*old[1] = { old_hash };
	const char	*add[4] = { hash, uid, csrf, INT(max, max_s) };
	const char	*fail[1] = { fail_key };
	const char	*addr[1] = { addr_key };
	enum db_status	 rc;

	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	rc = db_exec_only(db, &stmts[ACCT_SESSION_PURGE], purge);
	if (rc == DB_OK && old_hash != NULL)
		rc = db_exec_only(db, &stmts[ACCT_SESSION_DEL], old);
	if (rc == DB_OK)
		rc = db_exec_only(db, &stmts[ACCT_SESSION_ADD], add);
	if (rc == DB_OK)
		rc = db_exec_only(db, &stmts[ACCT_FAIL_CLEAR], fail);
	if (rc == DB_OK && addr_key != NULL)
		rc = db_exec_only(db, &stmts[ACCT_FAIL_UNDO], addr);
	snprintf(obj, sizeof(obj), "user:%" PRId64, user_id);
	if (rc == DB_OK)
		rc = audit(db, e, obj);
	return commit_or(db, rc);
}

enum db_status
acct_signin_failed(struct db *db, const struct audit_entry *e)
{
	enum db_status	 rc;

	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	rc = audit(db, e, NULL);
	return commit_or(db, rc);
}

enum db_status
acct_signout(struct db *db, const char *hash, const struct audit_entry *e,
    int64_t *user_id)
{
	const char	*p[1] = { hash };
	char		 obj[32];
	enum db_status	 rc;

	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	rc = run_id(db, ACCT_SESSION_DEL, p, user_id);
	snprintf(obj, sizeof(obj), "user:%" PRId64, *user_id);
	if (rc == DB_OK && *user_id != 0)
		rc = audit(db, e, obj);
	return commit_or(db, rc);
}

enum db_status
acct_session_get(struct db *db, struct arena *a, const char *hash_hex,
    int idle_s, int touch_after_s, struct acct_session *s, int *found)
{
	char		 idle[16], touch[16];
	const char	*p[3] = { hash_hex, INT(idle, idle_s),
	    INT(touch, touch_after_s) };
	PGresult	*res;
	enum db_status	 rc;

	*found = 0;
	memset(s, 0, sizeof(*s));
	if ((rc = db_exec_arena(db, a, &stmts[ACCT_SESSION_GET], p,
	    &res)) != DB_OK)
		return rc;
	if (PQntuples(res) == 1) {
		user_row(res, 0, &s->user);
		s->csrf = db_col(res, 0, USER_NCOLS);
		s->expires_at = db_col_i64(res, 0, USER_NCOLS + 1);
		s->stale = strcmp(PQgetvalue(res, 0, USER_NCOLS + 2), "t") == 0;
		*found = 1;
	}
	return DB_OK;
}

enum db_status
acct_session_touch(struct db *db, const char *hash_hex)
{
	const char	*p[1] = { hash_hex };

	return db_exec_only(db, &stmts[ACCT_SESSION_TOUCH], p);
}

enum db_status
acct_partner_add(struct db *db, const char *hash_hex, const char *name,
    const char *scopes, int64_t unit_id, const struct audit_entry *e,
    int64_t *id)
{
	char		 unit[24], obj[32];
	const char	*p[4] = { hash_hex, name, scopes, I64(unit, unit_id) };
	enum db_status	 rc;

	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	rc = run_id(db, ACCT_PARTNER_ADD, p, id);
	snprintf(obj, sizeof(obj), "partner:%" PRId64, *id);
	if (rc == DB_OK)
		rc = audit(db, e, obj);
	return commit_or(db, rc);
}

enum db_status
acct_partner_get(struct db *db, struct arena *a, const char *hash_hex,
    struct acct_partner *t, int *found)
{
	const char	*p[1] = { hash_hex };
	PGresult	*res;
	enum db_status	 rc;

	*found = 0;
	memset(t, 0, sizeof(*t));
	if ((rc = db_exec_arena(db, a, &stmts[ACCT_PARTNER_GET], p,
	    &res)) != DB_OK)
		return rc;
	if (PQntuples(res) == 1) {
		t->id = db_col_i64(res, 0, 0);
		t->name = db_col(res, 0, 1);
		t->scopes = db_col(res, 0, 2);
		t->unit_id = db_col_i64(res, 0, 3);
		*found = 1;
	}
	return DB_OK;
}

enum db_status
acct_partner_revoke(struct db *db, int64_t id, const char *name,
    const struct audit_entry *e, int64_t ids[], size_t max, size_t *n)
{
	char		 idp[24], obj[32];
	const char	*p[2] = { I64(idp, id), id > 0 ? NULL : name };
	const char	*rp[1] = { idp };
	PGresult	*res;
	enum db_status	 rc;
	size_t		 i;

	*n = 0;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_exec(db, &stmts[ACCT_PARTNER_LIVE], p, &res)) != DB_OK) {
		db_rollback(db);
		return rc;
	}
	*n = (size_t)PQntuples(res);
	for (i = 0; i < *n && i < max; i++)
		ids[i] = db_col_i64(res, (int)i, 0);
	PQclear(res);
	/* None, or a name that does not say which: nothing is done. */
	if (*n != 1) {
		db_rollback(db);
		return DB_OK;
	}
	I64(idp, ids[0]);
	rc = db_exec_only(db, &stmts[ACCT_PARTNER_REVOKE], rp);
	snprintf(obj, sizeof(obj), "partner:%" PRId64, ids[0]);
	if (rc == DB_OK)
		rc = audit(db, e, obj);
	if ((rc = commit_or(db, rc)) != DB_OK)
		*n = 0;
	return rc;
}

enum db_status
acct_partner_list(struct db *db, struct arena *a, struct acct_partner **out,
    size_t *n)
{
	struct acct_partner	*t;
	PGresult		*res;
	enum db_status		 rc;
	int			 i;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec_arena(db, a, &stmts[ACCT_PARTNER_LIST], NULL,
	    &res)) != DB_OK)
		return rc;
	*n = (size_t)PQntuples(res);
	*out = t = arena_calloc(a, *n + 1, sizeof(*t));
	for (i = 0; i < PQntuples(res); i++) {
		t[i].id = db_col_i64(res, i, 0);
		t[i].name = db_col(res, i, 1);
		t[i].scopes = db_col(res, i, 2);
		t[i].unit_id = db_col_i64(res, i, 3);
		t[i].unit_code = db_col(res, i, 4);
		t[i].created_at = db_col(res, i, 5);
		t[i].revoked_at = db_col(res, i, 6);
	}
	return DB_OK;
}

enum db_status
acct_fail_check(struct db *db, const char *key_a, int max_a,
    const char *key_b, int max_b, int window_s, int *retry_after)
{
	char		 ma[16], mb[16], win[16];
	const char	*p[5] = { key_a, INT(ma, max_a), key_b, INT(mb, max_b),
	    INT(win, window_s) };
	int64_t		 v;
	enum db_status	 rc;

	*retry_after = 0;
	if ((rc = run_id(db, ACCT_FAIL_CHECK, p, &v)) == DB_OK)
		*retry_after = (int)v;
	return rc;
}

enum db_status
acct_fail_take(struct db *db, const char *key_a, int max_a,
    const char *key_b, int max_b, int window_s, int *retry_after)
{
	char		 ma[16], mb[16], win[16];
	const char	*p[5] = { key_a, INT(ma, max_a),
	    key_b != NULL ? key_b : key_a,
	    key_b != NULL ? INT(mb, max_b) : ma, INT(win, window_s) };
	const char	*la[1] = { key_a }, *lb[1] = { key_b };
	const char	*pa[2] = { key_a, win }, *pb[2] = { key_b, win };
	int64_t		 v = 0;
	enum db_status	 rc;

	*retry_after = 0;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	rc = db_exec_only(db, &stmts[ACCT_FAIL_LOCK], la);
	if (rc == DB_OK && key_b != NULL)
		rc = db_exec_only(db, &stmts[ACCT_FAIL_LOCK], lb);
	if (rc == DB_OK)
		rc = run_id(db, ACCT_FAIL_CHECK, p, &v);
	if (rc == DB_OK && v == 0) {
		rc = db_exec_only(db, &stmts[ACCT_FAIL_ADD], pa);
		if (rc == DB_OK && key_b != NULL)
			rc = db_exec_only(db, &stmts[ACCT_FAIL_ADD], pb);
	}
	if ((rc = commit_or(db, rc)) == DB_OK)
		*retry_after = (int)v;
	return rc;
}

enum db_status
acct_unit_add(struct db *db, const struct acct_unit *u,
    const struct audit_entry *e, int64_t *id)
{
	const char	*p[6] = { u->code, u->parent_code, u->kind,
	    u->school_level, u->name_vi, u->name_en };
	char		 obj[80];
	enum db_status	 rc;

	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	rc = run_id(db, ACCT_UNIT_ADD, p, id);
	snprintf(obj, sizeof(obj), "unit:%s", u->code);
	if (rc == DB_OK)
		rc = audit(db, e, obj);
	return commit_or(db, rc);
}

static enum db_status
unit_one(struct db *db, struct arena *a, enum acct_stmt s, const char *key,
    struct acct_unit *u, int *found)
{
	const char	*p[1] = { key };
	PGresult	*res;
	enum db_status	 rc;

	*found = 0;
	memset(u, 0, sizeof(*u));
	if ((rc = db_exec_arena(db, a, &stmts[s], p, &res)) != DB_OK)
		return rc;
	if (PQntuples(res) == 1) {
		unit_row(res, 0, u);
		*found = 1;
	}
	return DB_OK;
}

enum db_status
acct_unit_get(struct db *db, struct arena *a, const char *code,
    struct acct_unit *u, int *found)
{
	return unit_one(db, a, ACCT_UNIT_GET, code, u, found);
}

enum db_status
acct_unit_by_id(struct db *db, struct arena *a, int64_t id,
    struct acct_unit *u, int *found)
{
	char	buf[24];

	return unit_one(db, a, ACCT_UNIT_BY_ID, I64(buf, id), u, found);
}

/* The rows of a units statement into *out. */
static enum db_status
unit_rows(struct db *db, struct arena *a, enum acct_stmt st,
    const char *const *p, struct acct_unit **out, size_t *n)
{
	PGresult	*res;
	enum db_status	 rc;
	int		 i;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec_arena(db, a, &stmts[st], p, &res)) != DB_OK)
		return rc;
	*n = (size_t)PQntuples(res);
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < PQntuples(res); i++)
		unit_row(res, i, &(*out)[i]);
	return DB_OK;
}

enum db_status
acct_unit_list(struct db *db, struct arena *a, struct acct_unit **out,
    size_t *n)
{
	return unit_rows(db, a, ACCT_UNIT_LIST, NULL, out, n);
}

enum db_status
acct_unit_pick(struct db *db, struct arena *a, const char *kind,
    int english, int max, struct acct_unit **out, size_t *n)
{
	char		 lim[16];
	const char	*p[3] = { kind, english ? "en" : "vi", INT(lim, max + 1) };

	return unit_rows(db, a, ACCT_UNIT_PICK, p, out, n);
}
