/*
 * changes.c - the changes family of statements: every write to a
 * dossier, see dossiers.h.  Filing one (the definition version it is
 * pinned to, the receiving unit's day counter, the dossier with its
 * first event, its attachments, the audit entry) and each later
 * transition with its event, attachments and audit entry.  Reading
 * dossiers is dossiers.c's.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "dossiers.h"
#include "store_int.h"

static const struct stmt stmts[CHANGES__MAX] = {
	[CHANGES_DEF_ADD] = { "changes_def_add",
	    "INSERT INTO definitions (digest, code, content) "
	    "VALUES ($1, $2, $3::jsonb) ON CONFLICT (digest) DO NOTHING",
	    3, 0 },
	/* No row when the counter is at the largest int: one more would
	 * raise "integer out of range", and a day with no number left is
	 * to be answered as such (dossiers.h), not as an error.  The
	 * format's own, lower limit is named()'s. */
	[CHANGES_COUNTER] = { "changes_counter",
	    "INSERT INTO dossier_counters AS c (unit_id, day, last) "
	    "VALUES ($1::bigint, date '1970-01-01' + $2::int, 1) "
	    "ON CONFLICT (unit_id, day) DO UPDATE SET last = c.last + 1 "
	    "WHERE c.last < 2147483647 RETURNING last", 2, 0 },
	/* The dossier and its first event in one statement. */
	[CHANGES_INSERT] = { "changes_insert",
	    "WITH d AS (INSERT INTO dossiers (code, service, version, "
	    "applicant_id, unit_id, holder_unit_id, state, status, data, "
	    "pin_hash, pin_salt, channel, received_at, due_at, "
	    "idempotency_key, request_hash) VALUES ($1, $2, $3, $4::bigint, "
	    "$5::bigint, $6::bigint, $7, $8::int, $9::jsonb, "
	    "decode($10, 'hex'), $11, $12::int, to_timestamp($13::bigint), "
	    "to_timestamp($14::bigint), $15, $17) RETURNING id), "
	    "e AS (INSERT INTO dossier_events (dossier_id, at, actor_id, "
	    "actor_kind, action, from_state, to_state, holder_unit_id) "
	    "SELECT d.id, to_timestamp($13::bigint), $4::bigint, $16, "
	    "'submit', NULL, $7, $6::bigint FROM d RETURNING id) "
	    "SELECT d.id, e.id FROM d, e", 17, 0 },
	[CHANGES_ATTACH] = { "changes_attach",
	    "INSERT INTO attachments (dossier_id, event_id, field, filename, "
	    "mime, size, sha256, content) VALUES ($1::bigint, $2::bigint, "
	    "$3, $4, $5, $6::bigint, $7, decode($8, 'hex'))", 8, 0 },
	/* The change and its event; no row when the dossier changed
	 * since it was read (its revision). */
	[CHANGES_UPDATE] = { "changes_update",
	    "WITH d AS (UPDATE dossiers SET state = $3, status = $4::int, "
	    "holder_unit_id = $5::bigint, due_at = to_timestamp($6::bigint), "
	    "completed_at = to_timestamp($7::bigint), paused = $8::jsonb, "
	    "data = coalesce($9::jsonb, data), rev = rev + 1 "
	    "WHERE id = $1::bigint AND rev = $17::int RETURNING id), "
	    "e AS (INSERT INTO dossier_events (dossier_id, at, actor_id, "
	    "actor_kind, actor_unit_id, action, from_state, to_state, "
	    "holder_unit_id, comment, reason) SELECT d.id, "
	    "to_timestamp($10::bigint), $11::bigint, $12, $13::bigint, $14, "
	    "$2, $3, $5::bigint, $15, $16 FROM d RETURNING id) "
	    "SELECT e.id FROM e", 17, 0 },
	/* A supplement's removals: current files of this dossier only
	 * (the caller counts the rows). */
	[CHANGES_REMOVE] = { "changes_remove",
	    "UPDATE attachments SET removed_by = $2::bigint "
	    "WHERE dossier_id = $1::bigint AND removed_by IS NULL AND "
	    "id = ANY ($3::bigint[])", 3, 0 },
};

const struct family changes_family = { stmts, CHANGES__MAX };

/* ---- helpers ------------------------------------------------------ */

/* NULL for 0: ids and times that are absent. */
static const char *
opt(struct arena *a, int64_t v)
{
	return v != 0 ? db_i64(a, v) : NULL;
}

/* ---- definitions -------------------------------------------------- */

enum db_status
dossiers_def_add(struct db *db, const char *digest, const char *code,
    const char *content_json)
{
	const char	*p[3] = { digest, code, content_json };
	PGresult	*res;
	enum db_status	 rc;

	if ((rc = db_exec_arena(db, NULL, &stmts[CHANGES_DEF_ADD], p,
	    &res)) == DB_OK)
		PQclear(res);
	return rc;
}

enum db_status
dossiers_def_pin(struct db *db, const char *digest, const char *code,
    const char *content_json)
{
	enum db_status	rc;

	if (db_pinned(db, digest))
		return DB_OK;
	if ((rc = dossiers_def_add(db, digest, code, content_json)) == DB_OK)
		db_pin_note(db, digest);
	return rc;
}

/* ---- filing and changing ----------------------------------------- */

/* The day's next number, or *seq 0 when the counter has none left. */
static enum db_status
counter(struct db *db, int64_t unit_id, int64_t day, int *seq)
{
	char		 u[24], dd[24];
	const char	*p[2] = { u, dd };
	PGresult	*res;
	enum db_status	 rc;

	snprintf(u, sizeof(u), "%" PRId64, unit_id);
	snprintf(dd, sizeof(dd), "%" PRId64, day);
	*seq = 0;
	if ((rc = db_exec_arena(db, NULL, &stmts[CHANGES_COUNTER], p,
	    &res)) != DB_OK)
		return rc;
	if (PQntuples(res) == 1)
		*seq = (int)db_col_i64(res, 0, 0);
	PQclear(res);
	return DB_OK;
}

static enum db_status
insert(struct db *db, struct arena *a, const struct dossier_new *n,
    int64_t *id, int64_t *event_id)
{
	const char	*p[17];
	PGresult	*res;
	enum db_status	 rc;

	p[0] = n->code;
	p[1] = n->service;
	p[2] = n->version;
	p[3] = db_i64(a, n->applicant_id);
	p[4] = db_i64(a, n->unit_id);
	p[5] = opt(a, n->holder_unit_id);
	p[6] = n->state;
	p[7] = db_i64(a, n->status);
	p[8] = n->data;
	p[9] = db_hex(a, n->pin_hash, 32);
	p[10] = n->pin_salt;
	p[11] = db_i64(a, n->channel);
	p[12] = db_i64(a, n->received_at);
	p[13] = opt(a, n->due_at);
	p[14] = n->idem_key;
	p[15] = n->actor_kind;
	p[16] = n->request_hash;
	*id = *event_id = 0;
	rc = db_exec_arena(db, NULL, &stmts[CHANGES_INSERT], p, &res);
	if (rc != DB_OK)
		return rc;
	rc = PQntuples(res) == 1 ? DB_OK : DB_ERROR;
	if (rc == DB_OK) {
		*id = db_col_i64(res, 0, 0);
		*event_id = db_col_i64(res, 0, 1);
	}
	PQclear(res);
	return rc;
}

static enum db_status
attach(struct db *db, struct arena *a, int64_t dossier_id,
    int64_t event_id, const struct attachment *at)
{
	const char	*p[8];
	PGresult	*res;
	enum db_status	 rc;

	p[0] = db_i64(a, dossier_id);
	p[1] = opt(a, event_id);
	p[2] = at->field;
	p[3] = at->filename;
	p[4] = at->mime;
	p[5] = db_i64(a, at->size);
	p[6] = at->sha256;
	p[7] = db_hex(a, at->content, (size_t)at->size);
	if ((rc = db_exec_arena(db, NULL, &stmts[CHANGES_ATTACH], p,
	    &res)) == DB_OK)
		PQclear(res);
	return rc;
}

enum db_status
changes_update(struct db *db, struct arena *a, const struct dossier_change *c,
    int *changed, int64_t *event_id)
{
	const char	*p[17];
	PGresult	*res;
	enum db_status	 rc;

	p[0] = db_i64(a, c->id);
	p[16] = db_i64(a, c->rev);
	p[1] = c->from_state;
	p[2] = c->to_state;
	p[3] = db_i64(a, c->status);
	p[4] = opt(a, c->holder_unit_id);
	p[5] = opt(a, c->due_at);
	p[6] = opt(a, c->completed_at);
	p[7] = c->paused;
	p[8] = c->data;
	p[9] = db_i64(a, c->at);
	p[10] = opt(a, c->actor_id);
	p[11] = c->actor_kind;
	p[12] = opt(a, c->actor_unit_id);
	p[13] = c->action;
	p[14] = c->comment;
	p[15] = c->reason;
	*changed = 0;
	rc = db_exec_arena(db, NULL, &stmts[CHANGES_UPDATE], p, &res);
	if (rc != DB_OK)
		return rc;
	*changed = PQntuples(res) == 1;
	*event_id = *changed ? db_col_i64(res, 0, 0) : 0;
	PQclear(res);
	return DB_OK;
}

/* Mark c->remove removed by the event; *all 0 when one of them was
 * not a current file of the dossier. */
static enum db_status
remove_files(struct db *db, struct arena *a, const struct dossier_change *c,
    int64_t event_id, int *all)
{
	const char	*p[3];
	char		*ids;
	PGresult	*res;
	enum db_status	 rc;
	size_t		 i;

	*all = 1;
	if (c->nremove == 0)
		return DB_OK;
	ids = arena_printf(a, "{%lld", (long long)c->remove[0]);
	for (i = 1; i < c->nremove; i++)
		ids = arena_printf(a, "%s,%lld", ids, (long long)c->remove[i]);
	p[0] = db_i64(a, c->id);
	p[1] = db_i64(a, event_id);
	p[2] = arena_printf(a, "%s}", ids);
	if ((rc = db_exec_arena(db, NULL, &stmts[CHANGES_REMOVE], p,
	    &res)) != DB_OK)
		return rc;
	*all = strtoull(PQcmdTuples(res), NULL, 10) == c->nremove;
	PQclear(res);
	return DB_OK;
}

enum db_status
dossiers_submit(struct db *db, struct arena *a, struct dossier_new *n,
    int (*named)(void *, int, struct dossier_new *, struct audit_entry *),
    void *arg, const struct attachment *atts, size_t natts,
    struct audit_entry *ae, int64_t *id)
{
	enum db_status	rc;
	int64_t		event_id;
	size_t		i;
	int		seq, changed;

	*id = 0;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	/* UTC+7: the Vietnam date of receipt. */
	if ((rc = counter(db, n->unit_id, (n->received_at + 7 * 3600) /
	    86400, &seq)) != DB_OK)
		goto fail;
	if (named(arg, seq, n, ae) == -1) {
		rc = DB_ERROR;
		goto fail;
	}
	if ((rc = insert(db, a, n, id, &event_id)) != DB_OK)
		goto fail;
	for (i = 0; i < natts; i++)
		if ((rc = attach(db, a, *id, event_id, &atts[i])) != DB_OK)
			goto fail;
	if (n->hook != NULL &&
	    (rc = n->hook->fn(n->hook->arg, *id, event_id)) != DB_OK)
		goto fail;
	changed = 1;
	if ((rc = audit_commit(db, ae, &changed)) != DB_OK)
		*id = 0;
	return rc;
fail:
	db_rollback(db);
	*id = 0;
	return rc;
}

enum db_status
dossiers_act(struct db *db, struct arena *a, const struct dossier_change *c,
    const struct attachment *atts, size_t natts,
    const struct audit_entry *ae, int *changed)
{
	enum db_status	rc;
	int64_t		event_id;
	size_t		i;

	*changed = 0;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = changes_update(db, a, c, changed, &event_id)) != DB_OK)
		goto fail;
	/* A withdrawal after payment: the fee is to be refunded. */
	if (*changed && c->status == DOSSIER_STATUS_WITHDRAWN &&
	    (rc = payments_refund_due_tx(db, a, c->id, c->at)) != DB_OK)
		goto fail;
	if (*changed && (rc = remove_files(db, a, c, event_id,
	    changed)) != DB_OK)
		goto fail;
	for (i = 0; *changed && i < natts; i++)
		if ((rc = attach(db, a, c->id, event_id, &atts[i])) != DB_OK)
			goto fail;
	if (*changed && c->jobs != NULL &&
	    (rc = c->jobs(c->jobs_arg, db, event_id)) != DB_OK)
		goto fail;
	if (*changed && c->hook != NULL &&
	    (rc = c->hook->fn(c->hook->arg, c->id, event_id)) != DB_OK)
		goto fail;
	if (*changed && c->within != NULL &&
	    (rc = c->within(c->within_arg, event_id)) != DB_OK)
		goto fail;
	return audit_commit(db, ae, changed);
fail:
	db_rollback(db);
	*changed = 0;
	return rc;
}
