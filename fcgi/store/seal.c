/*
 * seal.c - the sealed trail's statements: see seal.h.
 *
 * "Finished" is pg_snapshot_xmin(pg_current_snapshot()): every
 * transaction with a lower id has committed or aborted, and every
 * transaction yet to write will get a higher id, so the entries below
 * it are final: none can still appear among them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "seal.h"
#include "store_int.h"

#define ENTRY_COLS \
	"a.id, to_char(a.at AT TIME ZONE 'UTC', " \
	"'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), a.actor_id, a.actor_kind, " \
	"a.action, a.object, a.detail::text, a.request_id, a.ip, " \
	"a.actor_unit_id, a.actor_role, a.xid::text"

static const struct stmt stmts[SEAL__MAX] = {
	[SEAL_LOCK] = { "seal_lock",
	    "SELECT pg_try_advisory_lock(hashtext('motcua-sealer'))", 0, 0 },
	[SEAL_LAST] = { "seal_last",
	    "SELECT s.seq, a.xid::text, s.entry_id FROM audit_seq s "
	    "LEFT JOIN audit_log a ON a.id = s.entry_id "
	    "ORDER BY s.seq DESC LIMIT 1", 0, 0 },
	[SEAL_LEAVES] = { "seal_leaves",
	    "SELECT encode(leaf_hash, 'hex') FROM audit_seq "
	    "WHERE seq >= $1::bigint ORDER BY seq LIMIT $2::bigint", 2, 0 },
	[SEAL_PENDING] = { "seal_pending",
	    "SELECT " ENTRY_COLS " FROM audit_log a "
	    "WHERE (a.xid, a.id) > ($1::xid8, $2::bigint) AND "
	    "a.xid < pg_snapshot_xmin(pg_current_snapshot()) "
	    "ORDER BY a.xid, a.id LIMIT $3::int", 3, 0 },
	[SEAL_APPEND] = { "seal_append",
	    "INSERT INTO audit_seq (seq, entry_id, leaf_hash) "
	    "SELECT $1::bigint + u.o - 1, u.e, decode(u.h, 'hex') "
	    "FROM unnest($2::bigint[], $3::text[]) WITH ORDINALITY "
	    "AS u(e, h, o)", 3, 0 },
	[SEAL_CHECKPOINT_ADD] = { "seal_checkpoint_add",
	    "INSERT INTO audit_checkpoints (size, root, note) "
	    "VALUES ($1::bigint, decode($2, 'hex'), $3)", 3, 0 },
	[SEAL_CHECKPOINT_LAST] = { "seal_checkpoint_last",
	    "SELECT coalesce(max(size), 0) FROM audit_checkpoints", 0, 0 },
	[SEAL_ENTRIES] = { "seal_entries",
	    "SELECT s.seq, s.entry_id, encode(s.leaf_hash, 'hex'), "
	    ENTRY_COLS " FROM audit_seq s "
	    "LEFT JOIN audit_log a ON a.id = s.entry_id "
	    "WHERE s.seq >= $1::bigint ORDER BY s.seq LIMIT $2::bigint", 2, 0 },
	[SEAL_CHECKPOINTS] = { "seal_checkpoints",
	    "SELECT size, encode(root, 'hex'), note FROM audit_checkpoints "
	    "ORDER BY size", 0, 0 },
	[SEAL_UNSEALED] = { "seal_unsealed",
	    "SELECT coalesce(min(a.id), 0) FROM audit_log a "
	    "WHERE (a.xid, a.id) <= ($1::xid8, $2::bigint) AND NOT EXISTS "
	    "(SELECT 1 FROM audit_seq s WHERE s.entry_id = a.id)", 2, 0 },
	[SEAL_LATEST] = { "seal_latest",
	    "SELECT size, encode(root, 'hex'), note FROM audit_checkpoints "
	    "ORDER BY size DESC LIMIT 1", 0, 1 },
};

const struct family seal_family = { stmts, SEAL__MAX };

enum db_status
seal_lock(struct db *db, int *got)
{
	PGresult	*res;
	enum db_status	 rc;

	*got = 0;
	if ((rc = db_exec(db, &stmts[SEAL_LOCK], NULL, &res)) != DB_OK)
		return rc;
	*got = PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	return DB_OK;
}

enum db_status
seal_last(struct db *db, struct arena *a, struct seal_pos *p)
{
	PGresult	*res;
	enum db_status	 rc;

	p->size = 0;
	p->xid = "0";
	p->id = 0;
	if ((rc = db_exec_arena(db, a, &stmts[SEAL_LAST], NULL, &res)) != DB_OK)
		return rc;
	if (PQntuples(res) == 0)
		return DB_OK;
	p->size = db_col_i64(res, 0, 0) + 1;
	p->xid = db_col(res, 0, 1);	/* NULL: the entry is gone */
	p->id = db_col_i64(res, 0, 2);
	return DB_OK;
}

enum db_status
seal_leaves(struct db *db, int64_t from, int64_t n, unsigned char (*out)[32],
    size_t *got)
{
	char		 f[24], m[24];
	const char	*p[2] = { f, m };
	PGresult	*res;
	enum db_status	 rc;
	int		 i;

	*got = 0;
	snprintf(f, sizeof(f), "%" PRId64, from);
	snprintf(m, sizeof(m), "%" PRId64, n);
	if ((rc = db_exec(db, &stmts[SEAL_LEAVES], p, &res)) != DB_OK)
		return rc;
	for (i = 0; i < PQntuples(res); i++)
		db_unhex(PQgetvalue(res, i, 0), out[i], 32);
	*got = (size_t)PQntuples(res);
	PQclear(res);
	return DB_OK;
}

/* Row i of res from column c on: an entry and its xid. */
static void
entry_of(PGresult *res, int i, int c, struct seal_entry *e)
{
	int	k;

	for (k = 0; k < SEAL_ENTRY_FIELDS; k++)
		e->f[k] = db_col(res, i, c + k);
	e->xid = db_col(res, i, c + SEAL_ENTRY_FIELDS);
	e->id = e->f[0] != NULL ? db_col_i64(res, i, c) : 0;
}

enum db_status
seal_pending(struct db *db, struct arena *a, const struct seal_pos *pos,
    int max, struct seal_entry **out, size_t *n)
{
	const char	*p[3];
	char		 m[16];
	PGresult	*res;
	enum db_status	 rc;
	int		 i;

	*out = NULL;
	*n = 0;
	snprintf(m, sizeof(m), "%d", max);
	p[0] = pos->xid;
	p[1] = db_i64(a, pos->id);
	p[2] = m;
	if ((rc = db_exec_arena(db, a, &stmts[SEAL_PENDING], p, &res)) != DB_OK)
		return rc;
	if (PQnfields(res) != SEAL_ENTRY_FIELDS + 1)
		return DB_ERROR;
	*out = arena_calloc(a, (size_t)PQntuples(res) + 1, sizeof(**out));
	for (i = 0; i < PQntuples(res); i++)
		entry_of(res, i, 0, &(*out)[i]);
	*n = (size_t)PQntuples(res);
	return DB_OK;
}

enum db_status
seal_append(struct db *db, struct arena *a, int64_t first,
    const struct seal_entry *e, const unsigned char (*leaf)[32], size_t n)
{
	const char	**ids, **hex, *p[3];
	size_t		  i;

	ids = arena_calloc(a, n + 1, sizeof(*ids));
	hex = arena_calloc(a, n + 1, sizeof(*hex));
	for (i = 0; i < n; i++) {
		ids[i] = db_i64(a, e[i].id);
		hex[i] = db_hex(a, leaf[i], 32);
	}
	p[0] = db_i64(a, first);
	p[1] = db_text_array(a, ids, n);
	p[2] = db_text_array(a, hex, n);
	return db_exec_only(db, &stmts[SEAL_APPEND], p);
}

enum db_status
seal_checkpoint_add(struct db *db, struct arena *a, int64_t size,
    const unsigned char root[32], const char *note)
{
	const char	*p[3];

	p[0] = db_i64(a, size);
	p[1] = db_hex(a, root, 32);
	p[2] = note;
	return db_exec_only(db, &stmts[SEAL_CHECKPOINT_ADD], p);
}

enum db_status
seal_checkpoint_last(struct db *db, int64_t *size)
{
	PGresult	*res;
	enum db_status	 rc;

	*size = 0;
	if ((rc = db_exec(db, &stmts[SEAL_CHECKPOINT_LAST], NULL, &res)) !=
	    DB_OK)
		return rc;
	if (PQntuples(res) == 1)
		*size = db_col_i64(res, 0, 0);
	PQclear(res);
	return DB_OK;
}

enum db_status
seal_entries(struct db *db, struct arena *a, int64_t from, int64_t n,
    struct seal_row **out, size_t *got)
{
	const char	*p[2];
	PGresult	*res;
	enum db_status	 rc;
	int		 i;

	*out = NULL;
	*got = 0;
	p[0] = db_i64(a, from);
	p[1] = db_i64(a, n);
	if ((rc = db_exec_arena(db, a, &stmts[SEAL_ENTRIES], p, &res)) != DB_OK)
		return rc;
	if (PQnfields(res) != 3 + SEAL_ENTRY_FIELDS + 1)
		return DB_ERROR;
	*out = arena_calloc(a, (size_t)PQntuples(res) + 1, sizeof(**out));
	for (i = 0; i < PQntuples(res); i++) {
		(*out)[i].seq = db_col_i64(res, i, 0);
		(*out)[i].entry_id = db_col_i64(res, i, 1);
		db_unhex(PQgetvalue(res, i, 2), (*out)[i].leaf, 32);
		entry_of(res, i, 3, &(*out)[i].e);
	}
	*got = (size_t)PQntuples(res);
	return DB_OK;
}

enum db_status
seal_checkpoints(struct db *db, struct arena *a, struct seal_checkpoint **out,
    size_t *n)
{
	PGresult	*res;
	enum db_status	 rc;
	int		 i;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec_arena(db, a, &stmts[SEAL_CHECKPOINTS], NULL, &res)) !=
	    DB_OK)
		return rc;
	if (PQnfields(res) != 3)
		return DB_ERROR;
	*out = arena_calloc(a, (size_t)PQntuples(res) + 1, sizeof(**out));
	for (i = 0; i < PQntuples(res); i++) {
		(*out)[i].size = db_col_i64(res, i, 0);
		db_unhex(PQgetvalue(res, i, 1), (*out)[i].root, 32);
		(*out)[i].note = db_col(res, i, 2);
	}
	*n = (size_t)PQntuples(res);
	return DB_OK;
}

enum db_status
seal_unsealed(struct db *db, const struct seal_pos *pos, int64_t *id)
{
	char		 i[24];
	const char	*p[2] = { pos->xid, i };
	PGresult	*res;
	enum db_status	 rc;

	*id = 0;
	snprintf(i, sizeof(i), "%" PRId64, pos->id);
	if ((rc = db_exec(db, &stmts[SEAL_UNSEALED], p, &res)) != DB_OK)
		return rc;
	if (PQntuples(res) == 1)
		*id = db_col_i64(res, 0, 0);
	PQclear(res);
	return DB_OK;
}

enum db_status
seal_latest(struct db *db, struct arena *a, struct seal_checkpoint *cp)
{
	PGresult	*res;
	enum db_status	 rc;

	memset(cp, 0, sizeof(*cp));
	if ((rc = db_exec_arena(db, a, &stmts[SEAL_LATEST], NULL, &res)) !=
	    DB_OK)
		return rc;
	if (PQntuples(res) == 1) {
		cp->size = db_col_i64(res, 0, 0);
		db_unhex(PQgetvalue(res, 0, 1), cp->root, 32);
		cp->note = db_col(res, 0, 2);
	}
	return DB_OK;
}
