/*
 * h_services.c - the service catalogue of the JSON API, straight from
 * the compiled definitions:
 *   GET /api/v1/services         every service, with whether it takes
 *                                applications today
 *   GET /api/v1/services/{code}  one service with its form: sections,
 *                                fields, types, rules and options
 */
#include <jansson.h>
#include <stdio.h>
#include <time.h>

#include "core/def.h"
#include "core/guard.h"
#include "core/value.h"
#include "core/wf.h"
#include "web/web.h"

/* Vietnam keeps UTC+7 all year. */
#define VN_OFFSET	(7 * 3600)

static json_t *
i18n(const struct i18n *t)
{
	return json_pack("{s:s?, s:s?}", "vi", t->vi, "en", t->en);
}

static int
open_today(const struct workflow *wf)
{
	time_t		now = time(NULL) + VN_OFFSET;
	struct tm	tm;

	gmtime_r(&now, &tm);
	return wf_open_on(wf, tm.tm_mon + 1, tm.tm_mday);
}

static json_t *
summary(const struct workflow *wf)
{
	json_t	*o, *win;
	size_t	 i;
	char	 from[6], to[6];

	win = json_array();
	for (i = 0; i < wf->nwindows; i++) {
		snprintf(from, sizeof(from), "%02d-%02d",
		    wf->windows[i].from_month, wf->windows[i].from_day);
		snprintf(to, sizeof(to), "%02d-%02d",
		    wf->windows[i].to_month, wf->windows[i].to_day);
		json_array_append_new(win, json_pack("{s:s, s:s}",
		    "from", from, "to", to));
	}
	o = json_pack("{s:s, s:s?, s:o, s:o, s:I, s:o, s:o, s:b, s:s}",
	    "code", wf->code,
	    "catalogue_code", wf->catalogue,
	    "name", i18n(&wf->name),
	    "legal_basis", i18n(&wf->legal_basis),
	    "fee", (json_int_t)wf->fee,
	    "deadline", wf->deadline_days > 0 ?
	    json_pack("{s:i}", "working_days", wf->deadline_days) :
	    json_pack("{s:i}", "working_hours", wf->deadline_hours),
	    "filing_windows", win,
	    "open", open_today(wf),
	    "version", wf->digest);
	return o;
}

/* A bound in the field's own terms: integer, "1.5", "2025-01-31". */
static json_t *
bound(const struct field *f, int64_t v)
{
	char	buf[32];

	switch (f->type) {
	case FT_DATE:
		date_format(v, buf);
		return json_string(buf);
	case FT_DECIMAL:
		snprintf(buf, sizeof(buf), "%s%lld.%04lld", v < 0 ? "-" : "",
		    (long long)(v < 0 ? -v : v) / DEC_SCALE,
		    (long long)(v < 0 ? -v : v) % DEC_SCALE);
		return json_string(buf);
	default:
		return json_integer(v);
	}
}

static json_t *
field_json(const struct form *form, const struct field *f)
{
	json_t	*o, *opts, *acc;
	size_t	 i;

	o = json_pack("{s:s, s:s, s:s, s:o, s:b, s:b}",
	    "id", f->id,
	    "type", ftype_names[f->type],
	    "section", form->sections[f->section].id,
	    "label", i18n(&f->label),
	    "required", f->required,
	    "readonly", f->readonly);
	if (f->hint.vi != NULL || f->hint.en != NULL)
		json_object_set_new(o, "hint", i18n(&f->hint));
	if (f->required_if != NULL)
		json_object_set_new(o, "required_if",
		    json_string(guard_source(f->required_if)));
	if (f->pattern_src != NULL)
		json_object_set_new(o, "pattern", json_string(f->pattern_src));
	if (f->minlen > 0)
		json_object_set_new(o, "minlength", json_integer(
		    (json_int_t)f->minlen));
	if (f->maxlen > 0)
		json_object_set_new(o, "maxlength", json_integer(
		    (json_int_t)f->maxlen));
	if (f->has_min)
		json_object_set_new(o, "min", bound(f, f->min));
	if (f->has_max)
		json_object_set_new(o, "max", bound(f, f->max));
	if (f->noptions > 0) {
		opts = json_array();
		for (i = 0; i < f->noptions; i++)
			json_array_append_new(opts, json_pack("{s:s, s:o}",
			    "value", f->options[i].value,
			    "label", i18n(&f->options[i].label)));
		json_object_set_new(o, "options", opts);
	}
	if (f->type == FT_UNIT)
		json_object_set_new(o, "unit_kind",
		    json_string(unit_kind_names[f->unit_kind]));
	if (f->type == FT_FILE) {
		acc = json_array();
		for (i = 0; i < f->naccept; i++)
			json_array_append_new(acc, json_string(f->accept[i]));
		json_object_set_new(o, "accept", acc);
		json_object_set_new(o, "max_size",
		    json_integer((json_int_t)f->max_size));
		json_object_set_new(o, "max_count",
		    json_integer((json_int_t)f->max_count));
	}
	if (f->prefill != NULL)
		json_object_set_new(o, "prefill", json_pack("{s:s, s:s, s:s?}",
		    "source", f->prefill->source,
		    "column", f->prefill->column,
		    "key", f->prefill->key != DEF_NONE ?
		    form->fields[f->prefill->key].id : NULL));
	return o;
}

void
h_services(struct wreq *r, struct resp *w)
{
	json_t	*list = json_array();
	size_t	 i;

	for (i = 0; i < r->app.defs->nworkflows; i++)
		json_array_append_new(list, summary(&r->app.defs->workflows[i]));
	resp_json(r->h, w, 200, json_pack("{s:o}", "services", list));
}

void
h_service(struct wreq *r, struct resp *w)
{
	const struct workflow	*wf;
	const struct form	*form;
	json_t			*o, *sections, *fields;
	size_t			 i;

	if ((wf = defs_workflow(r->app.defs, r->pathvars.v[0].val)) == NULL) {
		http_error(r->h, w, HERR_NOT_FOUND, "code",
		    "There is no service with this code.",
		    "Không có dịch vụ với mã này.");
		return;
	}
	form = wf->form;
	sections = json_array();
	for (i = 0; i < form->nsections; i++)
		json_array_append_new(sections, json_pack("{s:s, s:o}",
		    "id", form->sections[i].id,
		    "title", i18n(&form->sections[i].title)));
	fields = json_array();
	for (i = 0; i < form->nfields; i++)
		json_array_append_new(fields, field_json(form,
		    &form->fields[i]));
	o = summary(wf);
	json_object_set_new(o, "form", json_pack("{s:s, s:o, s:o, s:o}",
	    "id", form->id, "title", i18n(&form->title),
	    "sections", sections, "fields", fields));
	resp_json(r->h, w, 200, o);
}
