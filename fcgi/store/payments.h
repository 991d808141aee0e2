/*
 * payments.h - the payments family: a dossier's fee paid through a
 * gateway (migrations/0016_payments.sql, docs/payments.md).
 *
 * A payment is opened pending by the citizen and settled once, by the
 * gateway's notification or by reconciliation: payments_settle moves
 * it from pending in one transaction with the dossier's change, its
 * event and the audit entry, so that a notification that repeats or
 * comes twice at once settles it exactly once (the conditional UPDATE
 * takes the row's lock; the second finds it no longer pending).
 */
#ifndef MOTCUA_STORE_PAYMENTS_H
#define MOTCUA_STORE_PAYMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/db.h"

struct arena;
struct dossier_change;

enum payments_stmt {
	PAYMENTS_OPEN,
	PAYMENTS_OF_DOSSIER,
	PAYMENTS_BY_REF,
	PAYMENTS_SETTLE,
	PAYMENTS_REFUND_DUE,
	PAYMENTS_STALE,
	PAYMENTS__MAX
};

enum pay_state {
	PAY_PENDING,
	PAY_PAID,
	PAY_FAILED,
	PAY_REFUND_DUE,
	PAY__MAX
};
extern const char *const pay_state_names[PAY__MAX];	/* "pending" ... */

struct payment {
	int64_t		 id;
	int64_t		 dossier_id;
	const char	*dossier_code;
	int64_t		 amount;	/* đồng */
	const char	*txn_ref;
	enum pay_state	 state;
	const char	*order_info;
	int64_t		 created_at;
	int64_t		 paid_at;	/* 0: not paid */
	int64_t		 refund_due_at;	/* 0: none */
	const char	*transaction_no;	/* the gateway's, or NULL */
	const char	*response_code;	/* or NULL */
};

/* What the gateway said of a payment (vnp_* of the notification or of
 * querydr's answer). */
struct pay_outcome {
	enum pay_state	 state;		/* PAY_PAID, PAY_FAILED, or
					 * PAY_REFUND_DUE: paid, but the
					 * dossier no longer waits for it */
	int64_t		 at;
	const char	*transaction_no, *bank_code, *card_type;
	const char	*response_code, *transaction_status, *pay_date;
};

/* A new pending payment and its audit entry, committed; *id its id
 * (DB_CONFLICT: the reference exists). */
enum db_status	payments_open(struct db *, struct arena *, const struct payment *,
		    const struct audit_entry *, int64_t *id);
/* A dossier's payments, newest first. */
enum db_status	payments_of_dossier(struct db *, struct arena *,
		    int64_t dossier_id, struct payment **, size_t *);
/* The payment of a reference, *found 0 if none. */
enum db_status	payments_by_ref(struct db *, struct arena *, const char *ref,
		    struct payment *, int *found);
/*
 * Settle the pending payment of ref as o says and, when c is not NULL,
 * make the dossier's change c (store/dossiers.h), with the audit
 * entry, in one transaction.  *settled: 1 done; 0 the payment was no
 * longer pending (nothing changed); -1 the dossier changed meanwhile
 * (nothing changed: try again).
 */
enum db_status	payments_settle(struct db *, struct arena *, const char *ref,
		    const struct pay_outcome *, const struct dossier_change *c,
		    const struct audit_entry *, int *settled);
/* Pending payments created at t or before, oldest first, at most max. */
enum db_status	payments_stale(struct db *, struct arena *, int64_t t,
		    size_t max, struct payment **, size_t *);

#endif
