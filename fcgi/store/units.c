/*
 * units.c - the units family of statements: see units.h.
 *
 * Results are tied to the caller's arena (PQclear at its reset), so the
 * strings handed back point into them.  Units' kinds are spelt
 * "district_office" in the table and "district-office" in the
 * definitions (core's unit_kind_names): converted here.
 */
#include <string.h>

#include "base/arena.h"
#include "units.h"
#include "store_int.h"

#define UNIT_COLS "id, code, replace(kind, '_', '-'), parent_id, name_vi, " \
	"name_en"

static const struct stmt stmts[UNITS__MAX] = {
	[UNITS_BY_CODE] = { "units_by_code",
	    "SELECT " UNIT_COLS " FROM units WHERE code = $1", 1, 1 },
	[UNITS_BY_ID] = { "units_by_id",
	    "SELECT " UNIT_COLS " FROM units WHERE id = $1::bigint", 1, 1 },
	[UNITS_OF_KIND] = { "units_of_kind",
	    "SELECT " UNIT_COLS " FROM units "
	    "WHERE kind = replace($1, '-', '_') ORDER BY id LIMIT 2", 1, 1 },
	[UNITS_BY_CODES] = { "units_by_codes",
	    "SELECT " UNIT_COLS " FROM units WHERE code = ANY ($1::text[])",
	    1, 1 },
};

const struct family units_family = { stmts, UNITS__MAX };

static void
unit_row(const PGresult *res, int row, struct unit *u)
{
	u->id = db_col_i64(res, row, 0);
	u->code = db_col(res, row, 1);
	u->kind = db_col(res, row, 2);
	u->parent_id = db_col_i64(res, row, 3);
	u->name_vi = db_col(res, row, 4);
	u->name_en = db_col(res, row, 5);
}

static enum db_status
one_unit(struct db *db, struct arena *a, enum units_stmt s,
    const char *param, struct unit *u, int exactly_one)
{
	const char	*p[1] = { param };
	PGresult	*res;
	enum db_status	 rc;

	memset(u, 0, sizeof(*u));
	if ((rc = db_exec_arena(db, a, &stmts[s], p, &res)) != DB_OK)
		return rc;
	if (PQntuples(res) == 1 || (!exactly_one && PQntuples(res) > 0))
		unit_row(res, 0, u);
	return DB_OK;
}

enum db_status
units_by_code(struct db *db, struct arena *a, const char *code,
    struct unit *u)
{
	return one_unit(db, a, UNITS_BY_CODE, code, u, 0);
}

enum db_status
units_by_id(struct db *db, struct arena *a, int64_t id,
    struct unit *u)
{
	return one_unit(db, a, UNITS_BY_ID, db_i64(a, id), u, 0);
}

enum db_status
units_of_kind(struct db *db, struct arena *a, const char *kind,
    struct unit *u)
{
	return one_unit(db, a, UNITS_OF_KIND, kind, u, 1);
}

enum db_status
units_by_codes(struct db *db, struct arena *a, const char *const *codes,
    size_t ncodes, struct unit **out, size_t *n)
{
	const char	*p[1] = { db_text_array(a, codes, ncodes) };
	PGresult	*res;
	enum db_status	 rc;
	int		 i;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec_arena(db, a, &stmts[UNITS_BY_CODES], p, &res)) !=
	    DB_OK)
		return rc;
	*out = arena_calloc(a, (size_t)PQntuples(res) + 1, sizeof(**out));
	for (i = 0; i < PQntuples(res); i++)
		unit_row(res, i, &(*out)[i]);
	*n = (size_t)PQntuples(res);
	return DB_OK;
}
