/*
 * facts.c - what the citizen's pages (citizen.c, dossier.c) and the
 * staff's (staff.c) all show of a dossier: its times, its facts
 * (code, service, state, status, dates, unit) and the working time
 * left.  It calls no other page.
 */
#include <stdint.h>

#include "core/def.h"
#include "core/dossier.h"
#include "web/pages/pages.h"
#include "web/render.h"

void
pages_time_attr(xmlNodePtr n, const char *name, int64_t t)
{
	char	buf[DOSSIER_TIME_LEN + 1];

	if (t == 0)
		return;
	dossier_time_format(t, buf);
	view_attr(n, name, buf);
}

/* Service, state and status of a dossier into n; its holder, by name. */
void
pages_dossier_facts(struct view *v, xmlNodePtr n, const struct dossier *d,
    const struct workflow *wf)
{
	const struct i18n	*status = dossier_status_name(d->status);
	size_t			 st;

	view_attr(n, "code", d->code);
	view_attr(n, "service-code", d->service);
	view_attrf(n, "status", "%d", d->status);
	view_el(n, "service", wf != NULL ? view_text(v, &wf->name) :
	    d->service);
	if (wf != NULL && (st = wf_state(wf, d->state)) != DEF_NONE)
		view_el(n, "state", view_text(v, &wf->states[st].name));
	else
		view_el(n, "state", d->state);
	if (status != NULL)
		view_el(n, "status-name", view_text(v, status));
	pages_time_attr(n, "received", d->received_at);
	pages_time_attr(n, "due", d->due_at);
	pages_time_attr(n, "completed", d->completed_at);
	view_attr(n, "unit", d->unit_code);
	if (d->holder_code != NULL)
		view_attr(view_el(n, "holder", pages_unit_name(v,
		    d->holder_name_vi, d->holder_name_en)), "code",
		    d->holder_code);
}

/* A unit's name in the page's language (either when one is NULL). */
const char *
pages_unit_name(const struct view *v, const char *vi, const char *en)
{
	struct i18n	t = { vi, en };

	return view_text(v, &t);
}

/* Working minutes as days (8 h), hours and minutes. */
void
pages_remaining(xmlNodePtr n, int64_t m, int paused)
{
	int64_t	a;

	if (paused) {
		view_attr(n, "paused", "1");
		return;
	}
	if (m == INT64_MIN)
		return;
	view_attr(n, "late", m < 0 ? "1" : "0");
	a = m < 0 ? -m : m;
	view_attrf(n, "days", "%lld", (long long)(a / 480));
	view_attrf(n, "hours", "%lld", (long long)(a % 480 / 60));
	view_attrf(n, "minutes", "%lld", (long long)(a % 60));
}
