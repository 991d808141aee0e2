/*
 * timers.c - the timers family of statements (timers.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "audit.h"
#include "jobs.h"
#include "timers.h"
#include "store_int.h"

static const struct stmt stmts[TIMERS__MAX] = {
	[TIMERS_HOLDERS] = { "timers_holders",
	    "SELECT u.id FROM users u JOIN staff_roles r ON r.user_id = u.id "
	    "WHERE u.unit_id = $1::bigint AND r.role = $2 AND "
	    "u.kind = 'staff' AND u.disabled_at IS NULL ORDER BY u.id",
	    2, 1 },
	/* The system's event: the dossier stays in its state, with its
	 * holder (no row when it is no longer in that state). */
	[TIMERS_EVENT] = { "timers_event",
	    "INSERT INTO dossier_events (dossier_id, at, actor_id, "
	    "actor_kind, action, from_state, to_state, holder_unit_id) "
	    "SELECT d.id, to_timestamp($2::bigint), NULL, 'system', $3, "
	    "d.state, d.state, d.holder_unit_id FROM dossiers d "
	    "WHERE d.id = $1::bigint AND d.state = $4 AND "
	    "d.completed_at IS NULL RETURNING id", 4, 0 },
	[TIMERS_ESCALATE] = { "timers_escalate",
	    "UPDATE dossiers SET escalated_at = to_timestamp($2::bigint) "
	    "WHERE id = $1::bigint AND escalated_at IS NULL", 2, 0 },
};

const struct family timers_family = { stmts, TIMERS__MAX };

enum db_status
timers_fire(struct db *db, struct arena *a, const struct timer_fire *f,
    const struct audit_entry *ae, int *fired)
{
	const char	*p[4], *at;
	PGresult	*res;
	enum db_status	 rc;
	int64_t		 event_id;
	int		 added;

	*fired = 0;
	at = db_i64(a, f->at);
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	p[0] = db_i64(a, f->dossier_id);
	p[1] = at;
	p[2] = f->action;
	p[3] = f->state;
	if ((rc = db_exec_arena(db, NULL, &stmts[TIMERS_EVENT], p,
	    &res)) != DB_OK)
		goto fail;
	event_id = PQntuples(res) == 1 ? db_col_i64(res, 0, 0) : 0;
	PQclear(res);
	if (event_id == 0)
		goto none;
	if ((rc = jobs_enqueue_new(db, "notify", f->payload(f->arg, event_id),
	    f->notify_key, f->at, &added)) != DB_OK)
		goto fail;
	if (!added)
		goto none;
	if (f->escalate && (rc = db_exec_only(db, &stmts[TIMERS_ESCALATE],
	    p)) != DB_OK)
		goto fail;
	*fired = 1;
	return audit_commit(db, ae, fired);
none:
	db_rollback(db);
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}

enum db_status
timers_holders(struct db *db, struct arena *a, int64_t unit_id,
    const char *role, int64_t **ids, size_t *n)
{
	const char	*p[2];
	PGresult	*res;
	enum db_status	 rc;
	int		 i, nt;

	*ids = NULL;
	*n = 0;
	p[0] = db_i64(a, unit_id);
	p[1] = role;
	if ((rc = db_exec_arena(db, a, &stmts[TIMERS_HOLDERS], p,
	    &res)) != DB_OK)
		return rc;
	nt = PQntuples(res);
	*ids = arena_calloc(a, (size_t)nt + 1, sizeof(**ids));
	for (i = 0; i < nt; i++)
		(*ids)[i] = db_col_i64(res, i, 0);
	*n = (size_t)nt;
	return DB_OK;
}
