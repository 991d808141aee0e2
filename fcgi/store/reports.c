/*
 * reports.c - the reports family of statements: see reports.h.
 */
#include <string.h>

#include "base/arena.h"
#include "reports.h"
#include "store_int.h"

static const struct stmt stmts[REPORTS__MAX] = {
	[REPORTS_FACTS] = { "reports_facts",
	    "SELECT service, channel, carried, done, status, day_cmp, "
	    "after_due, overdue, paused, supplements, e_result, has_fee, "
	    "paid, files, rating, n, work FROM report_facts($1::bigint, "
	    "$2::boolean, to_timestamp($3::bigint), to_timestamp($4::bigint), "
	    "$5, $6::text[], $7::text[], $8::text[], $9::text[])", 9, 1 },
	[REPORTS_WITHIN] = { "reports_within",
	    "SELECT unit_within($1::bigint, $2::bigint)", 2, 1 },
};

const struct family reports_family = { stmts, REPORTS__MAX };

/* The columns of REPORTS_FACTS, in its order. */
enum { C_SERVICE, C_CHANNEL, C_CARRIED, C_DONE, C_STATUS, C_DAY_CMP,
	C_AFTER_DUE, C_OVERDUE, C_PAUSED, C_SUPP, C_E_RESULT, C_FEE, C_PAID,
	C_FILES, C_RATING, C_N, C_WORK, C__MAX };

static int
yes(const PGresult *res, int row, int col)
{
	const char	*s = db_col(res, row, col);

	return s != NULL && s[0] == 't';
}

enum db_status
reports_facts(struct db *db, struct arena *a, const struct report_query *q,
    struct report_group **out, size_t *n)
{
	const char		*p[9];
	struct report_group	*g;
	PGresult		*res;
	enum db_status		 rc;
	int			 i, rows;

	*out = NULL;
	*n = 0;
	p[0] = db_i64(a, q->unit_id);
	p[1] = q->subunits ? "true" : "false";
	p[2] = db_i64(a, q->from);
	p[3] = db_i64(a, q->to);
	p[4] = q->service;
	p[5] = db_text_array(a, q->roles, q->nroles);
	p[6] = db_text_array(a, q->supplement, q->nsupplement);
	p[7] = db_text_array(a, q->fee, q->nfee);
	p[8] = db_text_array(a, q->result, q->nresult);
	if ((rc = db_exec_arena(db, a, &stmts[REPORTS_FACTS], p, &res)) !=
	    DB_OK)
		return rc;
	if (PQnfields(res) != C__MAX)
		return DB_ERROR;
	rows = PQntuples(res);
	g = arena_calloc(a, rows > 0 ? (size_t)rows : 1, sizeof(*g));
	for (i = 0; i < rows; i++) {
		g[i].service = db_col(res, i, C_SERVICE);
		g[i].channel = (int)db_col_i64(res, i, C_CHANNEL);
		g[i].carried = yes(res, i, C_CARRIED);
		g[i].done = yes(res, i, C_DONE);
		g[i].status = (int)db_col_i64(res, i, C_STATUS);
		g[i].has_due = db_col(res, i, C_DAY_CMP) != NULL;
		g[i].day_cmp = (int)db_col_i64(res, i, C_DAY_CMP);
		g[i].after_due = yes(res, i, C_AFTER_DUE);
		g[i].overdue = yes(res, i, C_OVERDUE);
		g[i].paused = yes(res, i, C_PAUSED);
		g[i].supplements = (int)db_col_i64(res, i, C_SUPP);
		g[i].e_result = yes(res, i, C_E_RESULT);
		g[i].has_fee = yes(res, i, C_FEE);
		g[i].paid = yes(res, i, C_PAID);
		g[i].files = yes(res, i, C_FILES);
		g[i].rating = db_col(res, i, C_RATING);
		g[i].n = db_col_i64(res, i, C_N);
		g[i].work_seconds = db_col_i64(res, i, C_WORK);
	}
	*out = g;
	*n = (size_t)rows;
	return DB_OK;
}

enum db_status
reports_within(struct db *db, struct arena *a, int64_t unit, int64_t above,
    int *ok)
{
	const char	*p[2];
	PGresult	*res;
	enum db_status	 rc;

	*ok = 0;
	p[0] = db_i64(a, unit);
	p[1] = db_i64(a, above);
	if ((rc = db_exec_arena(db, a, &stmts[REPORTS_WITHIN], p, &res)) !=
	    DB_OK)
		return rc;
	*ok = PQntuples(res) == 1 && yes(res, 0, 0);
	return DB_OK;
}
