/*
 * dossier.c - the citizen's dossier page, and what the citizen
 * does there (render.h):
 *   GET  /dossiers/{code}                  status, dates, time left,
 *        attachments (download links), history; when the citizen must
 *        act (a supplement requested, status 5), that and the staff's
 *        reason on top; a form per action open to the applicant
 *        (uc_get's, wf_available): withdrawing (with a warning, and its
 *        reason or comment when the workflow asks for one), answering a
 *        supplement request (the form's fields a supplement may change,
 *        with their values as filed, file inputs (multipart) and a
 *        checkbox "remove" beside each file attached now); once
 *        the dossier is completed, the rating form, or the rating given
 *   POST /dossiers/{code}/actions/{action} uc_act, as the API's POST
 *        /api/v1/dossiers/{code}/actions/{action} (csrf)
 *   POST /dossiers/{code}/rating           uc_rate, as the API's (csrf)
 * A change done: 303 to the page with ?done=ACTION (or rate): a notice.
 * Refused: the page again, the error beside its field (the values
 * entered kept) or on top: 422, 403 or 409.
 *
 * The action's own comment and reason are posted as action_comment and
 * action_reason: a form may have a field "reason" (the school
 * transfer's), which a supplement answer sends as a field.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "core/def.h"
#include "core/dossier.h"
#include "core/rating.h"
#include "core/validate.h"
#include "core/wf.h"
#include "app/docs.h"
#include "app/dossier.h"
#include "web/web.h"
#include "web/pages/pages.h"
#include "web/render.h"
#include "store/dossiers.h"
#include "store/notifications.h"

/* What the page says besides the dossier: a notice after a change, or
 * a refused form with what was entered. */
struct page_state {
	const char	*done;		/* ?done=: "rate" or an action id */
	const char	*failed;	/* "rate" or the action refused */
	const char	*field;		/* the error's field, or NULL: on top */
	const char	*msg;		/* the error */
	const struct field_error *errs;	/* a supplement's fields */
	size_t		 nerrs;
	const struct kvlist *values;	/* a supplement's values entered */
	const char	*comment;	/* entered: the action's, the rating's */
	const char	*reason;
	const char	*rating;
};

/* The stored data as the values of the supplement form. */
static const struct kvlist *
filed_values(struct wreq *r, const char *data)
{
	struct kvlist	*out;
	struct input	*in;
	size_t		 n, i;

	uc_stored_inputs(&r->app, data, &in, &n);
	out = arena_calloc(r->app.arena, 1, sizeof(*out));
	out->v = arena_calloc(r->app.arena, n + 1, sizeof(*out->v));
	for (i = 0; i < n; i++)
		if (in[i].filename == NULL)
			pages_kv_of(r, &out->v[out->n++], &in[i]);
	return out;
}

/* Answering a supplement request: the applicant's action that takes
 * the dossier from a paused state back to a running one (uc_act lets
 * only that one change the application). */
static int
answers_supplement(const struct workflow *wf, size_t state,
    const struct action *ac)
{
	return wf->states[state].clock == CLOCK_PAUSED &&
	    wf->states[ac->to].clock == CLOCK_RUNNING;
}

/* While the applicant must act: why, from the event that asked. */
static void
request_view(xmlNodePtr n, const struct dossier_view_full *dv)
{
	const struct dossier_event *ev;
	xmlNodePtr	 q;
	size_t		 i;

	if (dv->d.holder_unit_id != 0 || dv->d.completed_at != 0)
		return;
	q = view_el(n, "request", NULL);
	for (i = dv->nevents; i > 0; i--) {
		ev = &dv->events[i - 1];
		if (strcmp(ev->to_state, dv->d.state) != 0 ||
		    (ev->from_state != NULL &&
		    strcmp(ev->from_state, dv->d.state) == 0))
			continue;
		pages_time_attr(q, "at", ev->at);
		if (ev->reason != NULL)
			view_el(q, "reason", ev->reason);
		if (ev->comment != NULL)
			view_el(q, "comment", ev->comment);
		break;
	}
}

int
pages_rating(xmlNodePtr n, const struct dossier *d)
{
	xmlNodePtr	e;

	if (d->rating == NULL)
		return 0;
	e = view_el(n, "rating", NULL);
	view_attr(e, "value", d->rating);
	pages_time_attr(e, "at", d->rated_at);
	if (d->rating_comment != NULL)
		view_el(e, "comment", d->rating_comment);
	return 1;
}

static void
rating_view(xmlNodePtr n, const struct dossier_view_full *dv,
    const struct page_state *ps)
{
	xmlNodePtr	 e;

	if (pages_rating(n, &dv->d))
		return;
	if (rating_allowed(1, dv->d.status, dv->d.completed_at, 0) != RATE_OK)
		return;
	e = view_el(n, "rate", NULL);
	if (ps->failed == NULL || strcmp(ps->failed, "rate") != 0)
		return;
	view_attr(e, "rating", ps->rating);
	view_attr(e, "comment", ps->comment);
	if (ps->msg != NULL)
		view_attr(view_el(e, "error", ps->msg), "field", ps->field);
}

/* The files a supplement may remove (or replace): the current ones,
 * each a checkbox "remove" with its id (a/remove/file*[@id, @field]). */
static void
removable(struct view *v, xmlNodePtr a, const struct dossier_view_full *dv)
{
	const struct form	*fm = dv->wf->form;
	xmlNodePtr		 e = NULL, f;
	size_t			 i, k;

	for (i = 0; i < dv->natts; i++) {
		if (dv->atts[i].removed_by != 0)
			continue;
		if (e == NULL)
			e = view_el(a, "remove", NULL);
		f = view_el(e, "file", dv->atts[i].filename);
		view_attrf(f, "id", "%lld", (long long)dv->atts[i].id);
		view_attr(f, "field", (k = form_field(fm, dv->atts[i].field)) !=
		    DEF_NONE ? view_text(v, &fm->fields[k].label) :
		    dv->atts[i].field);
	}
}

static void
actions_view(struct view *v, xmlNodePtr n, const struct dossier_view_full *dv,
    const struct page_state *ps)
{
	const struct workflow	*wf = dv->wf;
	xmlNodePtr		 acts, a, fm;
	size_t			 i;
	int			 failed;

	acts = view_el(n, "actions", NULL);
	if (wf == NULL || dv->state == DEF_NONE)
		return;
	for (i = 0; i < dv->nactions; i++) {
		const struct action *ac = &wf->actions[dv->actions[i]];

		a = view_el(acts, "action", NULL);
		view_attr(a, "id", ac->id);
		view_el(a, "label", view_text(v, &ac->label));
		if (ac->inputs & INPUT_REASON)
			view_attr(a, "requires", "reason");
		else if (ac->inputs & INPUT_COMMENT)
			view_attr(a, "requires", "comment");
		if (wf->states[ac->to].final)
			view_attr(a, "final", "1");
		failed = ps->failed != NULL && strcmp(ps->failed, ac->id) == 0;
		if (failed) {
			view_attr(a, "entered", ac->inputs & INPUT_REASON ?
			    ps->reason : ps->comment);
			if (ps->msg != NULL && ps->field != NULL)
				view_attr(view_el(a, "error", ps->msg),
				    "field", ps->field);
		}
		if (!answers_supplement(wf, dv->state, ac) || wf->form == NULL)
			continue;
		fm = view_el(a, "form", NULL);
		view_attr(a, "supplement", "1");
		pages_form_fields(v, fm, wf->form, failed ? ps->values :
		    filed_values(v->r, dv->d.data), failed ? ps->errs : NULL,
		    failed ? ps->nerrs : 0, 1);
		removable(v, a, dv);
	}
}

void
pages_history(struct view *v, xmlNodePtr n, const struct dossier_view_full *dv,
    int names)
{
	xmlNodePtr	 h, e;
	size_t		 i, st, ai;

	h = view_el(n, "history", NULL);
	for (i = 0; i < dv->nevents; i++) {
		const struct dossier_event *ev = &dv->events[i];

		e = view_el(h, "event", NULL);
		pages_time_attr(e, "at", ev->at);
		view_attr(e, "action", ev->action);
		view_attr(e, "by", ev->actor_kind);
		if (names) {
			view_attr(e, "name", ev->actor_name);
			if (ev->actor_unit_code != NULL)
				view_attr(e, "unit", pages_unit_name(v,
				    ev->actor_unit_vi, ev->actor_unit_en));
		}
		if (dv->wf != NULL && (ai = wf_action(dv->wf, ev->action)) !=
		    DEF_NONE)
			view_el(e, "label", view_text(v,
			    &dv->wf->actions[ai].label));
		if (dv->wf != NULL && (st = wf_state(dv->wf, ev->to_state)) !=
		    DEF_NONE)
			view_el(e, "to", view_text(v, &dv->wf->states[st].name));
		else
			view_el(e, "to", ev->to_state);
		if (ev->comment != NULL)
			view_el(e, "comment", ev->comment);
		if (ev->reason != NULL)
			view_el(e, "reason", ev->reason);
	}
}

void
pages_messages(struct view *v, xmlNodePtr n, const struct dossier_view_full *dv,
    int all)
{
	struct notification *ns;
	xmlNodePtr	 m, e;
	size_t		 i, nn;

	if (notifications_of(v->r->app.db, v->r->app.arena, dv->d.id, 0, &ns,
	    &nn) != DB_OK)
		return;
	m = view_el(n, "messages", NULL);
	for (i = 0; i < nn; i++) {
		if (!all && strcmp(ns[i].state, "sent") != 0)
			continue;
		e = view_el(m, "message", ns[i].subject != NULL ?
		    ns[i].subject : ns[i].body);
		view_attr(e, "channel", ns[i].channel);
		view_attr(e, "state", ns[i].state);
		pages_time_attr(e, "at", ns[i].sent_at != 0 ? ns[i].sent_at :
		    ns[i].created_at);
		view_attrf(e, "attempts", "%d", ns[i].attempts);
		if (all && ns[i].last_error != NULL)
			view_attr(e, "error", ns[i].last_error);
	}
}

void
pages_attachments(struct view *v, xmlNodePtr n,
    const struct dossier_view_full *dv)
{
	const struct form	*fm = dv->wf != NULL ? dv->wf->form : NULL;
	xmlNodePtr		 e, f;
	size_t			 i, k;

	e = view_el(n, "attachments", NULL);
	for (i = 0; i < dv->natts; i++) {
		f = view_el(e, "file", dv->atts[i].filename);
		view_attr(f, "href", arena_printf(v->r->app.arena,
		    "/api/v1/dossiers/%s/attachments/%lld", dv->d.code,
		    (long long)dv->atts[i].id));
		view_attr(f, "type", dv->atts[i].mime);
		view_attrf(f, "size", "%lld", (long long)dv->atts[i].size);
		view_attrf(f, "kb", "%lld",
		    (long long)(dv->atts[i].size + 1023) / 1024);
		view_attr(f, "field", fm != NULL && (k = form_field(fm,
		    dv->atts[i].field)) != DEF_NONE ?
		    view_text(v, &fm->fields[k].label) : dv->atts[i].field);
		if (dv->atts[i].removed_by != 0)
			view_attr(f, "removed", "1");
	}
}

int
pages_documents(struct view *v, xmlNodePtr n,
    const struct dossier_view_full *dv)
{
	struct document	*d;
	struct uc_error	 err;
	char		 at[DOSSIER_TIME_LEN + 1];
	xmlNodePtr	 e, f;
	size_t		 nd, i, k;

	if (uc_dossier_documents(&v->r->app, dv, &d, &nd, &err) != UC_OK)
		return -1;
	e = view_el(n, "documents", NULL);
	for (i = 0; i < nd; i++) {
		f = view_el(e, "document", d[i].result_code);
		view_attr(f, "href", arena_printf(v->r->app.arena,
		    "/api/v1/dossiers/%s/documents/%lld/xml", dv->d.code,
		    (long long)d[i].id));
		for (k = 0; k < v->r->app.defs->ndocs; k++)
			if (strcmp(v->r->app.defs->docs[k].id, d[i].kind) == 0)
				view_attr(f, "kind", view_text(v,
				    &v->r->app.defs->docs[k].name));
		view_attr(f, "serial", d[i].serial);
		view_attr(f, "code", d[i].verification_code);
		view_attr(f, "record", arena_printf(v->r->app.arena,
		    "/api/v1/documents/%s", d[i].verification_code));
		view_attr(f, "status", d[i].status);
		dossier_time_format(d[i].issued_at, at);
		view_attr(f, "at", at);
	}
	return 0;
}

static struct view *
dossier_view(struct wreq *r, enum lang lang, const struct dossier_view_full *dv,
    const struct page_state *ps)
{
	const struct workflow	*wf = dv->wf;
	struct view		*v;
	xmlNodePtr		 n, e;
	size_t			 k;

	v = view_new(r, PAGE_DOSSIER, lang);
	view_attr(v->root, "path", arena_printf(r->app.arena, "/dossiers/%s",
	    dv->d.code));
	n = view_el(v->root, "dossier", NULL);
	pages_dossier_facts(v, n, &dv->d, wf);
	if (dv->d.completed_at == 0)
		pages_remaining(n, dv->remaining, dossier_paused(&dv->pauses));
	if (ps->done != NULL && pages_ident(ps->done)) {
		e = view_el(n, "notice", NULL);
		view_attr(e, "what", ps->done);
		if (wf != NULL && (k = wf_action(wf, ps->done)) != DEF_NONE)
			view_attr(e, "label", view_text(v,
			    &wf->actions[k].label));
	}
	if (ps->msg != NULL && ps->field == NULL)
		view_el(n, "error", ps->msg);
	request_view(n, dv);
	/* The fee to pay, with the button (pages/payment.c's route). */
	if (dv->fee_due > 0) {
		e = view_el(n, "fee", NULL);
		view_attrf(e, "amount", "%lld", (long long)dv->fee_due);
		if (dv->access == ACC_ACT && r->app.actor.kind == ACTOR_CITIZEN &&
		    r->app.actor.user_id == dv->d.applicant_id)
			view_attr(e, "pay", arena_printf(r->app.arena,
			    "/dossiers/%s/pay", dv->d.code));
	}
	rating_view(n, dv, ps);
	actions_view(v, n, dv, ps);
	pages_attachments(v, n, dv);
	(void)pages_documents(v, n, dv);
	pages_history(v, n, dv, 0);
	pages_messages(v, n, dv, 0);
	return v;
}

int
pages_ident(const char *s)
{
	size_t	n = strlen(s);

	return n > 0 && n <= 64 &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

int
pages_dossier_get(struct wreq *r, struct resp *w, enum lang *lang,
    struct dossier_view_full *dv)
{
	struct uc_error	err;
	enum uc_status	st;

	if (view_lang(r, w, lang) == -1)
		return -1;
	if ((st = uc_get(&r->app, r->pathvars.v[0].val, dv, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return -1;
	}
	return 0;
}

/* The start of a GET or a POST: the language and the dossier as the
 * citizen sees it now (for the page again after a refusal). */
static int
begin(struct wreq *r, struct resp *w, enum lang *lang,
    struct dossier_view_full *dv, struct page_state *ps)
{
	memset(ps, 0, sizeof(*ps));
	return pages_dossier_get(r, w, lang, dv);
}

void
h_page_dossier(struct wreq *r, struct resp *w)
{
	struct dossier_view_full dv;
	struct page_state	 ps;
	const struct kv		*done;
	enum lang		 lang;

	if (begin(r, w, &lang, &dv, &ps) == -1)
		return;
	if ((done = req_arg(r->h, "done")) != NULL)
		ps.done = done->val;
	resp_header(r->h, w, "Cache-Control", "no-store");
	render(dossier_view(r, lang, &dv, &ps), w, 200);
}

/* ---- after a POST -------------------------------------------------- */

int
pages_refusal_status(enum uc_status st)
{
	switch (st) {
	case UC_BAD_INPUT:
	case UC_INVALID:
		return 422;
	case UC_FORBIDDEN:
		return 403;
	case UC_CONFLICT:
		return 409;
	default:
		return 0;
	}
}

/* 303 to the page with its notice. */
static void
done(struct wreq *r, struct resp *w, enum lang lang, const char *code,
    const char *what)
{
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_redirect(r->h, w, 303, arena_printf(r->app.arena, "/dossiers/%s?%sdone=%s",
	    code, lang == LANG_EN ? "lang=en&" : "", what));
}

/*
 * A refusal: the page again (dv as loaded before the attempt) with the
 * error, or uc_reply's answer for what is no form's error.
 */
static void
refused(struct wreq *r, struct resp *w, enum lang lang,
    const struct dossier_view_full *dv, enum uc_status st,
    const struct uc_error *err, struct page_state *ps)
{
	int	status;

	if ((status = pages_refusal_status(st)) == 0) {
		web_reply(r, w, st, err);
		return;
	}
	if (st == UC_INVALID) {
		ps->errs = err->errs;
		ps->nerrs = err->nerrs;
	} else {
		ps->msg = lang == LANG_EN ? err->en : err->vi;
		if (ps->msg == NULL)
			ps->msg = lang == LANG_EN ? "Nothing was changed." :
			    "Hồ sơ chưa được thay đổi.";
		ps->field = err->field;
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	render(dossier_view(r, lang, dv, ps), w, status);
}

static const char *
field_val(struct wreq *r, const char *name)
{
	const struct kv	*kv = req_field(r->h, name);

	return kv != NULL ? kv->val : NULL;
}

/* ---- POST /dossiers/{code}/rating ---------------------------------- */

void
h_page_dossier_rate(struct wreq *r, struct resp *w)
{
	struct dossier_view_full dv, after;
	struct page_state	 ps;
	struct uc_error		 err;
	enum uc_status		 st;
	enum lang		 lang;

	if (begin(r, w, &lang, &dv, &ps) == -1)
		return;
	ps.failed = "rate";
	ps.rating = field_val(r, "rating");
	ps.comment = field_val(r, "comment");
	st = uc_rate(&r->app, dv.d.code, ps.rating, ps.comment, &after, &err);
	if (st == UC_OK) {
		done(r, w, lang, dv.d.code, "rate");
		return;
	}
	/* Beside the choices or the comment; a conflict on top. */
	if (st != UC_BAD_INPUT)
		err.field = NULL;
	if (err.field == NULL)
		ps.failed = NULL;
	refused(r, w, lang, &dv, st, &err, &ps);
}

/* ---- POST /dossiers/{code}/actions/{action} ------------------------ */

/* The checkboxes "remove" ticked: attachment ids into fi; -1 when one
 * is not an id. */
static int
page_removals(struct wreq *r, struct form_in *fi)
{
	const struct kvlist *form = &r->h->form;
	int64_t		*ids;
	char		*end;
	size_t		 i, n = 0;
	long long	 id;

	ids = arena_calloc(r->app.arena, form->n + 1, sizeof(*ids));
	for (i = 0; i < form->n; i++) {
		if (strcmp(form->v[i].key, "remove") != 0)
			continue;
		id = strtoll(form->v[i].val, &end, 10);
		if (form->v[i].vallen == 0 || *end != '\0' || id <= 0 ||
		    strspn(form->v[i].val, "0123456789") != form->v[i].vallen)
			return -1;
		ids[n++] = (int64_t)id;
	}
	fi->remove = ids;
	fi->nremove = n;
	return 0;
}

void
h_page_dossier_act(struct wreq *r, struct resp *w)
{
	struct dossier_view_full dv, after;
	struct page_state	 ps;
	struct uc_error		 err;
	struct form_in		 fi;
	struct kvlist		 values;
	struct input		*in = NULL;
	const char		*action = r->pathvars.v[1].val;
	enum uc_status		 st;
	enum lang		 lang;
	size_t			 n = 0;

	if (begin(r, w, &lang, &dv, &ps) == -1)
		return;
	memset(&values, 0, sizeof(values));
	if (dv.wf != NULL && dv.wf->form != NULL)
		pages_form_inputs(r, dv.wf->form, &in, &n, &values);
	ps.comment = field_val(r, "action_comment");
	ps.reason = field_val(r, "action_reason");
	ps.values = &values;
	/* A page's files are parts named by their fields (in[]). */
	fi = (struct form_in){ .v = in, .n = n };
	if (page_removals(r, &fi) == -1)
		st = uc_fail(&err, UC_BAD_INPUT, "remove",
		    "A file to remove is not named by its id.",
		    "Tệp cần gỡ bỏ không được nêu bằng mã của nó.");
	else
		st = uc_act(&r->app, dv.d.code, action, ps.comment, ps.reason,
		    &fi, &after, &err);
	if (st == UC_OK) {
		done(r, w, lang, dv.d.code, action);
		return;
	}
	ps.failed = pages_ident(action) ? action : NULL;
	/* The action's inputs by their names on this page; a field of the
	 * form stays beside that field (UC_INVALID, or one frozen). */
	if (st == UC_BAD_INPUT && err.field != NULL &&
	    strcmp(err.field, "comment") == 0)
		err.field = "action_comment";
	else if (st == UC_BAD_INPUT && err.field != NULL &&
	    strcmp(err.field, "reason") == 0)
		err.field = "action_reason";
	if (st == UC_BAD_INPUT && err.field != NULL && dv.wf != NULL &&
	    dv.wf->form != NULL && form_field(dv.wf->form, err.field) !=
	    DEF_NONE) {
		/* One field's error: beside it, like validation's. */
		struct field_error *fe = arena_calloc(r->app.arena, 1,
		    sizeof(*fe));

		fe->field = err.field;
		fe->msg_en = err.en;
		fe->msg_vi = err.vi;
		err.errs = fe;
		err.nerrs = 1;
		st = UC_INVALID;
	} else if (st != UC_INVALID && err.field != NULL &&
	    strcmp(err.field, "action_comment") != 0 &&
	    strcmp(err.field, "action_reason") != 0)
		err.field = NULL;
	refused(r, w, lang, &dv, st, &err, &ps);
}
