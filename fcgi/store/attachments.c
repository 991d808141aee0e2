/*
 * attachments.c - the attachments family of statements: see
 * attachments.h.
 */
#include <inttypes.h>
#include <string.h>

#include "attachments.h"
#include "base/arena.h"
#include "store_int.h"

static const struct stmt stmts[ATTACHMENTS__MAX] = {
	/* By the dossier and the id: another dossier's id finds nothing.
	 * The content (hex) only up to the bound $3. */
	[ATTACHMENTS_ONE] = { "attachments_one",
	    "SELECT id, field, filename, mime, size, sha256, CASE WHEN size "
	    "<= $3::bigint THEN encode(content, 'hex') END FROM attachments "
	    "WHERE dossier_id = $1::bigint AND id = $2::bigint", 3, 1 },
};

const struct family attachments_family = { stmts, ATTACHMENTS__MAX };

enum db_status
attachments_one(struct db *db, struct arena *a, int64_t dossier_id,
    int64_t id, int64_t max, struct attachment *at)
{
	const char	*p[3];
	PGresult	*res;
	enum db_status	 rc;
	size_t		 len;

	memset(at, 0, sizeof(*at));
	p[0] = arena_printf(a, "%" PRId64, dossier_id);
	p[1] = arena_printf(a, "%" PRId64, id);
	p[2] = arena_printf(a, "%" PRId64, max);
	if ((rc = db_exec_arena(db, a, &stmts[ATTACHMENTS_ONE], p,
	    &res)) != DB_OK)
		return rc;
	if (PQntuples(res) != 1)
		return DB_OK;
	at->id = db_col_i64(res, 0, 0);
	at->field = db_col(res, 0, 1);
	at->filename = db_col(res, 0, 2);
	at->mime = db_col(res, 0, 3);
	at->size = db_col_i64(res, 0, 4);
	at->sha256 = db_col(res, 0, 5);
	at->content = db_col_hex(a, res, 0, 6, &len);
	if (at->content != NULL && (int64_t)len != at->size)
		return DB_ERROR;
	return DB_OK;
}
