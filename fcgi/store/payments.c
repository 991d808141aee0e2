/*
 * payments.c - the payments family of statements: see payments.h.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "dossiers.h"
#include "payments.h"
#include "store_int.h"

const char *const pay_state_names[PAY__MAX] = {
	"pending", "paid", "failed", "refund-due",
};

#define COLS "p.id, p.dossier_id, d.code, p.amount, p.txn_ref, p.state, " \
	"p.order_info, extract(epoch FROM p.created_at)::bigint, " \
	"extract(epoch FROM p.paid_at)::bigint, " \
	"extract(epoch FROM p.refund_due_at)::bigint, p.gw_transaction_no, " \
	"p.gw_response_code"
#define NCOLS 12
#define FROM " FROM payments p JOIN dossiers d ON d.id = p.dossier_id "

static const struct stmt stmts[PAYMENTS__MAX] = {
	[PAYMENTS_OPEN] = { "payments_open",
	    "INSERT INTO payments (dossier_id, amount, txn_ref, order_info, "
	    "created_at) VALUES ($1::bigint, $2::bigint, $3, $4, "
	    "to_timestamp($5::bigint)) RETURNING id", 5, 0 },
	[PAYMENTS_OF_DOSSIER] = { "payments_of_dossier",
	    "SELECT " COLS FROM "WHERE p.dossier_id = $1::bigint "
	    "ORDER BY p.id DESC LIMIT 50", 1, 1 },
	[PAYMENTS_BY_REF] = { "payments_by_ref",
	    "SELECT " COLS FROM "WHERE p.txn_ref = $1", 1, 1 },
	/* Only from pending: the row's lock makes a second, concurrent
	 * notification wait, then find it settled (no row). */
	[PAYMENTS_SETTLE] = { "payments_settle",
	    "UPDATE payments SET state = $2, paid_at = CASE WHEN $2 = "
	    "'failed' THEN NULL ELSE to_timestamp($3::bigint) END, "
	    "refund_due_at = CASE WHEN $2 = 'refund-due' THEN "
	    "to_timestamp($3::bigint) END, gw_transaction_no = $4, "
	    "gw_bank_code = $5, gw_card_type = $6, gw_response_code = $7, "
	    "gw_transaction_status = $8, gw_pay_date = $9 "
	    "WHERE txn_ref = $1 AND state = 'pending' RETURNING id", 9, 0 },
	[PAYMENTS_REFUND_DUE] = { "payments_refund_due",
	    "UPDATE payments SET state = 'refund-due', refund_due_at = "
	    "to_timestamp($2::bigint) WHERE dossier_id = $1::bigint AND "
	    "state = 'paid'", 2, 0 },
	[PAYMENTS_STALE] = { "payments_stale",
	    "SELECT " COLS FROM "WHERE p.state = 'pending' AND "
	    "p.created_at <= to_timestamp($1::bigint) "
	    "ORDER BY p.created_at LIMIT $2::int", 2, 1 },
};

const struct family payments_family = { stmts, PAYMENTS__MAX };

static enum pay_state
state_of(const char *s)
{
	size_t	i;

	for (i = 0; s != NULL && i < PAY__MAX; i++)
		if (strcmp(s, pay_state_names[i]) == 0)
			return (enum pay_state)i;
	return PAY_FAILED;
}

static char *
dup(struct arena *a, const PGresult *res, int row, int col)
{
	const char	*s = db_col(res, row, col);

	return s != NULL ? arena_strdup(a, s) : NULL;
}

static void
row(struct arena *a, const PGresult *res, int i, struct payment *p)
{
	p->id = db_col_i64(res, i, 0);
	p->dossier_id = db_col_i64(res, i, 1);
	p->dossier_code = dup(a, res, i, 2);
	p->amount = db_col_i64(res, i, 3);
	p->txn_ref = dup(a, res, i, 4);
	p->state = state_of(db_col(res, i, 5));
	p->order_info = dup(a, res, i, 6);
	p->created_at = db_col_i64(res, i, 7);
	p->paid_at = db_col_i64(res, i, 8);
	p->refund_due_at = db_col_i64(res, i, 9);
	p->transaction_no = dup(a, res, i, 10);
	p->response_code = dup(a, res, i, 11);
}

/* The rows of a SELECT of COLS, in the arena. */
static enum db_status
rows(struct db *db, struct arena *a, enum payments_stmt s,
    const char *const *p, struct payment **out, size_t *n)
{
	PGresult	*res;
	enum db_status	 rc;
	int		 i, nt;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec_arena(db, NULL, &stmts[s], p, &res)) != DB_OK)
		return rc;
	if (PQnfields(res) != NCOLS) {
		PQclear(res);
		return DB_ERROR;
	}
	nt = PQntuples(res);
	*out = arena_calloc(a, (size_t)nt + 1, sizeof(**out));
	for (i = 0; i < nt; i++)
		row(a, res, i, &(*out)[i]);
	*n = (size_t)nt;
	PQclear(res);
	return DB_OK;
}

enum db_status
payments_open(struct db *db, struct arena *a, const struct payment *pm,
    const struct audit_entry *ae, int64_t *id)
{
	const char	*p[5];
	PGresult	*res;
	enum db_status	 rc;
	int		 changed = 1;

	*id = 0;
	p[0] = db_i64(a, pm->dossier_id);
	p[1] = db_i64(a, pm->amount);
	p[2] = pm->txn_ref;
	p[3] = pm->order_info;
	p[4] = db_i64(a, pm->created_at);
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_exec_arena(db, NULL, &stmts[PAYMENTS_OPEN], p,
	    &res)) != DB_OK) {
		db_rollback(db);
		return rc;
	}
	*id = db_col_i64(res, 0, 0);
	PQclear(res);
	if ((rc = audit_commit(db, ae, &changed)) != DB_OK || !changed)
		*id = 0;
	return rc;
}

enum db_status
payments_of_dossier(struct db *db, struct arena *a, int64_t dossier_id,
    struct payment **v, size_t *n)
{
	const char	*p[1] = { db_i64(a, dossier_id) };

	return rows(db, a, PAYMENTS_OF_DOSSIER, p, v, n);
}

enum db_status
payments_by_ref(struct db *db, struct arena *a, const char *ref,
    struct payment *out, int *found)
{
	const char	*p[1] = { ref };
	struct payment	*v;
	enum db_status	 rc;
	size_t		 n;

	*found = 0;
	memset(out, 0, sizeof(*out));
	if ((rc = rows(db, a, PAYMENTS_BY_REF, p, &v, &n)) != DB_OK)
		return rc;
	if (n == 1) {
		*out = v[0];
		*found = 1;
	}
	return DB_OK;
}

enum db_status
payments_settle(struct db *db, struct arena *a, const char *ref,
    const struct pay_outcome *o, const struct dossier_change *c,
    const struct audit_entry *ae, int *settled)
{
	const char	*p[9];
	PGresult	*res;
	enum db_status	 rc;
	int64_t		 event_id;
	int		 moved, changed;

	*settled = 0;
	p[0] = ref;
	p[1] = pay_state_names[o->state];
	p[2] = db_i64(a, o->at);
	p[3] = o->transaction_no;
	p[4] = o->bank_code;
	p[5] = o->card_type;
	p[6] = o->response_code;
	p[7] = o->transaction_status;
	p[8] = o->pay_date;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_exec_arena(db, NULL, &stmts[PAYMENTS_SETTLE], p,
	    &res)) != DB_OK)
		goto fail;
	changed = PQntuples(res) == 1;
	PQclear(res);
	if (changed && c != NULL) {
		if ((rc = changes_update(db, a, c, &moved, &event_id)) != DB_OK)
			goto fail;
		if (!moved) {
			db_rollback(db);
			*settled = -1;
			return DB_OK;
		}
	}
	if ((rc = audit_commit(db, ae, &changed)) == DB_OK)
		*settled = changed;
	return rc;
fail:
	db_rollback(db);
	return rc;
}

enum db_status
payments_refund_due_tx(struct db *db, struct arena *a, int64_t dossier_id,
    int64_t at)
{
	const char	*p[2] = { db_i64(a, dossier_id), db_i64(a, at) };

	return db_exec_only(db, &stmts[PAYMENTS_REFUND_DUE], p);
}

enum db_status
payments_stale(struct db *db, struct arena *a, int64_t t, size_t max,
    struct payment **v, size_t *n)
{
	const char	*p[2] = { db_i64(a, t), db_i64(a, (int64_t)max) };

	return rows(db, a, PAYMENTS_STALE, p, v, n);
}
