/*
 * audit.c - the audit family of statements: see audit.h.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "store_int.h"

#define AUDIT_NPARAMS	9

static const struct stmt stmts[AUDIT__MAX] = {
	[AUDIT_ADD] = { "audit_add",
	    "INSERT INTO audit_log (actor_id, actor_kind, action, object, "
	    "detail, request_id, ip, actor_unit_id, actor_role) VALUES "
	    "($1::bigint, $2, $3, $4, $5::jsonb, $6, $7, $8::bigint, $9)",
	    AUDIT_NPARAMS, 0 },
	/* The count of this minute, or 1 in a new one; the rows of
	 * addresses quiet for a day go. */
	[AUDIT_REFUSAL_COUNT] = { "audit_refusal_count",
	    "WITH old AS (DELETE FROM refusal_counts WHERE minute < "
	    "now() - interval '1 day' AND address <> $1) "
	    "INSERT INTO refusal_counts AS c (address, minute, n) "
	    "VALUES ($1, date_trunc('minute', now()), 1) "
	    "ON CONFLICT (address) DO UPDATE SET minute = excluded.minute, "
	    "n = CASE WHEN c.minute = excluded.minute THEN c.n + 1 ELSE 1 "
	    "END RETURNING n", 1, 0 },
};

const struct family audit_family = { stmts, AUDIT__MAX };

/* The length of s cut to at most max bytes, at a character's start. */
static size_t
cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

/* s, or its first AUDIT_TEXT_MAX bytes or fewer in buf. */
static const char *
bounded(const char *s, char buf[AUDIT_TEXT_MAX + 1])
{
	size_t	len;

	if (s == NULL || (len = strlen(s)) <= AUDIT_TEXT_MAX)
		return s;
	len = cut(s, len, AUDIT_TEXT_MAX);
	memcpy(buf, s, len);
	buf[len] = '\0';
	return buf;
}

/* Every string in v cut to AUDIT_TEXT_MAX bytes (jansson bounds the
 * depth of what it parsed). */
static void
cut_strings(json_t *v)
{
	const char	*k, *s;
	json_t		*x;
	size_t		 i, len;

	if (json_is_string(v)) {
		s = json_string_value(v);
		len = json_string_length(v);
		if (len > AUDIT_TEXT_MAX)
			json_string_setn(v, s, cut(s, len, AUDIT_TEXT_MAX));
	} else if (json_is_object(v)) {
		json_object_foreach(v, k, x)
			cut_strings(x);
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			cut_strings(x);
	}
}

/* The detail as stored: a short one as it is (no string in it can be
 * too long), a longer one with its strings cut (*mem to free). */
static const char *
bounded_detail(const char *d, char **mem)
{
	json_t	*j;

	*mem = NULL;
	if (d == NULL || strlen(d) <= AUDIT_TEXT_MAX)
		return d;
	if ((j = json_loads(d, JSON_REJECT_DUPLICATES, NULL)) == NULL)
		return d;		/* refused by the database: DB_ERROR */
	cut_strings(j);
	*mem = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (*mem == NULL)
		abort();
	return strlen(*mem) <= AUDIT_DETAIL_MAX ? *mem :
	    "{\"truncated\":true}";
}

/*
 * The statement's parameters, bounded; actor and obj are their buffers,
 * *mem a detail to free after the statement.
 */
static void
params(const struct audit_entry *e, char actor[48],
    char obj[AUDIT_TEXT_MAX + 1], char **mem, const char *p[AUDIT_NPARAMS])
{
	snprintf(actor, 24, "%" PRId64, e->actor_id);
	snprintf(actor + 24, 24, "%" PRId64, e->unit_id);
	p[0] = e->actor_id != 0 ? actor : NULL;
	p[1] = e->actor_kind != NULL ? e->actor_kind : "anonymous";
	p[2] = e->action;
	p[3] = bounded(e->object, obj);
	p[4] = bounded_detail(e->detail_json, mem);
	p[5] = e->request_id;
	p[6] = e->ip;
	p[7] = e->unit_id != 0 ? actor + 24 : NULL;
	p[8] = e->role != NULL && strlen(e->role) <= AUDIT_TEXT_MAX ?
	    e->role : NULL;
}

enum db_status
audit_add(struct db *db, const struct audit_entry *e)
{
	char		 actor[48], obj[AUDIT_TEXT_MAX + 1], *mem;
	const char	*p[AUDIT_NPARAMS];
	enum db_status	 rc;

	params(e, actor, obj, &mem, p);
	rc = db_exec_only(db, &stmts[AUDIT_ADD], p);
	free(mem);
	return rc;
}

enum db_status
audit_commit(struct db *db, const struct audit_entry *e, int *changed)
{
	char		 actor[48], obj[AUDIT_TEXT_MAX + 1], *mem;
	const char	*p[AUDIT_NPARAMS];
	enum db_status	 rc;

	if (!*changed) {
		db_rollback(db);
		return DB_OK;
	}
	params(e, actor, obj, &mem, p);
	/* The entry and the COMMIT in one round trip. */
	if ((rc = db_exec_commit(db, &stmts[AUDIT_ADD], p)) != DB_OK)
		*changed = 0;
	free(mem);
	return rc;
}

enum db_status
audit_refusal_count(struct db *db, const char *address, int *n)
{
	const char	*p[1] = { address };
	PGresult	*res;
	enum db_status	 rc;

	*n = 0;
	if ((rc = db_exec(db, &stmts[AUDIT_REFUSAL_COUNT], p, &res)) != DB_OK)
		return rc;
	if (PQntuples(res) == 1)
		*n = (int)db_col_i64(res, 0, 0);
	else
		rc = DB_ERROR;
	PQclear(res);
	return rc;
}
