/*
 * audit.c - the audit family of statements: see audit.h.
 */
#include <inttypes.h>
#include <stdio.h>

#include "audit.h"
#include "store_int.h"

static const struct stmt stmts[AUDIT__MAX] = {
	[AUDIT_ADD] = { "audit_add",
	    "INSERT INTO audit_log (actor_id, actor_kind, action, object, "
	    "detail, request_id, ip) VALUES ($1::bigint, $2, $3, $4, "
	    "$5::jsonb, $6, $7)", 7, 0 },
};

const struct family audit_family = { stmts, AUDIT__MAX };

/* The statement's parameters; actor is their buffer for the id. */
static void
params(const struct audit_entry *e, char actor[24], const char *p[7])
{
	snprintf(actor, 24, "%" PRId64, e->actor_id);
	p[0] = e->actor_id != 0 ? actor : NULL;
	p[1] = e->actor_kind != NULL ? e->actor_kind : "anonymous";
	p[2] = e->action;
	p[3] = e->object;
	p[4] = e->detail_json;
	p[5] = e->request_id;
	p[6] = e->ip;
}

enum db_status
audit_add(struct db *db, const struct audit_entry *e)
{
	char		 actor[24];
	const char	*p[7];

	params(e, actor, p);
	return db_exec_only(db, &stmts[AUDIT_ADD], p);
}

enum db_status
audit_commit(struct db *db, const struct audit_entry *e, int *changed)
{
	char		 actor[24];
	const char	*p[7];
	enum db_status	 rc;

	if (!*changed) {
		db_rollback(db);
		return DB_OK;
	}
	params(e, actor, p);
	/* The entry and the COMMIT in one round trip. */
	if ((rc = db_exec_commit(db, &stmts[AUDIT_ADD], p)) != DB_OK)
		*changed = 0;
	return rc;
}
