/*
 * pay.h - a dossier's fee paid online through the VNPay 2.1.0 gateway
 * (docs/payments.md).
 *
 * uc_pay_start: the applicant of a dossier awaiting its fee (national
 * status 6) opens a pending payment and gets the gateway's payment URL.
 * uc_pay_return: what the citizen's browser brings back from the
 * gateway, checked and shown; it changes nothing.  uc_pay_ipn: the
 * gateway's server-to-server notification, the only message that
 * settles a payment (with uc_pay_reconcile, which asks the gateway with
 * querydr for pending payments whose notification never came): on a
 * fee paid, the system takes the workflow's paid action, in the
 * payment's transaction.  Every refused notification is audited.
 *
 * The gateway's secret is read from MOTCUA_VNPAY_SECRET_FILE when it is
 * needed, into the arena; it is never logged or stored.
 */
#ifndef MOTCUA_APP_PAY_H
#define MOTCUA_APP_PAY_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"

struct pay_start {
	const char	*url;		/* the gateway's page, signed query */
	const char	*txn_ref;
	int64_t		 amount;	/* đồng */
};

enum uc_status	uc_pay_start(struct app *, const char *code,
		    struct pay_start *, struct uc_error *);

/* The IPN's answer: {"RspCode": rsp, "Message": message}. */
struct pay_ipn {
	const char	*rsp;		/* "00", "01", "02", "04", "97", "99" */
	const char	*message;
};

void		uc_pay_ipn(struct app *, const char *query, size_t len,
		    struct pay_ipn *);

/* What the return page shows. */
struct pay_return {
	int		 valid;		/* the signature checks */
	int		 success;	/* the gateway says paid */
	const char	*response_code;	/* vnp_ResponseCode, or NULL */
	const char	*txn_ref;	/* or NULL */
	const char	*dossier_code;	/* or NULL */
	int64_t		 amount;	/* đồng, or 0 */
	const char	*state;		/* ours: "pending", "paid" ..., or NULL */
};

enum uc_status	uc_pay_return(struct app *, const char *query, size_t len,
		    struct pay_return *, struct uc_error *);

/* A dossier's payments (for its pages and the API), newest first; the
 * fee due now, 0 when none. */
struct payment;
enum uc_status	uc_pay_list(struct app *, int64_t dossier_id,
		    struct payment **, size_t *, struct uc_error *);

/*
 * Reconciliation: each pending payment older than min_age seconds is
 * asked of the gateway (querydr) and settled as the notification would
 * have; a payment the gateway does not know after expire_after seconds
 * fails.  Counts what it found; -1 when it could not work at all
 * (configuration, database), with why on stderr.
 */
struct pay_reconcile {
	size_t		 asked, paid, failed, unchanged, errors;
};
int		uc_pay_reconcile(struct app *, int64_t min_age,
		    struct pay_reconcile *);

#endif
