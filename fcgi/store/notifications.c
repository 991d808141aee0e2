/*
 * notifications.c - the notifications family of statements: see
 * notifications.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "notifications.h"
#include "store_int.h"

enum {
	NOTIF_RECIPIENT,
	NOTIF_ADD,
	NOTIF_OF_DOSSIER,
	NOTIF_OF_ACCOUNT,
	NOTIF_DUE,
	NOTIF_CLAIM,
	NOTIF_DONE,
	CODES_SINCE,
	CODES_USE_ALL,
	CODES_ADD,
	CODES_LAST,
	CODES_TRY,
	CODES_CONFIRM,
	ACCT_SET_LANG,
	CODES_DEMO_CONFIRM,
	NOTIF__MAX
};

#define NOTIF_COLS \
	"id, coalesce(dossier_id, 0), coalesce(event_id, 0), account_id, " \
	"channel, address, lang, kind, subject, body, message_id, state, " \
	"attempts, last_error, extract(epoch FROM created_at)::bigint, " \
	"coalesce(extract(epoch FROM sent_at)::bigint, 0) FROM notifications "
#define NOTIF_NCOLS 16

static const struct stmt stmts[NOTIF__MAX] = {
	[NOTIF_RECIPIENT] = { "notif_recipient",
	    "SELECT full_name, phone, email, lang, "
	    "(phone_confirmed_at IS NOT NULL)::int, "
	    "(email_confirmed_at IS NOT NULL)::int FROM users "
	    "WHERE id = $1::bigint", 1, 1 },
	[NOTIF_ADD] = { "notif_add",
	    "INSERT INTO notifications (dossier_id, event_id, account_id, "
	    "channel, address, lang, kind, subject, body, message_id, "
	    "created_at, next_at) VALUES (nullif($1::bigint, 0), "
	    "nullif($2::bigint, 0), $3::bigint, $4, $5, $6, $7, $8, $9, "
	    "$10 || '@' || $11, to_timestamp($12::bigint), "
	    "to_timestamp($12::bigint)) RETURNING id, message_id", 12, 0 },
	[NOTIF_OF_DOSSIER] = { "notif_of_dossier",
	    "SELECT " NOTIF_COLS "WHERE dossier_id = $1::bigint ORDER BY id",
	    1, 1 },
	[NOTIF_OF_ACCOUNT] = { "notif_of_account",
	    "SELECT " NOTIF_COLS "WHERE account_id = $1::bigint ORDER BY id",
	    1, 1 },
	[NOTIF_DUE] = { "notif_due",
	    "SELECT id FROM notifications WHERE state IN ('pending', "
	    "'retrying') AND next_at <= to_timestamp($1::bigint) "
	    "ORDER BY next_at, id LIMIT $2::int", 2, 1 },
	[NOTIF_CLAIM] = { "notif_claim",
	    "SELECT " NOTIF_COLS "WHERE id = $1::bigint AND state IN "
	    "('pending', 'retrying') FOR UPDATE SKIP LOCKED", 1, 0 },
	/* $3 NULL: sent.  Else one attempt more, retrying or failed. */
	[NOTIF_DONE] = { "notif_done",
	    "UPDATE notifications SET attempts = attempts + 1, "
	    "state = CASE WHEN $3::text IS NULL THEN 'sent' "
	    "WHEN attempts + 1 >= $5::int THEN 'failed' ELSE 'retrying' END, "
	    "sent_at = CASE WHEN $3::text IS NULL "
	    "THEN to_timestamp($2::bigint) END, "
	    "last_error = left($3, 500), next_at = CASE WHEN $3::text IS NULL "
	    "THEN next_at ELSE to_timestamp($4::bigint) END "
	    "WHERE id = $1::bigint", 5, 0 },
	[CODES_SINCE] = { "codes_since",
	    "SELECT count(*) FROM contact_codes WHERE user_id = $1::bigint "
	    "AND channel = $2 AND created_at > to_timestamp($3::bigint)",
	    3, 1 },
	[CODES_USE_ALL] = { "codes_use_all",
	    "UPDATE contact_codes SET used_at = to_timestamp($3::bigint) "
	    "WHERE user_id = $1::bigint AND channel = $2 AND used_at IS NULL",
	    3, 0 },
	[CODES_ADD] = { "codes_add",
	    "INSERT INTO contact_codes (user_id, channel, salt, code_hash, "
	    "created_at, expires_at) VALUES ($1::bigint, $2, $3, "
	    "decode($4, 'hex'), to_timestamp($5::bigint), "
	    "to_timestamp($6::bigint))", 6, 0 },
	[CODES_LAST] = { "codes_last",
	    "SELECT id, salt, encode(code_hash, 'hex'), "
	    "extract(epoch FROM expires_at)::bigint, tries FROM contact_codes "
	    "WHERE user_id = $1::bigint AND channel = $2 AND used_at IS NULL "
	    "ORDER BY id DESC LIMIT 1", 2, 1 },
	[CODES_TRY] = { "codes_try",
	    "UPDATE contact_codes SET tries = tries + 1, used_at = CASE "
	    "WHEN $2::int = 1 OR tries + 1 >= 5 THEN to_timestamp($3::bigint) "
	    "END WHERE id = $1::bigint AND used_at IS NULL AND tries < 5",
	    3, 0 },
	[CODES_CONFIRM] = { "codes_confirm",
	    "UPDATE users SET "
	    "phone_confirmed_at = CASE WHEN $2 = 'sms' "
	    "THEN to_timestamp($3::bigint) ELSE phone_confirmed_at END, "
	    "email_confirmed_at = CASE WHEN $2 = 'email' "
	    "THEN to_timestamp($3::bigint) ELSE email_confirmed_at END "
	    "WHERE id = $1::bigint", 3, 0 },
	/* The demo's citizens, whose contacts are made up. */
	[CODES_DEMO_CONFIRM] = { "codes_demo_confirm",
	    "UPDATE users SET phone_confirmed_at = CASE WHEN phone IS NOT NULL "
	    "THEN coalesce(phone_confirmed_at, now()) END, "
	    "email_confirmed_at = CASE WHEN email IS NOT NULL "
	    "THEN coalesce(email_confirmed_at, now()) END "
	    "WHERE cccd = $1 AND kind = 'citizen'", 1, 0 },
	[ACCT_SET_LANG] = { "acct_set_lang",
	    "UPDATE users SET lang = $2 WHERE id = $1::bigint AND lang <> $2",
	    2, 0 },
};

const struct family notifications_family = { stmts, NOTIF__MAX };

static void
row(const PGresult *res, int i, struct notification *n)
{
	n->id = db_col_i64(res, i, 0);
	n->dossier_id = db_col_i64(res, i, 1);
	n->event_id = db_col_i64(res, i, 2);
	n->account_id = db_col_i64(res, i, 3);
	n->channel = db_col(res, i, 4);
	n->address = db_col(res, i, 5);
	n->lang = db_col(res, i, 6);
	n->kind = db_col(res, i, 7);
	n->subject = db_col(res, i, 8);
	n->body = db_col(res, i, 9);
	n->message_id = db_col(res, i, 10);
	n->state = db_col(res, i, 11);
	n->attempts = (int)db_col_i64(res, i, 12);
	n->last_error = db_col(res, i, 13);
	n->created_at = db_col_i64(res, i, 14);
	n->sent_at = db_col_i64(res, i, 15);
}

enum db_status
notifications_recipient(struct db *db, struct arena *a, int64_t account_id,
    struct recipient *r, int *found)
{
	const char	*p[1];
	PGresult	*res;
	enum db_status	 rc;

	memset(r, 0, sizeof(*r));
	*found = 0;
	p[0] = db_i64(a, account_id);
	if ((rc = db_exec_arena(db, a, &stmts[NOTIF_RECIPIENT], p,
	    &res)) != DB_OK)
		return rc;
	if (PQntuples(res) != 1)
		return DB_OK;
	*found = 1;
	r->full_name = db_col(res, 0, 0);
	r->phone = db_col(res, 0, 1);
	r->email = db_col(res, 0, 2);
	r->lang = db_col(res, 0, 3);
	r->phone_confirmed = (int)db_col_i64(res, 0, 4);
	r->email_confirmed = (int)db_col_i64(res, 0, 5);
	return DB_OK;
}

enum db_status
notifications_add(struct db *db, struct arena *a, struct notification *n,
    const char *seed, const char *domain)
{
	const char	*p[12];
	PGresult	*res;
	enum db_status	 rc;

	p[0] = db_i64(a, n->dossier_id);
	p[1] = db_i64(a, n->event_id);
	p[2] = db_i64(a, n->account_id);
	p[3] = n->channel;
	p[4] = n->address;
	p[5] = n->lang;
	p[6] = n->kind;
	p[7] = n->subject;
	p[8] = n->body;
	p[9] = seed;
	p[10] = domain;
	p[11] = db_i64(a, n->created_at);
	if ((rc = db_exec_arena(db, a, &stmts[NOTIF_ADD], p, &res)) != DB_OK)
		return rc;
	if (PQntuples(res) != 1)
		return DB_ERROR;
	n->id = db_col_i64(res, 0, 0);
	n->message_id = db_col(res, 0, 1);
	return DB_OK;
}

enum db_status
notifications_of(struct db *db, struct arena *a, int64_t dossier_id,
    int64_t account_id, struct notification **out, size_t *nout)
{
	const char	*p[1];
	PGresult	*res;
	enum db_status	 rc;
	int		 i, n;

	*out = NULL;
	*nout = 0;
	p[0] = db_i64(a, dossier_id != 0 ? dossier_id : account_id);
	if ((rc = db_exec_arena(db, a, &stmts[dossier_id != 0 ?
	    NOTIF_OF_DOSSIER : NOTIF_OF_ACCOUNT], p, &res)) != DB_OK)
		return rc;
	if (PQnfields(res) != NOTIF_NCOLS)
		return DB_ERROR;
	n = PQntuples(res);
	*out = arena_calloc(a, (size_t)n + 1, sizeof(**out));
	for (i = 0; i < n; i++)
		row(res, i, &(*out)[i]);
	*nout = (size_t)n;
	return DB_OK;
}

enum db_status
notifications_due(struct db *db, struct arena *a, int64_t now, size_t max,
    int64_t **ids, size_t *nids)
{
	const char	*p[2];
	PGresult	*res;
	enum db_status	 rc;
	int		 i, n;

	*ids = NULL;
	*nids = 0;
	p[0] = db_i64(a, now);
	p[1] = db_i64(a, (int64_t)max);
	if ((rc = db_exec_arena(db, a, &stmts[NOTIF_DUE], p, &res)) != DB_OK)
		return rc;
	n = PQntuples(res);
	*ids = arena_calloc(a, (size_t)n + 1, sizeof(**ids));
	for (i = 0; i < n; i++)
		(*ids)[i] = db_col_i64(res, i, 0);
	*nids = (size_t)n;
	return DB_OK;
}

enum db_status
notifications_claim(struct db *db, struct arena *a, int64_t id,
    struct notification *n, int *found)
{
	const char	*p[1];
	PGresult	*res;
	enum db_status	 rc;

	memset(n, 0, sizeof(*n));
	*found = 0;
	p[0] = db_i64(a, id);
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_exec_arena(db, a, &stmts[NOTIF_CLAIM], p,
	    &res)) != DB_OK)
		goto fail;
	if (PQnfields(res) != NOTIF_NCOLS) {
		rc = DB_ERROR;
		goto fail;
	}
	if (PQntuples(res) != 1)
		return db_commit(db);
	row(res, 0, n);
	*found = 1;
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}

enum db_status
notifications_done(struct db *db, struct arena *a, int64_t id, int64_t now,
    const char *error, int64_t next_at, int max)
{
	const char	*p[5];

	p[0] = db_i64(a, id);
	p[1] = db_i64(a, now);
	p[2] = error;
	p[3] = db_i64(a, next_at);
	p[4] = db_i64(a, max);
	return db_exec_commit(db, &stmts[NOTIF_DONE], p);
}

/* ---- contact codes ------------------------------------------------ */

enum db_status
contact_codes_since(struct db *db, int64_t user_id, const char *channel,
    int64_t since, int *n)
{
	char		 u[24], s[24];
	const char	*p[3] = { u, channel, s };
	PGresult	*res;
	enum db_status	 rc;

	*n = 0;
	snprintf(u, sizeof(u), "%lld", (long long)user_id);
	snprintf(s, sizeof(s), "%lld", (long long)since);
	if ((rc = db_exec(db, &stmts[CODES_SINCE], p, &res)) != DB_OK)
		return rc;
	*n = (int)db_col_i64(res, 0, 0);
	PQclear(res);
	return DB_OK;
}

enum db_status
contact_code_add(struct db *db, struct arena *a, int64_t user_id,
    const char *channel, const char *salt, const unsigned char hash[32],
    int64_t now, int64_t expires)
{
	const char	*p[6];
	enum db_status	 rc;

	p[0] = db_i64(a, user_id);
	p[1] = channel;
	p[2] = db_i64(a, now);
	if ((rc = db_exec_only(db, &stmts[CODES_USE_ALL], p)) != DB_OK)
		return rc;
	p[2] = salt;
	p[3] = db_hex(a, hash, 32);
	p[4] = db_i64(a, now);
	p[5] = db_i64(a, expires);
	return db_exec_only(db, &stmts[CODES_ADD], p);
}

enum db_status
contact_code_last(struct db *db, struct arena *a, int64_t user_id,
    const char *channel, struct contact_code *c, int *found)
{
	const char	*p[2];
	PGresult	*res;
	enum db_status	 rc;

	memset(c, 0, sizeof(*c));
	*found = 0;
	p[0] = db_i64(a, user_id);
	p[1] = channel;
	if ((rc = db_exec_arena(db, a, &stmts[CODES_LAST], p, &res)) != DB_OK)
		return rc;
	if (PQntuples(res) != 1)
		return DB_OK;
	*found = 1;
	c->id = db_col_i64(res, 0, 0);
	c->salt = db_col(res, 0, 1);
	db_unhex(db_col(res, 0, 2), c->hash, 32);
	c->expires_at = db_col_i64(res, 0, 3);
	c->tries = (int)db_col_i64(res, 0, 4);
	return DB_OK;
}

enum db_status
contact_code_try(struct db *db, struct arena *a, int64_t id, int64_t user_id,
    const char *channel, int ok, int64_t now)
{
	const char	*p[3];
	enum db_status	 rc;

	p[0] = db_i64(a, id);
	p[1] = ok ? "1" : "0";
	p[2] = db_i64(a, now);
	if (!ok)
		return db_exec_only(db, &stmts[CODES_TRY], p);
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_exec_only(db, &stmts[CODES_TRY], p)) != DB_OK)
		goto fail;
	p[0] = db_i64(a, user_id);
	p[1] = channel;
	return db_exec_commit(db, &stmts[CODES_CONFIRM], p);
fail:
	db_rollback(db);
	return rc;
}

enum db_status
accounts_set_lang(struct db *db, struct arena *a, int64_t user_id,
    const char *lang)
{
	const char	*p[2];

	p[0] = db_i64(a, user_id);
	p[1] = lang;
	return db_exec_only(db, &stmts[ACCT_SET_LANG], p);
}

enum db_status
contact_demo_confirm(struct db *db, const char *cccd)
{
	const char	*p[1] = { cccd };

	return db_exec_only(db, &stmts[CODES_DEMO_CONFIRM], p);
}
