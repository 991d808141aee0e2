/*
 * units.c - the units of the JSON API, for a client that fills a form's
 * unit fields (a field's unit_kind in GET /api/v1/services/{code}):
 *   GET /api/v1/units?kind=school   code, names (vi, en), kind (as the
 *        definitions spell it) and parent's code of each unit of the
 *        kind (without kind: every unit), in Vietnamese alphabetical
 *        order of the names; at most UNITS_MAX, "truncated" when there
 *        are more.  Public, as the application form's picker is.
 */
#include <jansson.h>

#include "app/units.h"
#include "web/web.h"

#define UNITS_MAX	20000

void
h_units(struct wreq *r, struct resp *w)
{
	const struct kv		*kv;
	struct acct_unit	*u;
	struct uc_error		 err;
	enum uc_status		 st;
	json_t			*list;
	size_t			 n, i;

	kv = req_arg(r->h, "kind");
	if ((st = uc_units(&r->app, kv != NULL ? kv->val : NULL, 0, UNITS_MAX,
	    &u, &n, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	list = json_array();
	for (i = 0; i < n && i < UNITS_MAX; i++)
		json_array_append_new(list, json_pack(
		    "{s:s, s:{s:s, s:s}, s:s, s:s?}",
		    "code", u[i].code,
		    "name", "vi", u[i].name_vi, "en", u[i].name_en,
		    "kind", u[i].kind,
		    "parent", u[i].parent_code));
	resp_json(r->h, w, 200, json_pack("{s:o, s:b}", "units", list,
	    "truncated", n > UNITS_MAX));
}
