/*
 * common.c - the citizen's and the public's pages, rendered from view
 * models through the stylesheets of templates/ (render.h):
 *   GET /                 the catalogue: services open for filing now,
 *                         then the others with their filing windows
 *   GET /services/{code}  a service's requirements (legal basis, fee,
 *                         deadline, windows) and its application form,
 *                         built from the form definition
 *   GET /lookup           the status lookup's form (?code= fills the code)
 *   POST /lookup          status lookup by dossier code and PIN (in the
 *                         body: a PIN never goes into a URL)
 *
 * The application form posts to /services/{code}/apply (multipart when
 * it has file fields), with the session's form token ("csrf") when
 * there is a session and an idempotency key per rendering of the form
 * ("idempotency_key"), so that a double click makes one dossier.
 *
 * The POST of the form, sign-in, the receipt, "my dossiers" and the
 * citizen's dossier page are citizen.c's.  For a signed-in
 * citizen the readonly fields show their values from the applicant's
 * record (uc_prefill).
 *
 * A unit field (a school) is a <select> of the units of its kind
 * (unit_choices), or a text input for the code when the list would be
 * too long or the database does not answer.
 */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/hash.h"
#include "core/def.h"
#include "core/dossier.h"
#include "core/validate.h"
#include "core/value.h"
#include "core/wf.h"
#include "app/dossier.h"
#include "app/units.h"
#include "web/web.h"
#include "web/pages/pages.h"
#include "web/render.h"
#include "store/db.h"

/* A unit field is a list of at most this many units, else a code. */
#define UNIT_PICK_MAX	500

/* Open for filing on the request's day in Vietnam (uc_now: with
 * MOTCUA_DIAG=1 the tests may set the time with X-Motcua-Now). */
static int
open_today(struct wreq *r, const struct workflow *wf)
{
	int	y, m, d;

	date_to_ymd(dossier_vn_day(r->app.now), &y, &m, &d);
	return wf_open_on(wf, m, d);
}

/* What the catalogue and the service page both show of a service. */
static xmlNodePtr
service_summary(struct view *v, xmlNodePtr parent, const struct workflow *wf)
{
	xmlNodePtr	s, win;
	size_t		i;

	s = view_el(parent, "service", NULL);
	view_attr(s, "code", wf->code);
	view_attr(s, "catalogue", wf->catalogue);
	view_attr(s, "open", open_today(v->r, wf) ? "1" : "0");
	view_attrf(s, "fee", "%lld", (long long)wf->fee);
	if (wf->deadline_days > 0)
		view_attrf(s, "working-days", "%d", wf->deadline_days);
	else
		view_attrf(s, "working-hours", "%d", wf->deadline_hours);
	view_el(s, "name", view_text(v, &wf->name));
	for (i = 0; i < wf->nwindows; i++) {
		win = view_el(s, "window", NULL);
		view_attrf(win, "from-day", "%d", wf->windows[i].from_day);
		view_attrf(win, "from-month", "%d", wf->windows[i].from_month);
		view_attrf(win, "to-day", "%d", wf->windows[i].to_day);
		view_attrf(win, "to-month", "%d", wf->windows[i].to_month);
	}
	return s;
}

void
h_page_catalogue(struct wreq *r, struct resp *w)
{
	struct view	*v;
	xmlNodePtr	 list;
	enum lang	 lang;
	size_t		 i;

	if (view_lang(r, w, &lang) == -1)
		return;
	v = view_new(r, PAGE_CATALOGUE, lang);
	list = view_el(v->root, "services", NULL);
	for (i = 0; i < r->app.defs->nworkflows; i++)
		service_summary(v, list, &r->app.defs->workflows[i]);
	render(v, w, 200);
}

/* A bound in the terms of the field: 3, 1.5, 2025-01-31. */
static const char *
bound(struct wreq *r, const struct field *f, int64_t x)
{
	char		buf[16];
	uint64_t	a = x < 0 ? (uint64_t)-(x + 1) + 1 : (uint64_t)x;
	int		places;

	switch (f->type) {
	case FT_DATE:
		date_format(x, buf);
		return arena_strdup(r->app.arena, buf);
	case FT_DECIMAL:
		/* Without trailing zeros: 1.5, not 1.5000. */
		if (a % DEC_SCALE == 0)
			return arena_printf(r->app.arena, "%s%llu", x < 0 ? "-" :
			    "", (unsigned long long)(a / DEC_SCALE));
		snprintf(buf, sizeof(buf), "%04llu",
		    (unsigned long long)(a % DEC_SCALE));
		for (places = 4; places > 1 && buf[places - 1] == '0';
		    places--)
			buf[places - 1] = '\0';
		return arena_printf(r->app.arena, "%s%llu.%s", x < 0 ? "-" : "",
		    (unsigned long long)(a / DEC_SCALE), buf);
	default:
		return arena_printf(r->app.arena, "%lld", (long long)x);
	}
}

static void
field_values(xmlNodePtr fn, const struct field *f,
    const struct kvlist *values)
{
	size_t	i;

	if (values == NULL || f->type == FT_FILE)
		return;
	for (i = 0; i < values->n; i++)
		if (values->v[i].filename == NULL &&
		    strcmp(values->v[i].key, f->id) == 0)
			view_el(fn, "value", values->v[i].val);
}

/*
 * A unit field's choices: the units of its kind, by name (uc_units:
 * Vietnamese or English order), as <unit code=".."> children; none
 * (the page shows a text input for the code) when the database does
 * not answer or there are more than UNIT_PICK_MAX.
 */
static void
unit_choices(struct view *v, xmlNodePtr fn, const struct field *f)
{
	struct wreq		*r = v->r;
	struct acct_unit	*u;
	struct uc_error		 err;
	size_t			 n, i;

	if (r->app.db == NULL || db_ready(r->app.db) != DB_OK)
		return;
	if (uc_units(&r->app, unit_kind_names[f->unit_kind],
	    v->lang == LANG_EN, UNIT_PICK_MAX, &u, &n, &err) != UC_OK ||
	    n == 0 || n > UNIT_PICK_MAX)
		return;
	view_attr(fn, "picker", "1");
	for (i = 0; i < n; i++)
		view_attr(view_el(fn, "unit", v->lang == LANG_EN ?
		    u[i].name_en : u[i].name_vi), "code", u[i].code);
}

static xmlNodePtr
field_view(struct view *v, xmlNodePtr parent, const struct field *f,
    const struct kvlist *values, const struct field_error *errs,
    size_t nerrs)
{
	struct wreq	*r = v->r;
	xmlNodePtr	 fn, o;
	const char	*accept;
	size_t		 i;

	fn = view_el(parent, "field", NULL);
	view_attr(fn, "id", f->id);
	view_attr(fn, "type", ftype_names[f->type]);
	if (f->required)
		view_attr(fn, "required", "1");
	if (f->readonly)
		view_attr(fn, "readonly", "1");
	view_attr(fn, "pattern", f->pattern_src);
	if (f->minlen > 0)
		view_attrf(fn, "minlength", "%zu", f->minlen);
	if (f->maxlen > 0)
		view_attrf(fn, "maxlength", "%zu", f->maxlen);
	if (f->has_min)
		view_attr(fn, "min", bound(r, f, f->min));
	if (f->has_max)
		view_attr(fn, "max", bound(r, f, f->max));
	view_el(fn, "label", view_text(v, &f->label));
	if (f->hint.vi != NULL || f->hint.en != NULL)
		view_el(fn, "hint", view_text(v, &f->hint));
	/* Required in some cases: its own message says when. */
	if (f->required_if != NULL) {
		view_attr(fn, "conditional", "1");
		if (f->msg[RULE_REQUIRED].vi != NULL)
			view_el(fn, "condition", view_text(v,
			    &f->msg[RULE_REQUIRED]));
	}
	if (f->prefill != NULL)
		view_attr(fn, "prefill", f->prefill->source);
	if (f->type == FT_UNIT) {
		view_attr(fn, "unit-kind", unit_kind_names[f->unit_kind]);
		unit_choices(v, fn, f);
	}
	if (f->type == FT_FILE) {
		accept = "";
		for (i = 0; i < f->naccept; i++)
			accept = arena_printf(r->app.arena, "%s%s%s", accept,
			    i > 0 ? "," : "", f->accept[i]);
		view_attr(fn, "accept", accept);
		view_attrf(fn, "max-size-mb", "%zu",
		    (f->max_size + (1 << 20) - 1) >> 20);
		view_attrf(fn, "max-count", "%zu", f->max_count);
	}
	for (i = 0; i < f->noptions; i++) {
		o = view_el(fn, "option", NULL);
		view_attr(o, "value", f->options[i].value);
		view_el(o, "label", view_text(v, &f->options[i].label));
	}
	field_values(fn, f, values);
	for (i = 0; i < nerrs; i++)
		if (errs[i].field != NULL && strcmp(errs[i].field, f->id) == 0)
			view_el(fn, "error", v->lang == LANG_EN &&
			    errs[i].msg_en != NULL ? errs[i].msg_en :
			    errs[i].msg_vi);
	return fn;
}

/*
 * The values entered, and for the signed-in citizen the readonly fields
 * the server fills from their own record (uc_prefill; the once-only
 * principle): shown, never sent back.
 */
static const struct kvlist *
with_prefill(struct wreq *r, const struct form *form,
    const struct kvlist *values)
{
	struct kvlist	*out;
	struct input	*in;
	size_t		 n = 0, i, k;

	if (r->app.actor.kind != ACTOR_CITIZEN || r->app.db == NULL ||
	    uc_prefill(&r->app, form, &in, &n) != UC_OK || n == 0)
		return values;
	out = arena_calloc(r->app.arena, 1, sizeof(*out));
	out->v = arena_calloc(r->app.arena, n + (values != NULL ? values->n : 0),
	    sizeof(*out->v));
	for (i = 0; values != NULL && i < values->n; i++)
		out->v[out->n++] = values->v[i];
	for (i = 0; i < n; i++) {
		k = form_field(form, in[i].name);
		/* Others (the phone) only before anything was entered. */
		if (k == DEF_NONE || (!form->fields[k].readonly &&
		    values != NULL))
			continue;
		pages_kv_of(r, &out->v[out->n++], &in[i]);
	}
	return out;
}

void
pages_kv_of(struct wreq *r, struct kv *out, const struct input *in)
{
	memset(out, 0, sizeof(*out));
	out->key = (char *)in->name;
	out->keylen = strlen(in->name);
	out->val = arena_strndup(r->app.arena, in->val, in->len);
	out->vallen = in->len;
}

int
pages_key_shape(const char *s)
{
	return strlen(s) == 2 * PAGE_KEY_BYTES &&
	    strspn(s, "0123456789abcdef") == 2 * PAGE_KEY_BYTES;
}

struct view *
pages_service(struct wreq *r, enum lang lang, const struct workflow *wf,
    const struct kvlist *values, const struct field_error *errs,
    size_t nerrs)
{
	const struct form	*form = wf->form;
	struct view		*v;
	xmlNodePtr		 s, fm;
	char			 key[2 * PAGE_KEY_BYTES + 1];

	values = with_prefill(r, form, values);
	v = view_new(r, PAGE_SERVICE, lang);
	/* The page's own address (the language switch), not as sent. */
	view_attr(v->root, "path", arena_printf(r->app.arena, "/services/%s",
	    wf->code));
	s = service_summary(v, v->root, wf);
	view_el(s, "legal-basis", view_text(v, &wf->legal_basis));
	fm = view_el(s, "form", NULL);
	view_attr(fm, "id", form->id);
	view_attr(fm, "action", arena_printf(r->app.arena, "/services/%s/apply",
	    wf->code));
	random_hex(key, PAGE_KEY_BYTES);
	view_attr(fm, "idempotency-key", key);
	view_el(fm, "title", view_text(v, &form->title));
	pages_form_fields(v, fm, form, values, errs, nerrs, 0);
	return v;
}

void
pages_form_fields(struct view *v, xmlNodePtr fm, const struct form *form,
    const struct kvlist *values, const struct field_error *errs,
    size_t nerrs, int supplement)
{
	xmlNodePtr	 sec, e, fn;
	size_t		 i, j;
	int		 multipart = 0;

	for (i = 0; i < nerrs; i++)
		if (errs[i].field == NULL || form_field(form, errs[i].field) ==
		    DEF_NONE) {
			e = view_el(fm, "error", v->lang == LANG_EN &&
			    errs[i].msg_en != NULL ? errs[i].msg_en :
			    errs[i].msg_vi);
			view_attr(e, "field", errs[i].field);
		}
	for (i = 0; i < form->nsections; i++) {
		sec = view_el(fm, "section", NULL);
		view_attr(sec, "id", form->sections[i].id);
		view_el(sec, "title", view_text(v, &form->sections[i].title));
		for (j = 0; j < form->nfields; j++) {
			if (form->fields[j].section != i)
				continue;
			if (form->fields[j].type == FT_FILE)
				multipart = 1;
			fn = field_view(v, sec, &form->fields[j], values, errs,
			    nerrs);
			if (!supplement)
				continue;
			/* Shown as filed, without a name; files add to
			 * those attached, so none is required now. */
			if (uc_field_frozen(form, j)) {
				view_attr(fn, "readonly", "1");
				xmlUnsetProp(fn, BAD_CAST "required");
			} else if (form->fields[j].type == FT_FILE)
				xmlUnsetProp(fn, BAD_CAST "required");
		}
	}
	if (multipart)
		view_attr(fm, "multipart", "1");
}

void
pages_form_inputs(struct wreq *r, const struct form *form, struct input **in,
    size_t *n, struct kvlist *values)
{
	size_t	i;

	*in = arena_calloc(r->app.arena, r->h->form.n + 1, sizeof(**in));
	values->v = arena_calloc(r->app.arena, r->h->form.n + 1, sizeof(*values->v));
	values->n = 0;
	*n = 0;
	for (i = 0; i < r->h->form.n; i++) {
		const struct kv *kv = &r->h->form.v[i];

		if (form_field(form, kv->key) == DEF_NONE)
			continue;
		if (kv->filename != NULL) {
			/* A file input left empty sends an empty part. */
			if (kv->filename[0] == '\0' && kv->vallen == 0)
				continue;
			(*in)[*n].filename = kv->filename;
		} else
			values->v[values->n++] = *kv;
		(*in)[*n].name = kv->key;
		(*in)[*n].val = kv->val;
		(*in)[*n].len = kv->vallen;
		(*n)++;
	}
}

void
h_page_service(struct wreq *r, struct resp *w)
{
	const struct workflow	*wf;
	enum lang		 lang;

	if (view_lang(r, w, &lang) == -1)
		return;
	if ((wf = defs_workflow(r->app.defs, r->pathvars.v[0].val)) == NULL) {
		http_error(r->h, w, HERR_NOT_FOUND, "code",
		    "There is no service with this code.",
		    "Không có dịch vụ với mã này.");
		return;
	}
	render(pages_service(r, lang, wf, NULL, NULL, 0), w, 200);
}

/* The text is in strings.xml: lookup.error.<field>.<what>. */
static void
lookup_error(xmlNodePtr parent, const char *field, const char *what)
{
	xmlNodePtr	e;

	e = view_el(parent, "error", NULL);
	view_attr(e, "field", field);
	view_attr(e, "what", what);
}

static void
lookup_time(xmlNodePtr parent, const char *name, int64_t t)
{
	char	buf[DOSSIER_TIME_LEN + 1];

	if (t == 0)
		return;
	dossier_time_format(t, buf);
	view_attr(view_el(parent, name, NULL), "at", buf);
}

/* The answer of the dossiers' store: no personal data in it. */
static void
lookup_result(struct view *v, xmlNodePtr l, const struct lookup *k)
{
	const struct i18n	*status = dossier_status_name(k->status);
	xmlNodePtr		 res;
	size_t			 st;

	res = view_el(l, "result", NULL);
	view_attr(res, "code", k->code);
	view_el(res, "service", k->wf != NULL ? view_text(v, &k->wf->name) :
	    k->service);
	if (k->wf != NULL && (st = wf_state(k->wf, k->state)) != DEF_NONE)
		view_el(res, "state", view_text(v, &k->wf->states[st].name));
	else if (status != NULL)
		view_el(res, "state", view_text(v, status));
	view_attrf(res, "status", "%d", k->status);
	lookup_time(res, "received", k->received_at);
	if (k->completed_at == 0)
		lookup_time(res, "due", k->due_at);
	lookup_time(res, "completed", k->completed_at);
}

/* The form, with the code of ?code= (the receipt's QR code) if any;
 * a PIN is never taken from the query (the route does not allow it). */
void
h_page_lookup(struct wreq *r, struct resp *w)
{
	const struct kv	*code = req_arg(r->h, "code");
	struct view	*v;
	xmlNodePtr	 l;
	enum lang	 lang;

	if (view_lang(r, w, &lang) == -1)
		return;
	v = view_new(r, PAGE_LOOKUP, lang);
	view_attr(v->root, "path", "/lookup");
	l = view_el(v->root, "lookup", NULL);
	if (code != NULL && dossier_code_shape(code->val))
		view_attr(l, "code", code->val);
	render(v, w, 200);
}

/* POST /lookup: code and PIN in the body, so never in a URL. */
void
h_page_lookup_post(struct wreq *r, struct resp *w)
{
	const struct kv	*code, *pin;
	struct view	*v;
	struct lookup	 k;
	struct uc_error	 err;
	xmlNodePtr	 l;
	enum lang	 lang;
	int		 bad = 0;

	if (view_lang(r, w, &lang) == -1)
		return;
	v = view_new(r, PAGE_LOOKUP, lang);
	view_attr(v->root, "path", "/lookup");
	l = view_el(v->root, "lookup", NULL);
	code = req_field(r->h, "code");
	pin = req_field(r->h, "pin");
	/* Asked: nothing without both, and a code of the right shape. */
	view_attr(l, "asked", "1");
	if (code != NULL)
		view_attr(l, "code", code->val);
	if (code == NULL || code->vallen == 0) {
		lookup_error(l, "code", "missing");
		bad = 1;
	} else if (!dossier_code_shape(code->val)) {
		lookup_error(l, "code", "shape");
		bad = 1;
	}
	if (pin == NULL || pin->vallen == 0) {
		lookup_error(l, "pin", "missing");
		bad = 1;
	} else if (!dossier_pin_shape(pin->val)) {
		lookup_error(l, "pin", "shape");
		bad = 1;
	}
	if (bad) {
		render(v, w, 422);
		return;
	}
	if (db_ready(r->app.db) != DB_OK) {
		view_attr(l, "unavailable", "1");
		resp_header(r->h, w, "Retry-After", "5");
		render(v, w, 503);
		return;
	}
	switch (uc_lookup(&r->app, code->val, pin->val, &k, &err)) {
	case UC_OK:
		lookup_result(v, l, &k);
		resp_header(r->h, w, "Cache-Control", "no-store");
		render(v, w, 200);
		break;
	case UC_NOT_FOUND:
		view_el(l, "notfound", NULL);
		render(v, w, 404);
		break;
	case UC_THROTTLED:
		view_el(l, "throttled", NULL);
		resp_header(r->h, w, "Retry-After", arena_printf(r->app.arena, "%d",
		    err.retry_after));
		render(v, w, 429);
		break;
	case UC_BAD_INPUT:
	case UC_BAD_REQUEST:
	case UC_INVALID:
		lookup_error(l, err.field != NULL && strcmp(err.field, "pin") ==
		    0 ? "pin" : "code", "shape");
		render(v, w, 422);
		break;
	default:
		view_attr(l, "unavailable", "1");
		render(v, w, 503);
		break;
	}
}
