/*
 * audit.c - the audit trail for inspectors (app/trail.h):
 *   GET /api/v1/audit?dossier=&actor=&unit=&action=&from=&to=&after=&limit=
 *        entries by id, "next": the after= of the next page (null on the
 *        last); with Accept: text/csv or format=csv, the same page as
 *        CSV (RFC 4180, UTF-8, formula-safe: base/csv.h) with the
 *        cursor in the Link header (rel="next").
 * Inspectors only (the route's who; app/trail.c checks it again).
 */
#include <jansson.h>
#include <string.h>

#include "base/arena.h"
#include "base/csv.h"
#include "app/trail.h"
#include "web/web.h"

static const char *
arg(struct wreq *r, const char *k)
{
	const struct kv	*kv = req_arg(r->h, k);

	return kv != NULL ? kv->val : NULL;
}

static const char *const csv_head[] = {
	"id", "at", "actor_id", "actor_login", "actor_name", "actor_kind",
	"actor_unit", "actor_role", "action", "object", "detail",
	"request_id", "ip",
};
#define NCSV	(sizeof(csv_head) / sizeof(csv_head[0]))

static void
answer_csv(struct wreq *r, struct resp *w, const struct trail_entry *e,
    size_t n, const char *next_url)
{
	const char	*c[NCSV];
	size_t		 i;

	resp_puts(r->h, w, csv_record(r->app.arena, csv_head, NCSV));
	for (i = 0; i < n; i++) {
		c[0] = arena_printf(r->app.arena, "%lld", (long long)e[i].id);
		c[1] = e[i].at;
		c[2] = e[i].actor_id != 0 ? arena_printf(r->app.arena, "%lld",
		    (long long)e[i].actor_id) : NULL;
		c[3] = e[i].actor_login;
		c[4] = e[i].actor_name;
		c[5] = e[i].actor_kind;
		c[6] = e[i].actor_unit;
		c[7] = e[i].actor_role;
		c[8] = e[i].action;
		c[9] = e[i].object;
		c[10] = e[i].detail;
		c[11] = e[i].request_id;
		c[12] = e[i].ip;
		resp_puts(r->h, w, csv_record(r->app.arena, c, NCSV));
	}
	w->status = 200;
	w->ctype = "text/csv; charset=utf-8; header=present";
	resp_header(r->h, w, "Content-Disposition",
	    "attachment; filename=\"audit.csv\"");
	if (next_url != NULL)
		resp_header(r->h, w, "Link", arena_printf(r->app.arena,
		    "<%s>; rel=\"next\"", next_url));
}

static json_t *
entry_json(const struct trail_entry *e)
{
	json_t	*a, *d;

	d = e->detail != NULL ? json_loads(e->detail, 0, NULL) : NULL;
	a = json_pack("{s:s, s:s?, s:s?, s:s?, s:s?}", "kind", e->actor_kind,
	    "login", e->actor_login, "name", e->actor_name,
	    "unit", e->actor_unit, "role", e->actor_role);
	if (e->actor_id != 0)
		json_object_set_new(a, "id", json_integer(e->actor_id));
	return json_pack("{s:I, s:s, s:o, s:s, s:s?, s:o?, s:s?, s:s?}",
	    "id", (json_int_t)e->id, "at", e->at, "actor", a,
	    "action", e->action, "object", e->object,
	    "detail", d, "request_id", e->request_id, "ip", e->ip);
}

/* The query of the next page: this one's filters and after=next
 * (every value re-encoded). */
static const char *
next_url(struct wreq *r, int64_t next)
{
	static const char *const keep[] = { "dossier", "actor", "unit",
	    "action", "from", "to", "limit", "format" };
	const char	*u = "/api/v1/audit?", *v;
	size_t		 i;

	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if ((v = arg(r, keep[i])) != NULL && v[0] != '\0')
			u = arena_printf(r->app.arena, "%s%s=%s&", u, keep[i],
			    http_urlencode(r->app.arena, v));
	return arena_printf(r->app.arena, "%safter=%lld", u, (long long)next);
}

void
h_audit(struct wreq *r, struct resp *w)
{
	struct trail_query	 q;
	struct trail_entry	*e;
	struct uc_error		 err;
	enum uc_status		 st;
	const char		*fmt;
	json_t			*list;
	int64_t			 next;
	size_t			 n, i;
	int			 csv;

	fmt = arg(r, "format");
	if (fmt != NULL && strcmp(fmt, "csv") != 0 && strcmp(fmt, "json") != 0) {
		http_error(r->h, w, HERR_FIELD_INVALID, "format",
		    "Not one of csv, json.", "Không phải csv hoặc json.");
		return;
	}
	csv = fmt != NULL ? strcmp(fmt, "csv") == 0 :
	    r->h->accept != NULL && strstr(r->h->accept, "text/csv") != NULL;
	memset(&q, 0, sizeof(q));
	q.dossier = arg(r, "dossier");
	q.actor = arg(r, "actor");
	q.unit = arg(r, "unit");
	q.action = arg(r, "action");
	q.from = arg(r, "from");
	q.to = arg(r, "to");
	q.after = arg(r, "after");
	q.limit = arg(r, "limit");
	if ((st = uc_trail(&r->app, &q, &e, &n, &next, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	if (csv) {
		answer_csv(r, w, e, n, next != 0 ? next_url(r, next) : NULL);
		return;
	}
	list = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(list, entry_json(&e[i]));
	resp_json(r->h, w, 200, json_pack("{s:o, s:o, s:o}", "entries", list,
	    "next", next != 0 ? json_integer(next) : json_null(),
	    "next_url", next != 0 ? json_string(next_url(r, next)) :
	    json_null()));
}
