/*
 * staff.c - the staff's pages (render.h):
 *   GET  /inbox                          the dossiers the unit holds
 *                                        (inspectors: all, read-only),
 *                                        by due date; filters service,
 *                                        state, due=overdue|soon, code
 *                                        (the whole code); page
 *   GET  /inbox/{code}                   one dossier: form data,
 *                                        attachments, history, time
 *                                        remaining, and a form for each
 *                                        action open to this user now
 *   POST /inbox/{code}/actions/{action}  take it (csrf): 303 back to the
 *                                        dossier (or the inbox when the
 *                                        unit no longer holds it), or
 *                                        the page again with the error
 *
 * The actions offered are exactly uc_get's (wf_available for this
 * user); uc_act checks them again.  Inspectors see no forms and their
 * POST is refused by uc_act (403, audited).
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "core/def.h"
#include "core/dossier.h"
#include "core/wf.h"
#include "app/dossier.h"
#include "app/json.h"
#include "store/payments.h"
#include "web/web.h"
#include "web/pages/pages.h"
#include "web/render.h"
#include "store/dossiers.h"

#define INBOX_PAGE	50	/* rows a page: the page stays under 30 KB */
#define INBOX_PAGES	1000
#define DUE_SOON_MIN	480	/* one working day, as the API says */

/* Working time left, paused, and the flag: overdue (escalated by a
 * timer, or past its due time) or due soon. */
static void
flag_attrs(xmlNodePtr n, int64_t m, int paused, int64_t escalated)
{
	pages_remaining(n, m, paused);
	if (escalated != 0) {
		view_attr(n, "flag", "overdue");
		return;
	}
	if (paused || m == INT64_MIN)
		return;
	if (m < 0)
		view_attr(n, "flag", "overdue");
	else if (m < DUE_SOON_MIN)
		view_attr(n, "flag", "soon");
}

static void
filter_error(struct wreq *r, struct resp *w, const char *field)
{
	http_error(r->h, w, HERR_FIELD_INVALID, field,
	    "Not one of the values this filter takes.",
	    "Không phải một giá trị của bộ lọc này.");
}

/* ---- GET /inbox ---------------------------------------------------- */

void
h_page_inbox(struct wreq *r, struct resp *w)
{
	struct dossier_filter	 f;
	struct dossier		*list;
	struct pauses		 p;
	struct uc_error		 err;
	struct view		*v;
	const struct kv		*kv;
	const struct workflow	*wf;
	xmlNodePtr		 box, fl, n, o;
	enum uc_status		 st;
	enum lang		 lang;
	const char		*due = NULL, *base;
	int64_t			 m;
	size_t			 cnt, i, k;
	long			 pg = 1;
	char			*end;

	if (view_lang(r, w, &lang) == -1)
		return;
	memset(&f, 0, sizeof(f));
	f.overdue = -1;
	f.box = BOX_INBOX;
	if ((kv = req_arg(r->h, "page")) != NULL) {
		pg = strtol(kv->val, &end, 10);
		if (kv->val[0] < '1' || kv->val[0] > '9' || *end != '\0' ||
		    pg < 1 || pg > INBOX_PAGES) {
			filter_error(r, w, "page");
			return;
		}
	}
	/* One more than a page: is there a next one? */
	f.limit = INBOX_PAGE + 1;
	f.offset = (int)(pg - 1) * INBOX_PAGE;
	if ((kv = req_arg(r->h, "service")) != NULL && kv->val[0] != '\0') {
		if (defs_workflow(r->app.defs, kv->val) == NULL) {
			filter_error(r, w, "service");
			return;
		}
		f.service = kv->val;
	}
	if ((kv = req_arg(r->h, "state")) != NULL && kv->val[0] != '\0') {
		if (!pages_ident(kv->val)) {
			filter_error(r, w, "state");
			return;
		}
		f.state = kv->val;
	}
	if ((kv = req_arg(r->h, "code")) != NULL && kv->val[0] != '\0' &&
	    (st = uc_code_filter(&r->app, kv->val, &f, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	if ((kv = req_arg(r->h, "due")) != NULL && kv->val[0] != '\0') {
		if (strcmp(kv->val, "overdue") == 0)
			f.overdue = 1;
		else if (strcmp(kv->val, "soon") != 0) {
			filter_error(r, w, "due");
			return;
		} else
			f.overdue = 0;
		due = kv->val;
	}
	f.now = r->app.now;
	if ((st = uc_list(&r->app, &f, &list, &cnt, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	v = view_new(r, PAGE_INBOX, lang);
	view_attr(v->root, "path", "/inbox");
	box = view_el(v->root, "inbox", NULL);
	if (r->app.actor.kind == ACTOR_INSPECTOR)
		view_attr(box, "readonly", "1");
	if ((kv = req_arg(r->h, "moved")) != NULL && dossier_code_shape(kv->val))
		view_attr(box, "moved", kv->val);
	/* The filter form: every service and its states. */
	fl = view_el(box, "filters", NULL);
	view_attr(fl, "service", f.service);
	view_attr(fl, "state", f.state);
	view_attr(fl, "due", due);
	view_attr(fl, "code", f.code);
	for (i = 0; i < r->app.defs->nworkflows; i++) {
		wf = &r->app.defs->workflows[i];
		o = view_el(fl, "service", view_text(v, &wf->name));
		view_attr(o, "code", wf->code);
	}
	for (i = 0; i < r->app.defs->nworkflows; i++) {
		wf = &r->app.defs->workflows[i];
		if (f.service != NULL && strcmp(wf->code, f.service) != 0)
			continue;
		for (k = 0; k < wf->nstates; k++) {
			o = view_el(fl, "state", view_text(v,
			    &wf->states[k].name));
			view_attr(o, "id", wf->states[k].id);
			if (f.service == NULL)
				view_attr(o, "service", view_text(v,
				    &wf->name));
		}
	}
	/* Links to the pages before and after, with the same filters
	 * (checked above: they need no escaping in a URL). */
	base = arena_printf(r->app.arena, "/inbox?%s%s%s%s%s%s%s%s%s",
	    lang == LANG_EN ? "lang=en&" : "",
	    f.code != NULL ? "code=" : "", f.code != NULL ?
	    arena_printf(r->app.arena, "%s&", f.code) : "",
	    f.service != NULL ? "service=" : "", f.service != NULL ?
	    arena_printf(r->app.arena, "%s&", f.service) : "",
	    f.state != NULL ? "state=" : "", f.state != NULL ?
	    arena_printf(r->app.arena, "%s&", f.state) : "",
	    due != NULL ? "due=" : "", due != NULL ?
	    arena_printf(r->app.arena, "%s&", due) : "");
	view_attrf(box, "page", "%ld", pg);
	if (pg > 1)
		view_attr(box, "prev", arena_printf(r->app.arena, "%spage=%ld",
		    base, pg - 1));
	if (cnt > INBOX_PAGE) {
		cnt = INBOX_PAGE;
		view_attr(box, "next", arena_printf(r->app.arena, "%spage=%ld",
		    base, pg + 1));
	}
	for (i = 0; i < cnt; i++) {
		if (uc_pauses(list[i].paused, &p) == -1)
			memset(&p, 0, sizeof(p));
		m = list[i].completed_at == 0 ? uc_remaining(&r->app, &list[i], &p,
		    f.now) : INT64_MIN;
		if (due != NULL && strcmp(due, "soon") == 0 &&
		    (m == INT64_MIN || m < 0 || m >= DUE_SOON_MIN ||
		    dossier_paused(&p)))
			continue;
		n = view_el(box, "dossier", NULL);
		pages_dossier_facts(v, n, &list[i], defs_workflow(r->app.defs,
		    list[i].service));
		if (list[i].completed_at == 0)
			flag_attrs(n, m, dossier_paused(&p),
			    list[i].escalated_at);
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	render(v, w, 200);
}

/* ---- GET /inbox/{code} --------------------------------------------- */

/* The units the dossier's unit fields name, in one statement (none
 * when the database does not answer: the codes are shown). */
static void
data_units(struct view *v, const struct form *fm, json_t *root,
    struct unit **u, size_t *n)
{
	struct wreq	*r = v->r;
	const char	**codes, *s;
	size_t		 i, nc = 0;

	*u = NULL;
	*n = 0;
	codes = arena_calloc(r->app.arena, fm->nfields + 1, sizeof(*codes));
	for (i = 0; i < fm->nfields; i++)
		if (fm->fields[i].type == FT_UNIT && (s = json_string_value(
		    json_object_get(root, fm->fields[i].id))) != NULL)
			codes[nc++] = s;
	if (nc == 0 || r->app.db == NULL || units_by_codes(r->app.db,
	    r->app.arena, codes, nc, u, n) != DB_OK)
		*n = 0;
}

/* A value of the dossier's data as text: options by their label, units
 * by their name (u[0..nu)). */
static const char *
value_text(struct view *v, const struct field *fd, json_t *j,
    const struct unit *u, size_t nu)
{
	const char	*s;
	size_t		 k;

	switch (json_typeof(j)) {
	case JSON_STRING:
		s = json_string_value(j);
		break;
	case JSON_INTEGER:
	case JSON_REAL:
		return app_json_scalar(v->r->app.arena, j);
	case JSON_TRUE:
		return "✓";
	case JSON_FALSE:
		return "–";
	default:
		return NULL;
	}
	for (k = 0; k < fd->noptions; k++)
		if (strcmp(fd->options[k].value, s) == 0)
			return view_text(v, &fd->options[k].label);
	for (k = 0; fd->type == FT_UNIT && k < nu; k++)
		if (strcmp(u[k].code, s) == 0)
			return arena_printf(v->r->app.arena, "%s (%s)",
			    pages_unit_name(v, u[k].name_vi, u[k].name_en), s);
	return s;
}

/* The form's data by its fields, in the form's order, with labels. */
static void
data_view(struct view *v, xmlNodePtr parent, const struct dossier_view_full
    *dv)
{
	const struct form	*fm;
	const struct field	*fd;
	xmlNodePtr		 data, fe;
	json_t			*root, *j, *e;
	struct unit		*u;
	const char		*s;
	size_t			 i, k, nu;

	if (dv->wf == NULL || (fm = dv->wf->form) == NULL ||
	    dv->d.data == NULL ||
	    (root = json_loads(dv->d.data, 0, NULL)) == NULL)
		return;
	data = view_el(parent, "data", NULL);
	data_units(v, fm, root, &u, &nu);
	for (i = 0; i < fm->nfields; i++) {
		fd = &fm->fields[i];
		if (fd->type == FT_FILE ||
		    (j = json_object_get(root, fd->id)) == NULL ||
		    json_is_null(j))
			continue;
		fe = view_el(data, "field", NULL);
		view_attr(fe, "id", fd->id);
		view_attr(fe, "label", view_text(v, &fd->label));
		if (json_is_array(j)) {
			json_array_foreach(j, k, e)
				if ((s = value_text(v, fd, e, u, nu)) != NULL)
					view_el(fe, "value", s);
		} else if ((s = value_text(v, fd, j, u, nu)) != NULL)
			view_el(fe, "value", s);
	}
	json_decref(root);
}

/*
 * The staff's dossier page; done: the action just taken (a notice);
 * failed: the action refused, with field (comment, reason or NULL) and
 * the message, and the text entered kept.
 */
static struct view *
staff_dossier_view(struct wreq *r, enum lang lang,
    const struct dossier_view_full *dv, const char *done, const char *failed,
    const char *field, const char *msg, const char *entered)
{
	const struct workflow	*wf = dv->wf;
	struct view		*v;
	xmlNodePtr		 n, e, acts, a;
	size_t			 i, ai;

	v = view_new(r, PAGE_STAFF_DOSSIER, lang);
	view_attr(v->root, "path", arena_printf(r->app.arena, "/inbox/%s",
	    dv->d.code));
	n = view_el(v->root, "dossier", NULL);
	pages_dossier_facts(v, n, &dv->d, wf);
	if (dv->d.completed_at == 0)
		flag_attrs(n, dv->remaining, dossier_paused(&dv->pauses),
		    dv->d.escalated_at);
	if (r->app.actor.kind == ACTOR_INSPECTOR)
		view_attr(n, "readonly", "1");
	if (done != NULL && wf != NULL && pages_ident(done) &&
	    (ai = wf_action(wf, done)) != DEF_NONE)
		view_attr(n, "done", view_text(v, &wf->actions[ai].label));
	data_view(v, n, dv);
	(void)pages_rating(n, &dv->d);
	pages_attachments(v, n, dv);
	/* Its payments: a refund-due one is for staff to refund. */
	if (dv->npayments > 0) {
		a = view_el(n, "payments", NULL);
		for (i = 0; i < dv->npayments; i++) {
			e = view_el(a, "payment", NULL);
			view_attr(e, "ref", dv->payments[i].txn_ref);
			view_attrf(e, "amount", "%lld",
			    (long long)dv->payments[i].amount);
			view_attr(e, "state",
			    pay_state_names[dv->payments[i].state]);
		}
	}
	(void)pages_documents(v, n, dv);
	pages_history(v, n, dv, 1);
	pages_messages(v, n, dv, 1);
	acts = view_el(n, "actions", NULL);
	if (failed != NULL && msg != NULL) {
		e = view_el(acts, "error", msg);
		view_attr(e, "action", failed);
		view_attr(e, "field", field);
	}
	if (r->app.actor.kind != ACTOR_STAFF || wf == NULL)
		return v;
	for (i = 0; i < dv->nactions; i++) {
		const struct action *ac = &wf->actions[dv->actions[i]];

		a = view_el(acts, "action", view_text(v, &ac->label));
		view_attr(a, "id", ac->id);
		if (ac->inputs & INPUT_REASON)
			view_attr(a, "requires", "reason");
		else if (ac->inputs & INPUT_COMMENT)
			view_attr(a, "requires", "comment");
		if (failed != NULL && strcmp(failed, ac->id) == 0) {
			view_attr(a, "failed", "1");
			view_attr(a, "entered", entered);
		}
	}
	return v;
}

void
h_page_inbox_dossier(struct wreq *r, struct resp *w)
{
	struct dossier_view_full dv;
	const struct kv		*done;
	enum lang		 lang;

	if (pages_dossier_get(r, w, &lang, &dv) == -1)
		return;
	done = req_arg(r->h, "done");
	resp_header(r->h, w, "Cache-Control", "no-store");
	render(staff_dossier_view(r, lang, &dv, done != NULL ? done->val :
	    NULL, NULL, NULL, NULL, NULL), w, 200);
}

/* ---- POST /inbox/{code}/actions/{action} --------------------------- */

void
h_page_inbox_act(struct wreq *r, struct resp *w)
{
	struct dossier_view_full dv, again;
	struct uc_error		 err, err2;
	const struct kv		*ckv, *rkv;
	const char		*code = r->pathvars.v[0].val;
	const char		*action = r->pathvars.v[1].val;
	const char		*comment, *reason, *msg, *q;
	enum uc_status		 st;
	enum lang		 lang;
	int			 status;

	if (view_lang(r, w, &lang) == -1)
		return;
	ckv = req_field(r->h, "comment");
	rkv = req_field(r->h, "reason");
	comment = ckv != NULL ? ckv->val : NULL;
	reason = rkv != NULL ? rkv->val : NULL;
	q = lang == LANG_EN ? "lang=en&" : "";
	st = uc_act(&r->app, code, action, comment, reason, NULL, &dv, &err);
	if (st == UC_OK) {
		resp_header(r->h, w, "Cache-Control", "no-store");
		if (r->app.actor.unit_id != 0 &&
		    dv.d.holder_unit_id == r->app.actor.unit_id)
			resp_redirect(r->h, w, 303, arena_printf(r->app.arena,
			    "/inbox/%s?%sdone=%s", dv.d.code, q, action));
		else
			resp_redirect(r->h, w, 303, arena_printf(r->app.arena,
			    "/inbox?%smoved=%s", q, dv.d.code));
		return;
	}
	if ((status = pages_refusal_status(st)) == 0) {
		web_reply(r, w, st, &err);
		return;
	}
	/* The page again, with the error beside the field or on top. */
	if (uc_get(&r->app, code, &again, &err2) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	msg = lang == LANG_EN ? err.en : err.vi;
	if (msg == NULL)
		msg = lang == LANG_EN ? "The action was not taken." :
		    "Thao tác chưa được thực hiện.";
	if (err.field != NULL && strcmp(err.field, "comment") != 0 &&
	    strcmp(err.field, "reason") != 0)
		err.field = NULL;
	resp_header(r->h, w, "Cache-Control", "no-store");
	render(staff_dossier_view(r, lang, &again, NULL, pages_ident(action) ?
	    action : "", err.field, msg, err.field != NULL &&
	    strcmp(err.field, "comment") == 0 ? comment : reason), w, status);
}
