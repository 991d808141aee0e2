/*
 * payment.c - the citizen's side of paying a fee (docs/payments.md; the
 * dossier page's "Pay" button is api/payments.c's h_dossier_payment):
 *   GET  /payments/vnpay/return     where the gateway sends the citizen
 *        back: the outcome as the gateway signed it and the payment as
 *        we hold it.  It changes nothing (only the gateway's
 *        notification does), so a forged return shows "not verified".
 *        The payment is read as the system: the reference is what names
 *        it, and the page shows no personal data.
 */
#include <string.h>

#include "app/pay.h"
#include "web/render.h"
#include "web/web.h"

void
h_page_payment_return(struct wreq *r, struct resp *w)
{
	struct actor	 sys = { .kind = ACTOR_SYSTEM };
	struct actor	 who = r->app.actor;
	struct pay_return pr;
	struct uc_error	 err;
	struct view	*v;
	enum uc_status	 st;
	xmlNodePtr	 n;
	const char	*q = r->h->query != NULL ? r->h->query : "";

	app_act_as(&r->app, &sys);
	st = uc_pay_return(&r->app, q, strlen(q), &pr, &err);
	app_act_as(&r->app, &who);
	if (st != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	v = view_new(r, PAGE_PAYMENT, LANG_VI);
	n = view_el(v->root, "payment", NULL);
	view_attr(n, "valid", pr.valid ? "true" : "false");
	if (pr.valid) {
		view_attr(n, "success", pr.success ? "true" : "false");
		view_attr(n, "response", pr.response_code);
		view_attr(n, "ref", pr.txn_ref);
		view_attr(n, "dossier", pr.dossier_code);
		view_attr(n, "state", pr.state);
		if (pr.amount > 0)
			view_attrf(n, "amount", "%lld", (long long)pr.amount);
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	render(v, w, 200);
}
