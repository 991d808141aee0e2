/*
 * reports.c - the periodic report on one-stop processing in the JSON
 * API (app/report.h; docs/statistics.md):
 *   GET /api/v1/reports/one-stop?unit=&from=&to=&service=&subunits=
 *        per service and in total: the counts of form 06 (Circular
 *        01/2020/TT-VPCP) and the Decision 766/QĐ-TTg indicators; as
 *        CSV with format=csv or Accept: text/csv (one row per service,
 *        then the total; the same names as the JSON's keys).
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "core/def.h"
#include "core/value.h"
#include "app/report.h"
#include "web/web.h"


static json_t *
line_json(struct wreq *r, const struct report_line *l)
{
	json_t	*counts, *ind;
	size_t	 i;

	counts = json_object();
	for (i = 0; i < RC__MAX; i++)
		json_object_set_new(counts, report_col_names[i],
		    json_integer(l->row.v[i]));
	ind = json_object();
	for (i = 0; i < RR__MAX; i++)
		json_object_set_new(ind, report_rate_names[i], json_pack(
		    "{s:I, s:I, s:s?}",
		    "num", (json_int_t)l->rates.r[i].num,
		    "den", (json_int_t)l->rates.r[i].den,
		    "percent", uc_report_num(&r->app, l->rates.r[i].bp)));
	return json_pack("{s:s?, s:o, s:o, s:o, s:s?}",
	    "service", l->service,
	    "name", l->wf != NULL ? json_pack("{s:s?, s:s?}",
		"vi", l->wf->name.vi, "en", l->wf->name.en) : json_null(),
	    "counts", counts, "indicators", ind,
	    "avg_processing_days",
	    uc_report_num(&r->app, l->rates.avg_days_x100));
}

static void
reply_json(struct wreq *r, struct resp *w, const struct report *rep)
{
	json_t	*lines;
	size_t	 i;
	char	 from[11], to[11];

	lines = json_array();
	for (i = 0; i < rep->nlines; i++)
		json_array_append_new(lines,
		    line_json(r, &rep->lines[i]));
	date_format(rep->from_day, from);
	date_format(rep->to_day, to);
	resp_json(r->h, w, 200, json_pack(
	    "{s:{s:s, s:{s:s, s:s}}, s:b, s:s, s:s, s:o, s:o}",
	    "unit", "code", rep->unit_code, "name", "vi", rep->unit_vi,
	    "en", rep->unit_en,
	    "subunits", rep->subunits, "from", from, "to", to,
	    "services", lines,
	    "total", line_json(r, &rep->total)));
}

static void
csv_line(struct wreq *r, struct resp *w, const struct report_line *l)
{
	const char	*s;
	size_t		 i;

	/* Service codes are definition ids: no comma, quote or space. */
	resp_puts(r->h, w, l->service != NULL ? l->service : "total");
	for (i = 0; i < RC__MAX; i++)
		resp_printf(r->h, w, ",%" PRId64, l->row.v[i]);
	for (i = 0; i < RR__MAX; i++) {
		s = uc_report_num(&r->app, l->rates.r[i].bp);
		resp_printf(r->h, w, ",%s", s != NULL ? s : "");
	}
	s = uc_report_num(&r->app, l->rates.avg_days_x100);
	resp_printf(r->h, w, ",%s\r\n", s != NULL ? s : "");
}

static void
reply_csv(struct wreq *r, struct resp *w, const struct report *rep)
{
	size_t	 i;

	w->status = 200;
	w->ctype = "text/csv; charset=utf-8";
	w->len = 0;
	resp_header(r->h, w, "Content-Disposition",
	    http_content_disposition(r->app.arena, arena_printf(r->app.arena,
	    "one-stop-%s.csv", rep->unit_code)));
	resp_puts(r->h, w, "service");
	for (i = 0; i < RC__MAX; i++)
		resp_printf(r->h, w, ",%s", report_col_names[i]);
	for (i = 0; i < RR__MAX; i++)
		resp_printf(r->h, w, ",%s_percent", report_rate_names[i]);
	resp_puts(r->h, w, ",avg_processing_days\r\n");
	for (i = 0; i < rep->nlines; i++)
		csv_line(r, w, &rep->lines[i]);
	csv_line(r, w, &rep->total);
}

static const char *
arg(struct wreq *r, const char *k)
{
	const struct kv	*kv = req_arg(r->h, k);

	return kv != NULL ? kv->val : NULL;
}

void
h_report_one_stop(struct wreq *r, struct resp *w)
{
	struct report_ask	 ask;
	struct report		 rep;
	struct uc_error		 err;
	enum uc_status		 st;
	const char		*fmt;
	int			 csv;

	fmt = arg(r, "format");
	if (fmt != NULL && strcmp(fmt, "csv") != 0 &&
	    strcmp(fmt, "json") != 0) {
		(void)uc_fail(&err, UC_BAD_INPUT, "format",
		    "format is json or csv.", "format là json hoặc csv.");
		web_reply(r, w, UC_BAD_INPUT, &err);
		return;
	}
	csv = fmt != NULL ? strcmp(fmt, "csv") == 0 :
	    r->h->accept != NULL && strstr(r->h->accept, "text/csv") != NULL;
	ask.unit = arg(r, "unit");
	ask.from = arg(r, "from");
	ask.to = arg(r, "to");
	ask.service = arg(r, "service");
	ask.subunits = arg(r, "subunits");
	if ((st = uc_report(&r->app, &ask, &rep, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	if (csv)
		reply_csv(r, w, &rep);
	else
		reply_json(r, w, &rep);
}
