/*
 * payments.c - the payments of the JSON API (docs/payments.md):
 *   POST /api/v1/dossiers/{code}/payments   the applicant of a dossier
 *        awaiting its fee: 201 {"url", "txn_ref", "amount"}, the
 *        gateway's payment page to send the citizen to; the dossier
 *        page's "Pay" button (POST /dossiers/{code}/pay) is the same,
 *        answered 303 to that page;
 *   GET  /api/v1/payments/vnpay/ipn         the gateway's notification:
 *        always 200 {"RspCode", "Message"}, as VNPay 2.1.0 expects; the
 *        only request that settles a payment.  Handled as the system.
 */
#include <jansson.h>
#include <string.h>

#include "app/pay.h"
#include "web/web.h"

void
h_dossier_payment(struct wreq *r, struct resp *w)
{
	struct pay_start p;
	struct uc_error	 err;
	enum uc_status	 st;

	if ((st = uc_pay_start(&r->app, r->pathvars.v[0].val, &p,
	    &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	if (r->route->ep.id == ROUTE_PAGE_DOSSIER_PAY)
		resp_redirect(r->h, w, 303, p.url);
	else
		resp_json(r->h, w, 201, json_pack("{s:s, s:s, s:I}", "url",
		    p.url, "txn_ref", p.txn_ref, "amount",
		    (json_int_t)p.amount));
}

void
h_payment_ipn(struct wreq *r, struct resp *w)
{
	struct actor	 sys = { .kind = ACTOR_SYSTEM };
	struct pay_ipn	 a;
	const char	*q = r->h->query != NULL ? r->h->query : "";

	app_act_as(&r->app, &sys);
	uc_pay_ipn(&r->app, q, strlen(q), &a);
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_json(r->h, w, 200, json_pack("{s:s, s:s}", "RspCode", a.rsp,
	    "Message", a.message));
}
