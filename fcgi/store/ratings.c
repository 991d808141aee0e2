/*
 * ratings.c - the ratings family of statements: see ratings.h.
 */
#include <inttypes.h>
#include <string.h>

#include "base/arena.h"
#include "ratings.h"
#include "store_int.h"

static const struct stmt stmts[RATINGS__MAX] = {
	/*
	 * The rating and its event, as CHANGES_UPDATE (changes.c): no
	 * row when the dossier is not the applicant's, not closed
	 * (completed_at), withdrawn (status 7) or rated already.  The
	 * event's actor is the applicant, a citizen.
	 */
	[RATINGS_RATE] = { "ratings_rate",
	    "WITH d AS (UPDATE dossiers SET rating = $3, rating_comment = $4, "
	    "rated_at = to_timestamp($5::bigint), rev = rev + 1 "
	    "WHERE id = $1::bigint AND applicant_id = $2::bigint AND "
	    "rating IS NULL AND completed_at IS NOT NULL AND status <> 7 "
	    "RETURNING id, state, holder_unit_id), "
	    "e AS (INSERT INTO dossier_events (dossier_id, at, actor_id, "
	    "actor_kind, action, from_state, to_state, holder_unit_id) "
	    "SELECT d.id, to_timestamp($5::bigint), $2::bigint, 'citizen', "
	    "'rate', d.state, d.state, d.holder_unit_id FROM d RETURNING id) "
	    "SELECT e.id FROM e", 5, 0 },
};

const struct family ratings_family = { stmts, RATINGS__MAX };

enum db_status
ratings_rate(struct db *db, struct arena *a, const struct dossier_rating *rt,
    const struct audit_entry *ae, int *changed)
{
	const char	*p[5];
	PGresult	*res;
	enum db_status	 rc;

	p[0] = arena_printf(a, "%" PRId64, rt->id);
	p[1] = arena_printf(a, "%" PRId64, rt->applicant_id);
	p[2] = rt->rating;
	p[3] = rt->comment;
	p[4] = arena_printf(a, "%" PRId64, rt->at);
	*changed = 0;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_exec_arena(db, NULL, &stmts[RATINGS_RATE], p,
	    &res)) != DB_OK)
		goto fail;
	*changed = PQntuples(res) == 1;
	PQclear(res);
	return audit_commit(db, ae, changed);
fail:
	db_rollback(db);
	return rc;
}
