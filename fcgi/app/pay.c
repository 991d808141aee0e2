/*
 * pay.c - fees paid through the VNPay 2.1.0 gateway: see pay.h and
 * docs/payments.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/config.h"
#include "base/hash.h"
#include "base/log.h"
#include "core/def.h"
#include "core/vnpay.h"
#include "core/wf.h"
#include "app/audit.h"
#include "app/dossier_int.h"
#include "app/gateway.h"
#include "app/json.h"
#include "app/pay.h"
#include "store/dossiers.h"
#include "store/payments.h"

#define SECRET_MAX	256
#define EXPIRE_SECONDS	(15 * 60)	/* vnp_ExpireDate */
#define VNP_VERSION	"2.1.0"

/* The gateway's secret, from its file, in the arena; NULL if it cannot
 * be read (logged without the secret). */
static const char *
secret(struct app *app)
{
	const char	*path = app->cfg->vnpay_secret_file;
	char		 buf[SECRET_MAX + 1];
	ssize_t		 n;
	char		*s;
	int		 fd;

	if (path == NULL || *path == '\0' ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		log_msg(LOG_ERROR, "payments: cannot read the gateway's "
		    "secret file (MOTCUA_VNPAY_SECRET_FILE)");
		return NULL;
	}
	n = read(fd, buf, SECRET_MAX);
	close(fd);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' ||
	    buf[n - 1] == ' '))
		n--;
	if (n <= 0) {
		log_msg(LOG_ERROR, "payments: the gateway's secret file is "
		    "empty");
		return NULL;
	}
	buf[n] = '\0';
	s = arena_strdup(app->arena, buf);
	explicit_bzero(buf, sizeof(buf));
	return s;
}

static int
configured(const struct app *app)
{
	const struct config *c = app->cfg;

	return c->vnpay_url != NULL && *c->vnpay_url != '\0' &&
	    c->vnpay_tmn_code != NULL && *c->vnpay_tmn_code != '\0';
}

/* ---- starting a payment ------------------------------------------- */

enum uc_status
uc_pay_start(struct app *app, const char *code, struct pay_start *out,
    struct uc_error *err)
{
	struct dossier_view_full v;
	struct audit_entry ae;
	struct payment	 p;
	struct vnp_msg	 m;
	enum uc_status	 us;
	enum db_status	 rc;
	const char	*key;
	char		 ref[17], t0[15], t1[15];
	int64_t		 id, fee;

	memset(err, 0, sizeof(*err));
	memset(out, 0, sizeof(*out));
	if ((us = uc_load(app, code, &v, err)) != UC_OK)
		return us;
	if (app->actor.kind != ACTOR_CITIZEN ||
	    app->actor.user_id != v.d.applicant_id)
		return uc_deny(app, err, UC_FORBIDDEN, code, "not-applicant");
	if (v.wf == NULL || v.state == DEF_NONE || v.wf->fee_paid == DEF_NONE ||
	    v.wf->states[v.state].status != 6 ||
	    !wf_leaves(&v.wf->actions[v.wf->fee_paid], v.state))
		return uc_fail(err, UC_CONFLICT, NULL,
		    "The dossier is not awaiting its fee.",
		    "Hồ sơ không ở trạng thái chờ nộp lệ phí.");
	fee = wf_fee(v.wf, uc_record(app, v.wf->form, v.d.data));
	if (fee <= 0)
		return uc_fail(err, UC_CONFLICT, NULL,
		    "The dossier has no fee to pay.",
		    "Hồ sơ không có lệ phí phải nộp.");
	if (!configured(app) || (key = secret(app)) == NULL)
		return uc_fail(err, UC_UNAVAILABLE, NULL,
		    "Online payment is not available now.",
		    "Hiện chưa thể thanh toán trực tuyến.");

	/* Our reference: unique, letters and digits, as gateways want. */
	random_hex(ref, 8);
	for (id = 0; ref[id] != '\0'; id++)
		if (ref[id] >= 'a' && ref[id] <= 'f')
			ref[id] = (char)(ref[id] - 'a' + 'A');
	memset(&p, 0, sizeof(p));
	p.dossier_id = v.d.id;
	p.amount = fee;
	p.txn_ref = ref;
	p.order_info = arena_printf(app->arena, "Le phi ho so %s", code);
	p.created_at = app->now;
	app_entry(app, &ae, "payment.open", uc_object(app, code),
	    app_json_text(app->arena, json_pack("{s:s, s:I}", "txn_ref", ref,
	    "amount", (json_int_t)fee)));
	if ((rc = payments_open(app->db, app->arena, &p, &ae, &id)) != DB_OK)
		return uc_db_fail(err, rc);

	vnp_time(app->now, t0);
	vnp_time(app->now + EXPIRE_SECONDS, t1);
	m.n = 0;
	vnp_set(app->arena, &m, "vnp_Version", VNP_VERSION);
	vnp_set(app->arena, &m, "vnp_Command", "pay");
	vnp_set(app->arena, &m, "vnp_TmnCode", app->cfg->vnpay_tmn_code);
	vnp_set(app->arena, &m, "vnp_Amount", vnp_amount(app->arena, fee));
	vnp_set(app->arena, &m, "vnp_CurrCode", "VND");
	vnp_set(app->arena, &m, "vnp_TxnRef", ref);
	vnp_set(app->arena, &m, "vnp_OrderInfo", p.order_info);
	vnp_set(app->arena, &m, "vnp_OrderType", "billpayment");
	vnp_set(app->arena, &m, "vnp_Locale", "vn");
	vnp_set(app->arena, &m, "vnp_ReturnUrl", arena_printf(app->arena,
	    "%s/payments/vnpay/return", app->cfg->public_url));
	vnp_set(app->arena, &m, "vnp_IpAddr", app->remote_addr != NULL ?
	    app->remote_addr : "127.0.0.1");
	vnp_set(app->arena, &m, "vnp_CreateDate", t0);
	vnp_set(app->arena, &m, "vnp_ExpireDate", t1);
	out->url = arena_printf(app->arena, "%s?%s", app->cfg->vnpay_url,
	    vnp_signed_query(app->arena, &m, key));
	out->txn_ref = arena_strdup(app->arena, ref);
	out->amount = fee;
	return UC_OK;
}

/* ---- settling ----------------------------------------------------- */

enum settle {
	SETTLED,		/* 00 */
	SETTLE_NOT_FOUND,	/* 01 */
	SETTLE_DONE_BEFORE,	/* 02 */
	SETTLE_AMOUNT,		/* 04 */
	SETTLE_ERROR,		/* 99 */
	SETTLE__MAX
};

/*
 * Settle payment p as o says: when paid and the dossier still awaits
 * its fee, the system takes the workflow's paid action in the same
 * transaction; paid when it no longer does (withdrawn meanwhile, paid
 * twice), the payment is refund-due.  how names the path in the audit
 * entry ("ipn", "querydr").
 */
static enum settle
settle(struct app *app, const struct payment *p, struct pay_outcome *o,
    const char *how)
{
	struct dossier_view_full v;
	struct dossier_change c, *cp = NULL;
	struct audit_entry ae;
	struct wf_actor	 a;
	struct dossier_view dv;
	struct wf_result res;
	struct uc_error	 err;
	const struct action *paid;
	enum db_status	 rc;
	int		 settled, attempt;

	for (attempt = 0; attempt < 3; attempt++) {
		memset(&v, 0, sizeof(v));
		memset(&c, 0, sizeof(c));
		cp = NULL;
		if (dossiers_by_code(app->db, app->arena, p->dossier_code,
		    &v.d) != DB_OK || v.d.id == 0)
			return SETTLE_ERROR;
		v.wf = defs_workflow(app->defs, v.d.service);
		v.state = v.wf ? wf_state(v.wf, v.d.state) : DEF_NONE;
		if (uc_pauses(v.d.paused, &v.pauses) == -1)
			return SETTLE_ERROR;
		if (o->state == PAY_PAID || o->state == PAY_REFUND_DUE) {
			o->state = PAY_REFUND_DUE;
			memset(&a, 0, sizeof(a));
			a.system = 1;
			memset(&dv, 0, sizeof(dv));
			dv.state = v.state;
			dv.holder_unit = v.d.holder_unit_id;
			if (v.wf != NULL && v.state != DEF_NONE &&
			    v.wf->fee_paid != DEF_NONE) {
				paid = &v.wf->actions[v.wf->fee_paid];
				dv.rec = uc_record(app, v.wf->form, v.d.data);
				if (wf_leaves(paid, v.state) &&
				    wf_transition(v.wf, &dv, &a, v.wf->fee_paid,
				    NULL, &res) == WF_OK &&
				    uc_change(app, &v, v.wf->fee_paid, &res,
				    dv.rec, &c, &err) == UC_OK) {
					o->state = PAY_PAID;
					cp = &c;
				}
			}
		}
		app_entry(app, &ae, "payment.settle", uc_object(app,
		    p->dossier_code), app_json_text(app->arena,
		    json_pack("{s:s, s:s, s:s, s:I, s:s?, s:s?}", "via", how,
		    "txn_ref", p->txn_ref, "state", pay_state_names[o->state],
		    "amount", (json_int_t)p->amount, "action",
		    cp ? cp->action : NULL, "transaction_no",
		    o->transaction_no)));
		if ((rc = payments_settle(app->db, app->arena, p->txn_ref, o,
		    cp, &ae, &settled)) != DB_OK)
			return SETTLE_ERROR;
		if (settled == 1)
			return SETTLED;
		if (settled == 0)
			return SETTLE_DONE_BEFORE;
		/* The dossier moved on meanwhile: read it again. */
	}
	return SETTLE_ERROR;
}

/* ---- the notification (IPN) ---------------------------------------- */

static const struct {
	const char	*rsp;
	const char	*message;
} answers[] = {
	{ "00", "Confirm Success" },
	{ "01", "Order not found" },
	{ "02", "Order already confirmed" },
	{ "04", "Invalid amount" },
	{ "97", "Invalid signature" },
	{ "99", "Unknown error" },
};

static void
answer(struct pay_ipn *out, size_t i)
{
	out->rsp = answers[i].rsp;
	out->message = answers[i].message;
}

/* A refused notification: audited (with why and the reference), then
 * answered. */
static void
refuse(struct app *app, struct pay_ipn *out, size_t i, const char *why,
    const char *ref)
{
	answer(out, i);
	if (app_audit(app, "payment.ipn.refused", ref != NULL ?
	    arena_printf(app->arena, "payment:%.40s", ref) : "payment:",
	    app_json_text(app->arena, json_pack("{s:s, s:s, s:s?}", "rsp",
	    out->rsp, "why", why, "txn_ref", ref))) != DB_OK)
		log_msg(LOG_ERROR, "payments: a refused notification could "
		    "not be audited");
}

static const char *
nz(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

void
uc_pay_ipn(struct app *app, const char *query, size_t len,
    struct pay_ipn *out)
{
	struct pay_outcome o;
	struct payment	 p;
	struct vnp_msg	 m;
	const char	*why, *key, *ref, *tmn, *rc, *ts;
	int		 found;

	if (vnp_parse(app->arena, query ? query : "", len, &m, &why) == -1)
		return refuse(app, out, 5, why, NULL);
	ref = vnp_get(&m, "vnp_TxnRef");
	if (!configured(app) || (key = secret(app)) == NULL)
		return refuse(app, out, 5, "not configured", ref);
	if (!vnp_verify(app->arena, &m, key))
		return refuse(app, out, 4, "bad signature", ref);
	tmn = vnp_get(&m, "vnp_TmnCode");
	if (tmn == NULL || strcmp(tmn, app->cfg->vnpay_tmn_code) != 0)
		return refuse(app, out, 1, "another terminal", ref);
	if (ref == NULL || strlen(ref) > 32)
		return refuse(app, out, 1, "no such reference", ref);
	if (payments_by_ref(app->db, app->arena, ref, &p, &found) != DB_OK) {
		answer(out, 5);
		return;
	}
	if (!found)
		return refuse(app, out, 1, "no such reference", ref);
	if (vnp_parse_amount(vnp_get(&m, "vnp_Amount")) != p.amount)
		return refuse(app, out, 3, "amount", ref);
	if (p.state != PAY_PENDING)
		return refuse(app, out, 2, "not pending", ref);
	rc = vnp_get(&m, "vnp_ResponseCode");
	ts = vnp_get(&m, "vnp_TransactionStatus");
	memset(&o, 0, sizeof(o));
	o.state = rc != NULL && ts != NULL && strcmp(rc, "00") == 0 &&
	    strcmp(ts, "00") == 0 ? PAY_PAID : PAY_FAILED;
	o.at = app->now;
	o.transaction_no = nz(vnp_get(&m, "vnp_TransactionNo"));
	o.bank_code = nz(vnp_get(&m, "vnp_BankCode"));
	o.card_type = nz(vnp_get(&m, "vnp_CardType"));
	o.response_code = nz(rc);
	o.transaction_status = nz(ts);
	o.pay_date = nz(vnp_get(&m, "vnp_PayDate"));
	switch (settle(app, &p, &o, "ipn")) {
	case SETTLED:
		answer(out, 0);
		break;
	case SETTLE_DONE_BEFORE:
		refuse(app, out, 2, "not pending", ref);
		break;
	default:
		answer(out, 5);
		break;
	}
}

/* ---- the return page ----------------------------------------------- */

enum uc_status
uc_pay_return(struct app *app, const char *query, size_t len,
    struct pay_return *out, struct uc_error *err)
{
	struct payment	 p;
	struct vnp_msg	 m;
	const char	*why, *key, *rc, *ts;
	int		 found;

	memset(err, 0, sizeof(*err));
	memset(out, 0, sizeof(*out));
	if (vnp_parse(app->arena, query ? query : "", len, &m, &why) == -1)
		return uc_fail(err, UC_BAD_REQUEST, "vnp_SecureHash",
		    "The gateway's answer is malformed.",
		    "Kết quả trả về từ cổng thanh toán không hợp lệ.");
	if (!configured(app) || (key = secret(app)) == NULL)
		return uc_fail(err, UC_UNAVAILABLE, NULL,
		    "Online payment is not available now.",
		    "Hiện chưa thể thanh toán trực tuyến.");
	out->valid = vnp_verify(app->arena, &m, key) &&
	    (vnp_get(&m, "vnp_TmnCode") != NULL &&
	    strcmp(vnp_get(&m, "vnp_TmnCode"), app->cfg->vnpay_tmn_code) == 0);
	if (!out->valid)
		return UC_OK;
	rc = vnp_get(&m, "vnp_ResponseCode");
	ts = vnp_get(&m, "vnp_TransactionStatus");
	out->response_code = rc;
	out->success = rc && strcmp(rc, "00") == 0 && (ts == NULL ||
	    strcmp(ts, "00") == 0);
	out->txn_ref = vnp_get(&m, "vnp_TxnRef");
	if (vnp_parse_amount(vnp_get(&m, "vnp_Amount")) > 0)
		out->amount = vnp_parse_amount(vnp_get(&m, "vnp_Amount"));
	if (out->txn_ref != NULL && strlen(out->txn_ref) <= 32 &&
	    payments_by_ref(app->db, app->arena, out->txn_ref, &p,
	    &found) == DB_OK && found) {
		out->dossier_code = p.dossier_code;
		out->state = pay_state_names[p.state];
	}
	return UC_OK;
}

enum uc_status
uc_pay_list(struct app *app, int64_t dossier_id, struct payment **v,
    size_t *n, struct uc_error *err)
{
	enum db_status	rc;

	if ((rc = payments_of_dossier(app->db, app->arena, dossier_id, v,
	    n)) != DB_OK)
		return uc_db_fail(err, rc);
	return UC_OK;
}

/* ---- reconciliation (querydr) -------------------------------------- */

static void
json_free(void *j)
{
	json_decref(j);
}

static const char *
jstr(json_t *o, const char *k)
{
	json_t	*v = json_object_get(o, k);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/*
 * The querydr answer's checksum, over its values joined with '|' in the
 * gateway's order: vnp_ResponseId|vnp_Command|vnp_ResponseCode|
 * vnp_Message|vnp_TmnCode|vnp_TxnRef|vnp_Amount|vnp_BankCode|vnp_PayDate|
 * vnp_TransactionNo|vnp_TransactionType|vnp_TransactionStatus|
 * vnp_OrderInfo|vnp_PromotionCode|vnp_PromotionAmount (check against
 * the current guide).
 */
static int
answer_ok(struct app *app, json_t *o, const char *key)
{
	static const char *const keys[] = { "vnp_ResponseId", "vnp_Command",
	    "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode", "vnp_TxnRef",
	    "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo",
	    "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo",
	    "vnp_PromotionCode", "vnp_PromotionAmount" };
	const char	*h = jstr(o, "vnp_SecureHash"), *v;
	char		*data = "";
	size_t		 i;

	if (h == NULL)
		return 0;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		v = jstr(o, keys[i]);
		data = arena_printf(app->arena, "%s%s%s", data, i ? "|" : "",
		    v ? v : "");
	}
	return hash_equal(h, vnp_hmac(app->arena, key, data));
}

/* Ask the gateway of p: 1 settled (o filled), 0 nothing to do, -1
 * error. */
static int
querydr(struct app *app, const struct payment *p, const char *key,
    struct pay_outcome *o)
{
	struct vnp_querydr q;
	char		 rid[33], t0[15], tc[15];
	const char	*body, *ans, *rc, *ts;
	json_t		*j, *r;

	random_hex(rid, 16);
	vnp_time(app->now, t0);
	vnp_time(p->created_at, tc);
	q.request_id = rid;
	q.version = VNP_VERSION;
	q.command = "querydr";
	q.tmn_code = app->cfg->vnpay_tmn_code;
	q.txn_ref = p->txn_ref;
	q.transaction_date = tc;
	q.create_date = t0;
	q.ip_addr = "127.0.0.1";
	q.order_info = arena_printf(app->arena, "Truy van %s", p->txn_ref);
	j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "vnp_RequestId", q.request_id, "vnp_Version", q.version,
	    "vnp_Command", q.command, "vnp_TmnCode", q.tmn_code,
	    "vnp_TxnRef", q.txn_ref, "vnp_TransactionDate",
	    q.transaction_date, "vnp_CreateDate", q.create_date,
	    "vnp_IpAddr", q.ip_addr, "vnp_OrderInfo", q.order_info,
	    "vnp_SecureHash", vnp_hmac(app->arena, key,
	    vnp_querydr_data(app->arena, &q)));
	body = app_json_text(app->arena, j);
	if ((ans = gateway_post(app->arena, app->cfg->vnpay_api_url, body,
	    10000)) == NULL)
		return -1;
	if ((r = json_loads(ans, 0, NULL)) == NULL)
		return -1;
	arena_cleanup(app->arena, json_free, r);
	if (!answer_ok(app, r, key))
		return -1;
	rc = jstr(r, "vnp_ResponseCode");
	ts = jstr(r, "vnp_TransactionStatus");
	memset(o, 0, sizeof(*o));
	o->at = app->now;
	if (rc != NULL && strcmp(rc, "91") == 0) {
		/* Unknown to the gateway: the citizen never paid. */
		if (app->now - p->created_at < 2 * EXPIRE_SECONDS)
			return 0;
		o->state = PAY_FAILED;
		o->response_code = "91";
		return 1;
	}
	if (rc == NULL || strcmp(rc, "00") != 0 || ts == NULL)
		return -1;
	if (jstr(r, "vnp_TxnRef") == NULL ||
	    strcmp(jstr(r, "vnp_TxnRef"), p->txn_ref) != 0 ||
	    vnp_parse_amount(jstr(r, "vnp_Amount")) != p->amount)
		return -1;
	if (strcmp(ts, "01") == 0 &&
	    app->now - p->created_at < 2 * EXPIRE_SECONDS)
		return 0;		/* not completed yet */
	o->state = strcmp(ts, "00") == 0 ? PAY_PAID : PAY_FAILED;
	o->transaction_no = nz(jstr(r, "vnp_TransactionNo"));
	o->bank_code = nz(jstr(r, "vnp_BankCode"));
	o->response_code = "00";
	o->transaction_status = ts;
	o->pay_date = nz(jstr(r, "vnp_PayDate"));
	return 1;
}

int
uc_pay_reconcile(struct app *app, int64_t min_age, struct pay_reconcile *r)
{
	struct pay_outcome o;
	struct payment	*v;
	const char	*key;
	size_t		 i, n;
	int		 k;

	memset(r, 0, sizeof(*r));
	if (!configured(app) || app->cfg->vnpay_api_url == NULL ||
	    *app->cfg->vnpay_api_url == '\0' || (key = secret(app)) == NULL) {
		fprintf(stderr, "motcua: payments: set MOTCUA_VNPAY_URL, "
		    "MOTCUA_VNPAY_API_URL, MOTCUA_VNPAY_TMN_CODE and "
		    "MOTCUA_VNPAY_SECRET_FILE\n");
		return -1;
	}
	if (payments_stale(app->db, app->arena, app->now - min_age, 500, &v,
	    &n) != DB_OK) {
		fprintf(stderr, "motcua: payments: the database failed\n");
		return -1;
	}
	for (i = 0; i < n; i++) {
		r->asked++;
		if ((k = querydr(app, &v[i], key, &o)) == -1) {
			r->errors++;
			continue;
		}
		if (k == 0) {
			r->unchanged++;
			continue;
		}
		switch (settle(app, &v[i], &o, "querydr")) {
		case SETTLED:
			if (o.state == PAY_FAILED)
				r->failed++;
			else
				r->paid++;
			break;
		case SETTLE_DONE_BEFORE:
			r->unchanged++;
			break;
		default:
			r->errors++;
			break;
		}
	}
	return 0;
}
