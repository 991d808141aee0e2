/*
 * inspect.c - the inspector's desk (app/trail.h), read-only:
 *   GET /inspect                  search the audit trail: dossier,
 *                                 actor, unit, action, from, to; pages
 *                                 by the entries' ids (after=)
 *   GET /inspect/dossiers/{code}  the dossier's control sheet (Mẫu 06):
 *                                 every handover with who gave it and
 *                                 who received it, when, due by, on
 *                                 time or late; the dossier's trail
 *                                 below; links to the trail as CSV
 * Templates inspect.xsl and control-sheet.xsl.
 */
#include <string.h>

#include "base/arena.h"
#include "core/def.h"
#include "core/wf.h"
#include "app/trail.h"
#include "web/web.h"
#include "web/pages/pages.h"
#include "web/render.h"

#define INSPECT_PAGE	"20"	/* entries a page: it stays under 30 KB */

static const char *const filters[] = {
	"dossier", "actor", "unit", "action", "from", "to",
};
#define NFILTERS	(sizeof(filters) / sizeof(filters[0]))

static const char *
arg(struct wreq *r, const char *k)
{
	const struct kv	*kv = req_arg(r->h, k);

	return kv != NULL && kv->val[0] != '\0' ? kv->val : NULL;
}

/* The entries as n/entry*. */
static void
entries(xmlNodePtr n, const struct trail_entry *e, size_t cnt)
{
	xmlNodePtr	x;
	size_t		i;

	for (i = 0; i < cnt; i++) {
		x = view_el(n, "entry", NULL);
		view_attrf(x, "id", "%lld", (long long)e[i].id);
		view_attr(x, "at", e[i].at);
		view_attr(x, "kind", e[i].actor_kind);
		view_attr(x, "login", e[i].actor_login);
		view_attr(x, "name", e[i].actor_name);
		view_attr(x, "unit", e[i].actor_unit);
		view_attr(x, "role", e[i].actor_role);
		view_attr(x, "action", e[i].action);
		view_attr(x, "object", e[i].object);
		view_attr(x, "ip", e[i].ip);
		view_attr(x, "request", e[i].request_id);
		if (e[i].detail != NULL)
			view_el(x, "detail", e[i].detail);
	}
}

/* ---- GET /inspect -------------------------------------------------- */

void
h_page_inspect(struct wreq *r, struct resp *w)
{
	struct trail_query	 q;
	struct trail_entry	*e;
	struct uc_error		 err;
	struct view		*v;
	xmlNodePtr		 box, fl;
	enum uc_status		 st;
	enum lang		 lang;
	const char		*base, *val;
	int64_t			 next;
	size_t			 n, i;

	if (view_lang(r, w, &lang) == -1)
		return;
	memset(&q, 0, sizeof(q));
	q.dossier = arg(r, "dossier");
	q.actor = arg(r, "actor");
	q.unit = arg(r, "unit");
	q.action = arg(r, "action");
	q.from = arg(r, "from");
	q.to = arg(r, "to");
	q.after = arg(r, "after");
	q.limit = INSPECT_PAGE;
	if ((st = uc_trail(&r->app, &q, &e, &n, &next, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	v = view_new(r, PAGE_INSPECT, lang);
	view_attr(v->root, "path", "/inspect");
	box = view_el(v->root, "inspect", NULL);
	fl = view_el(box, "filters", NULL);
	base = lang == LANG_EN ? "lang=en&" : "";
	for (i = 0; i < NFILTERS; i++)
		if ((val = arg(r, filters[i])) != NULL) {
			view_attr(fl, filters[i], val);
			base = arena_printf(r->app.arena, "%s%s=%s&", base,
			    filters[i], http_urlencode(r->app.arena, val));
		}
	view_attr(box, "csv", arena_printf(r->app.arena,
	    "/api/v1/audit?%sformat=csv%s%s", base, q.after != NULL ?
	    "&after=" : "", q.after != NULL ? q.after : ""));
	if (q.after != NULL)
		view_attr(box, "first", arena_printf(r->app.arena, "/inspect?%s",
		    base));
	if (next != 0)
		view_attr(box, "next", arena_printf(r->app.arena,
		    "/inspect?%safter=%lld", base, (long long)next));
	entries(box, e, n);
	resp_header(r->h, w, "Cache-Control", "no-store");
	render(v, w, 200);
}

/* ---- GET /inspect/dossiers/{code} ---------------------------------- */

static void
step(struct view *v, xmlNodePtr n, const struct control_sheet *s, size_t i)
{
	const struct handover		*h = &s->steps[i];
	const struct dossier_event	*ev = h->ev;
	const struct workflow		*wf = s->v.wf;
	xmlNodePtr			 x;
	size_t				 k;

	x = view_el(n, "step", NULL);
	view_attrf(x, "n", "%zu", i + 1);
	view_attr(x, "action", ev->action);
	view_attr(x, "kind", ev->actor_kind);
	view_attr(x, "name", ev->actor_name);
	if (ev->actor_unit_code != NULL) {
		view_attr(x, "unit-code", ev->actor_unit_code);
		view_attr(x, "unit", pages_unit_name(v, ev->actor_unit_vi,
		    ev->actor_unit_en));
	}
	view_attr(x, "to-unit", ev->holder_code);
	pages_time_attr(x, "at", ev->at);
	pages_time_attr(x, "due", h->due);
	if (h->late >= 0)
		view_attr(x, "late", h->late ? "1" : "0");
	if (wf != NULL && (k = wf_action(wf, ev->action)) != DEF_NONE)
		view_el(x, "label", view_text(v, &wf->actions[k].label));
	if (ev->from_state != NULL && wf != NULL &&
	    (k = wf_state(wf, ev->from_state)) != DEF_NONE)
		view_el(x, "from", view_text(v, &wf->states[k].name));
	if (wf != NULL && (k = wf_state(wf, ev->to_state)) != DEF_NONE)
		view_el(x, "to", view_text(v, &wf->states[k].name));
	else
		view_el(x, "to", ev->to_state);
}

void
h_page_inspect_dossier(struct wreq *r, struct resp *w)
{
	struct control_sheet	 s;
	struct uc_error		 err;
	struct view		*v;
	xmlNodePtr		 n, steps, trail;
	enum uc_status		 st;
	enum lang		 lang;
	size_t			 i;

	if (view_lang(r, w, &lang) == -1)
		return;
	if ((st = uc_control_sheet(&r->app, r->pathvars.v[0].val, &s,
	    &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	v = view_new(r, PAGE_CONTROL_SHEET, lang);
	view_attr(v->root, "path", arena_printf(r->app.arena,
	    "/inspect/dossiers/%s", s.v.d.code));
	n = view_el(v->root, "sheet", NULL);
	pages_dossier_facts(v, n, &s.v.d, s.v.wf);
	view_attr(n, "csv", arena_printf(r->app.arena,
	    "/api/v1/audit?dossier=%s&format=csv&limit=200", s.v.d.code));
	steps = view_el(n, "steps", NULL);
	for (i = 0; i < s.nsteps; i++)
		step(v, steps, &s, i);
	trail = view_el(n, "trail", NULL);
	if (s.trail_next != 0)
		view_attr(trail, "more", arena_printf(r->app.arena,
		    "/inspect?%sdossier=%s&after=%lld", lang == LANG_EN ?
		    "lang=en&" : "", s.v.d.code, (long long)s.trail_next));
	entries(trail, s.trail, s.ntrail);
	resp_header(r->h, w, "Cache-Control", "no-store");
	render(v, w, 200);
}
