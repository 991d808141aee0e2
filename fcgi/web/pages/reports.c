/*
 * reports.c - GET /reports: the periodic report on one-stop processing
 * as a page (app/report.h; docs/statistics.md): the form (unit,
 * period, service, sub-units), then the table and its charts, drawn as
 * SVG by templates/report.xsl on the server (no script).  Without a
 * unit, the form alone, filled with the staff member's unit and the
 * current year.  Refusals and bad input answer as the API's do, as an
 * error page (web_reply).
 */
#include <string.h>

#include "base/arena.h"
#include "core/def.h"
#include "core/value.h"
#include "store/units.h"
#include "app/report.h"
#include "web/web.h"
#include "web/render.h"


static void
line_el(struct view *v, xmlNodePtr parent, const struct report_line *l)
{
	struct app	*app = &v->r->app;
	xmlNodePtr	 n, c;
	size_t		 i;

	n = view_el(parent, l->service != NULL ? "line" : "total", NULL);
	view_attr(n, "service", l->service);
	if (l->wf != NULL)
		view_attr(n, "name", view_text(v, &l->wf->name));
	view_attr(n, "avg-days", uc_report_num(app,
	    l->rates.avg_days_x100));
	for (i = 0; i < RC__MAX; i++) {
		c = view_el(n, "c", NULL);
		view_attr(c, "k", report_col_names[i]);
		view_attrf(c, "v", "%lld", (long long)l->row.v[i]);
	}
	for (i = 0; i < RR__MAX; i++) {
		c = view_el(n, "r", NULL);
		view_attr(c, "k", report_rate_names[i]);
		view_attr(c, "percent", uc_report_num(app,
		    l->rates.r[i].bp));
	}
}

static const char *
arg(struct wreq *r, const char *k)
{
	const struct kv	*kv = req_arg(r->h, k);

	return kv != NULL && kv->val[0] != '\0' ? kv->val : NULL;
}

/* The form's defaults: the staff member's unit, this calendar year. */
static void
defaults(struct wreq *r, struct report_ask *ask)
{
	struct unit	 u;
	int		 y, m, d;

	date_to_ymd((r->app.now + 7 * 3600) / 86400, &y, &m, &d);
	ask->from = arena_printf(r->app.arena, "%04d-01-01", y);
	ask->to = arena_printf(r->app.arena, "%04d-01-01", y + 1);
	if (r->app.actor.kind == ACTOR_STAFF && r->app.db != NULL &&
	    units_by_id(r->app.db, r->app.arena, r->app.actor.unit_id,
	    &u) == DB_OK && u.id != 0)
		ask->unit = u.code;
}

void
h_page_reports(struct wreq *r, struct resp *w)
{
	struct report_ask	 ask;
	struct report		 rep;
	struct uc_error		 err;
	struct view		*v;
	xmlNodePtr		 box, fm, o, res;
	enum uc_status		 st;
	enum lang		 lang;
	size_t			 i;
	int			 asked;

	if (view_lang(r, w, &lang) == -1)
		return;
	memset(&ask, 0, sizeof(ask));
	ask.unit = arg(r, "unit");
	ask.from = arg(r, "from");
	ask.to = arg(r, "to");
	ask.service = arg(r, "service");
	ask.subunits = arg(r, "subunits");
	asked = ask.unit != NULL;
	if (!asked)
		defaults(r, &ask);
	if (asked && (st = uc_report(&r->app, &ask, &rep, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	v = view_new(r, PAGE_REPORT, lang);
	view_attr(v->root, "path", "/reports");
	box = view_el(v->root, "report", NULL);
	fm = view_el(box, "form", NULL);
	view_attr(fm, "unit", ask.unit);
	view_attr(fm, "from", ask.from);
	view_attr(fm, "to", ask.to);
	view_attr(fm, "service", ask.service);
	if (asked && rep.subunits)
		view_attr(fm, "subunits", "1");
	for (i = 0; i < r->app.defs->nworkflows; i++) {
		o = view_el(fm, "service", view_text(v,
		    &r->app.defs->workflows[i].name));
		view_attr(o, "code", r->app.defs->workflows[i].code);
	}
	if (asked) {
		res = view_el(box, "result", NULL);
		view_attr(res, "unit", rep.unit_code);
		view_attr(res, "unit-name", lang == LANG_EN ? rep.unit_en :
		    rep.unit_vi);
		for (i = 0; i < rep.nlines; i++)
			line_el(v, res, &rep.lines[i]);
		line_el(v, res, &rep.total);
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	render(v, w, 200);
}
