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

enum db_status
audit_add(struct db *db, const struct audit_entry *e)
{
	char		 actor[24];
	const char	*p[7];
	PGresult	*res;
	enum db_status	 rc;

	snprintf(actor, sizeof(actor), "%" PRId64, e->actor_id);
	p[0] = e->actor_id != 0 ? actor : NULL;
	p[1] = e->actor_kind != NULL ? e->actor_kind : "anonymous";
	p[2] = e->action;
	p[3] = e->object;
	p[4] = e->detail_json;
	p[5] = e->request_id;
	p[6] = e->ip;
	if ((rc = db_exec(db, &stmts[AUDIT_ADD], p, &res)) == DB_OK)
		PQclear(res);
	return rc;
}

enum db_status
audit_commit(struct db *db, const struct audit_entry *e, int *changed)
{
	enum db_status	rc;

	if (!*changed) {
		db_rollback(db);
		return DB_OK;
	}
	if ((rc = audit_add(db, e)) != DB_OK) {
		db_rollback(db);
		*changed = 0;
		return rc;
	}
	if ((rc = db_commit(db)) != DB_OK)
		*changed = 0;
	return rc;
}
