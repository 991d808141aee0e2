/*
 * citizen.c - the citizen's journey in pages (render.h):
 *   GET  /services/{code}/apply        303 to the service's page (the
 *                                      form): where sign-in returns
 *   POST /services/{code}/apply        file the application form
 *                                      (csrf): 303 to the receipt, or
 *                                      the form again with its errors
 *   GET  /dossiers/{code}/receipt      the receipt (Mẫu 01-like): code,
 *                                      service, received, due, the PIN
 *                                      (once), a QR code of the lookup
 *                                      (on MOTCUA_PUBLIC_URL)
 *   GET  /my                           my dossiers
 * The dossier page, and what the citizen does there, are
 * dossier.c's.
 *
 * The PIN is shown once, right after submission: the 303 of the apply
 * sets a cookie "motcua_receipt" (HttpOnly, SameSite=Strict, path the
 * receipt's own, 10 minutes) holding the idempotency key of the form;
 * the PIN is derived from that key and the dossier (dossier_pin), so
 * the receipt recomputes it when the cookie names this dossier of this
 * applicant, and clears the cookie.  The PIN is never in a URL (logs,
 * history, Referer; not in the QR code's lookup link either, which
 * carries the code only) and never stored in clear.  Viewed again, the
 * receipt says the PIN was shown at submission.
 *
 * Sign-in, sign-out and registration are account.c's.
 */
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/config.h"
#include "base/hash.h"
#include "core/def.h"
#include "core/dossier.h"
#include "core/validate.h"
#include "core/wf.h"
#include "app/dossier.h"
#include "web/web.h"
#include "web/next.h"
#include "web/pages/pages.h"
#include "web/render.h"
#include "web/session.h"
#include "store/db.h"
#include "store/dossiers.h"

#define RECEIPT_COOKIE	"motcua_receipt"
#define MY_LIMIT	100

/* ---- POST /services/{code}/apply ----------------------------------- */

static const char *
receipt_path(struct wreq *r, const char *code)
{
	return arena_printf(r->app.arena, "/dossiers/%s/receipt", code);
}

static int
https(const struct wreq *r)
{
	const char	*s = req_env(r->h, "HTTPS");

	return s != NULL && strcmp(s, "on") == 0;
}

/* Where sign-in comes back to, for a form that was not yet filled. */
void
h_page_apply_form(struct wreq *r, struct resp *w)
{
	const char	*code = r->pathvars.v[0].val;
	enum lang	 lang;

	if (view_lang(r, w, &lang) == -1)
		return;
	if (defs_workflow(r->app.defs, code) == NULL) {
		http_error(r->h, w, HERR_NOT_FOUND, "code",
		    "There is no service with this code.",
		    "Không có dịch vụ với mã này.");
		return;
	}
	resp_redirect(r->h, w, 303, arena_printf(r->app.arena, "/services/%s%s",
	    next_encode(r->app.arena, code), lang == LANG_EN ? "?lang=en" : ""));
}

void
h_page_apply(struct wreq *r, struct resp *w)
{
	const struct workflow	*wf;
	const struct kv		*key;
	struct receipt		 rc;
	struct uc_error		 err;
	struct form_in		 fi;
	struct input		*in;
	struct kvlist		 values;
	enum uc_status		 st;
	enum lang		 lang;
	size_t			 n = 0;

	if (view_lang(r, w, &lang) == -1)
		return;
	if ((wf = defs_workflow(r->app.defs, r->pathvars.v[0].val)) == NULL) {
		http_error(r->h, w, HERR_NOT_FOUND, "code",
		    "There is no service with this code.",
		    "Không có dịch vụ với mã này.");
		return;
	}
	/* The form's fields as inputs; files with their bytes. */
	pages_form_inputs(r, wf->form, &in, &n, &values);
	key = req_field(r->h, "idempotency_key");
	/* A page's files are parts named by their fields (in[]). */
	fi = (struct form_in){ .v = in, .n = n };
	/* The key goes into the receipt's cookie: the form's own shape
	 * only, nothing a cookie would read as an attribute. */
	if (key == NULL || !pages_key_shape(key->val))
		st = uc_fail(&err, UC_BAD_INPUT, "idempotency_key",
		    "The form's key is not one this site made; reload the "
		    "form and send it again.",
		    "Mã của biểu mẫu không do trang này tạo; vui lòng tải "
		    "lại biểu mẫu và gửi lại.");
	else
		st = uc_submit(&r->app, wf, &fi, key->val, &rc, &err);
	switch (st) {
	case UC_OK:
	case UC_REPLAY:
		break;
	case UC_INVALID:
		render(pages_service(r, lang, wf, &values, err.errs,
		    err.nerrs), w, 422);
		return;
	case UC_CONFLICT:
	case UC_BAD_INPUT:
	case UC_BAD_REQUEST: {
		struct field_error fe;

		memset(&fe, 0, sizeof(fe));
		fe.field = err.field;
		fe.msg_vi = err.vi != NULL ? err.vi : "Hồ sơ chưa được nộp.";
		fe.msg_en = err.en != NULL ? err.en :
		    "The application was not filed.";
		render(pages_service(r, lang, wf, &values, &fe, 1), w,
		    st == UC_CONFLICT ? 409 : 422);
		return;
	}
	default:
		web_reply(r, w, st, &err);
		return;
	}
	resp_header(r->h, w, "Set-Cookie", arena_printf(r->app.arena,
	    RECEIPT_COOKIE "=%s; Path=%s; Max-Age=600; HttpOnly; "
	    "SameSite=Strict%s", key->val, receipt_path(r, rc.d.code),
	    https(r) ? "; Secure" : ""));
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_redirect(r->h, w, 303, lang == LANG_EN ? arena_printf(r->app.arena,
	    "%s?lang=en", receipt_path(r, rc.d.code)) :
	    receipt_path(r, rc.d.code));
}

/* ---- the receipt ---------------------------------------------------- */

/* The last cookie of this name, or NULL. */
static const char *
cookie(const struct wreq *r, const char *name)
{
	size_t	i;

	for (i = r->h->cookies.n; i > 0; i--)
		if (strcmp(r->h->cookies.v[i - 1].key, name) == 0)
			return r->h->cookies.v[i - 1].val;
	return NULL;
}

/*
 * The QR code of url as the path of an SVG (one subpath per run of
 * dark modules in a row), in module units; *size the modules a side.
 */
static const char *
qr_path(struct wreq *r, const char *url, int *size)
{
	QRcode		*q;
	char		*d, *p;
	int		 x, y, run, w, k;
	size_t		 cap;

	if ((q = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) ==
	    NULL)
		return NULL;
	w = q->width;
	/* At most w/2 runs a row of at most 20 bytes each. */
	cap = (size_t)w * (size_t)w * 12 + 1;
	p = d = arena_alloc(r->app.arena, cap);
	*p = '\0';
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x += run > 0 ? run : 1) {
			for (run = 0; x + run < w &&
			    (q->data[y * w + x + run] & 1); run++)
				;
			if (run > 0 && (k = snprintf(p, cap - (size_t)(p - d),
			    "M%d %dh%dv1h-%dz", x, y, run, run)) > 0 &&
			    (size_t)k < cap - (size_t)(p - d))
				p += k;
		}
	*size = w;
	QRcode_free(q);
	return d;
}

/*
 * The lookup link as an absolute URL on the configured public address
 * (MOTCUA_PUBLIC_URL), never the request's Host: a forged Host must not
 * put another site's address on a receipt or in its QR code.
 */
static const char *
lookup_url(struct wreq *r, const char *rel)
{
	return arena_printf(r->app.arena, "%s%s", r->app.cfg->public_url, rel);
}

void
h_page_receipt(struct wreq *r, struct resp *w)
{
	struct dossier_view_full dv;
	struct dossier	 d;
	struct view	*v;
	xmlNodePtr	 rc, qr;
	const char	*key, *url, *path;
	char		 keyhash[SHA256_HEX_LEN + 1], pin[PIN_LEN + 1];
	enum lang	 lang;
	int		 size = 0;

	if (pages_dossier_get(r, w, &lang, &dv) == -1)
		return;
	v = view_new(r, PAGE_RECEIPT, lang);
	view_attr(v->root, "path", receipt_path(r, dv.d.code));
	rc = view_el(v->root, "receipt", NULL);
	pages_dossier_facts(v, rc, &dv.d, dv.wf);
	url = lookup_url(r, arena_printf(r->app.arena, "/lookup?code=%s",
	    dv.d.code));
	/* Shown once: the key of the submission, in its cookie. */
	pin[0] = '\0';
	if ((key = cookie(r, RECEIPT_COOKIE)) != NULL &&
	    pages_key_shape(key)) {
		sha256_hex(key, strlen(key), keyhash);
		if (dossiers_by_key(r->app.db, r->app.arena, r->app.actor.user_id, keyhash,
		    &d) == DB_OK && d.id != 0 && d.pin_salt != NULL &&
		    strcmp(d.code, dv.d.code) == 0)
			dossier_pin(key, d.code, d.pin_salt, pin);
		resp_header(r->h, w, "Set-Cookie", arena_printf(r->app.arena,
		    RECEIPT_COOKIE "=; Path=%s; Max-Age=0; HttpOnly; "
		    "SameSite=Strict", receipt_path(r, dv.d.code)));
	}
	/* Never in the link: the PIN stays out of URLs (and logs). */
	if (pin[0] != '\0')
		view_attr(rc, "pin", pin);
	view_attr(rc, "lookup", url);
	if ((path = qr_path(r, url, &size)) != NULL) {
		qr = view_el(rc, "qr", NULL);
		view_attrf(qr, "size", "%d", size);
		view_attrf(qr, "box", "-4 -4 %d %d", size + 8, size + 8);
		view_attr(qr, "d", path);
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	render(v, w, 200);
}

/* ---- my dossiers, one dossier -------------------------------------- */

void
h_page_my(struct wreq *r, struct resp *w)
{
	struct dossier_filter	 f;
	struct dossier		*list;
	struct pauses		 p;
	struct uc_error		 err;
	struct view		*v;
	xmlNodePtr		 l, n;
	enum uc_status		 st;
	enum lang		 lang;
	size_t			 cnt, i;

	if (view_lang(r, w, &lang) == -1)
		return;
	memset(&f, 0, sizeof(f));
	f.overdue = -1;
	f.limit = MY_LIMIT;
	f.now = r->app.now;
	if ((st = uc_list(&r->app, &f, &list, &cnt, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	v = view_new(r, PAGE_MY, lang);
	view_attr(v->root, "path", "/my");
	l = view_el(v->root, "dossiers", NULL);
	for (i = 0; i < cnt; i++) {
		n = view_el(l, "dossier", NULL);
		pages_dossier_facts(v, n, &list[i], defs_workflow(r->app.defs,
		    list[i].service));
		if (list[i].completed_at == 0) {
			if (uc_pauses(list[i].paused, &p) == -1)
				memset(&p, 0, sizeof(p));
			pages_remaining(n, uc_remaining(&r->app, &list[i], &p, f.now),
			    dossier_paused(&p));
		}
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	render(v, w, 200);
}
