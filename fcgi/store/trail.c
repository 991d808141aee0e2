/*
 * trail.c - the trail family of statements: see trail.h.
 */
#include <libpq-fe.h>
#include <string.h>

#include "base/arena.h"
#include "trail.h"
#include "store_int.h"

static const struct stmt stmts[TRAIL__MAX] = {
	[TRAIL_SEARCH] = { "trail_search",
	    "SELECT id, at, actor_id, actor_login, actor_name, actor_kind, "
	    "actor_unit, actor_role, action, object, detail, request_id, ip "
	    "FROM audit_search($1, $2, $3, $4, $5::bigint, $6::bigint, "
	    "$7::bigint, $8::int)", 8, 1 },
};

const struct family trail_family = { stmts, TRAIL__MAX };

/* The result's columns, looked up by name so that a changed SELECT
 * fails loudly. */
enum { C_ID, C_AT, C_AID, C_LOGIN, C_NAME, C_KIND, C_UNIT, C_ROLE, C_ACTION,
    C_OBJECT, C_DETAIL, C_RID, C_IP, C__MAX };
static const char *const cols[C__MAX] = {
	"id", "at", "actor_id", "actor_login", "actor_name", "actor_kind",
	"actor_unit", "actor_role", "action", "object", "detail",
	"request_id", "ip",
};

enum db_status
trail_search(struct db *db, struct arena *a, const struct trail_filter *f,
    struct trail_entry **out, size_t *n)
{
	const char		*p[8];
	int			 c[C__MAX], i, k, rows;
	struct trail_entry	*v;
	PGresult		*res;
	enum db_status		 rc;

	*out = NULL;
	*n = 0;
	p[0] = f->object;
	p[1] = f->actor;
	p[2] = f->unit;
	p[3] = f->action;
	p[4] = f->from != 0 ? db_i64(a, f->from) : NULL;
	p[5] = f->to != 0 ? db_i64(a, f->to) : NULL;
	p[6] = f->after != 0 ? db_i64(a, f->after) : NULL;
	p[7] = db_i64(a, f->limit);
	if ((rc = db_exec_arena(db, a, &stmts[TRAIL_SEARCH], p, &res)) != DB_OK)
		return rc;
	for (k = 0; k < C__MAX; k++)
		if ((c[k] = PQfnumber(res, cols[k])) < 0)
			return DB_ERROR;
	rows = PQntuples(res);
	v = arena_calloc(a, rows > 0 ? (size_t)rows : 1, sizeof(*v));
	for (i = 0; i < rows; i++) {
		v[i].id = db_col_i64(res, i, c[C_ID]);
		v[i].at = db_col(res, i, c[C_AT]);
		v[i].actor_id = db_col_i64(res, i, c[C_AID]);
		v[i].actor_login = db_col(res, i, c[C_LOGIN]);
		v[i].actor_name = db_col(res, i, c[C_NAME]);
		v[i].actor_kind = db_col(res, i, c[C_KIND]);
		v[i].actor_unit = db_col(res, i, c[C_UNIT]);
		v[i].actor_role = db_col(res, i, c[C_ROLE]);
		v[i].action = db_col(res, i, c[C_ACTION]);
		v[i].object = db_col(res, i, c[C_OBJECT]);
		v[i].detail = db_col(res, i, c[C_DETAIL]);
		v[i].request_id = db_col(res, i, c[C_RID]);
		v[i].ip = db_col(res, i, c[C_IP]);
	}
	*out = v;
	*n = (size_t)rows;
	return DB_OK;
}
