/*
 * h_dossiers.c - the dossiers of the JSON API (use cases in
 * dossier_uc.c):
 *   POST /api/v1/services/{code}/dossiers    file an application
 *        JSON {"data": {field: value, ...}}, or multipart with a part
 *        "payload_json" (that JSON body) and "file" parts, each named in
 *        data by its filename: {"authorization": ["scan.pdf"]}; header
 *        Idempotency-Key.  201 with the receipt; a retry with the same
 *        key 200 with the same receipt.
 *   GET  /api/v1/dossiers                   mine, my unit's inbox
 *        (box=all: every dossier my unit handled), or all (inspectors);
 *        filters service, state, overdue, code (the whole code); by
 *        due date
 *   GET  /api/v1/dossiers/{code}            one, with its history,
 *        attachments, time left and the actions open to me
 *   POST /api/v1/dossiers/{code}/actions/{action}   {comment, reason},
 *        and, answering a supplement request, {data} (JSON, or multipart
 *        as above): the fields to change and the files to add, and
 *        {remove}: ids of attachments it removes (or replaces)
 *   POST /api/v1/dossiers/{code}/rating     {rating, comment?}: the
 *        applicant rates a completed dossier, once (201)
 *   GET  /api/v1/lookup?code=&pin=          public status, no personal
 *        data
 *   POST /api/v1/lookup {code, pin}         the same, preferred: the PIN
 *        stays out of URLs and logs
 * Downloading an attachment is h_attachments.c's.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "core/def.h"
#include "core/dossier.h"
#include "core/validate.h"
#include "app/dossier.h"
#include "app/json.h"
#include "store/payments.h"
#include "web/web.h"

#define LIST_DEFAULT	50
#define LIST_MAX	200
#define DUE_SOON_MIN	480	/* one working day */
#define PAYLOAD_TEXT_MAX 2000	/* comment, reason in a multipart payload */

/* ---- JSON of dossiers ---------------------------------------------- */

static json_t *
i18n(const struct i18n *t)
{
	return t != NULL ? json_pack("{s:s?, s:s?}", "vi", t->vi, "en", t->en) :
	    json_null();
}

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* What every view of a dossier says. */
static json_t *
summary(const struct dossier *d, const struct workflow *wf,
    const struct pauses *p, int64_t remaining)
{
	const struct state	*st = NULL;
	size_t			 si;
	int			 paused = dossier_paused(p);

	if (wf != NULL && (si = wf_state(wf, d->state)) != DEF_NONE)
		st = &wf->states[si];
	return json_pack("{s:s, s:{s:s, s:o}, s:{s:s, s:o}, s:{s:i, s:o}, "
	    "s:i, s:{s:s}, s:{s:o, s:b}, s:o, s:o, s:o, s:b, s:o, s:b, s:b, "
	    "s:o}",
	    "code", d->code,
	    "service", "code", d->service, "name",
	    wf != NULL ? i18n(&wf->name) : json_null(),
	    "state", "id", d->state, "name",
	    st != NULL ? i18n(&st->name) : json_null(),
	    "status", "code", d->status, "name",
	    i18n(dossier_status_name(d->status)),
	    "channel", d->channel,
	    "unit", "code", d->unit_code,
	    "holder", "unit", jstr(d->holder_code), "applicant",
	    d->holder_unit_id == 0 && d->completed_at == 0,
	    "received_at", app_json_time(d->received_at),
	    "due_at", app_json_time(d->due_at),
	    "completed_at", app_json_time(d->completed_at),
	    "paused", paused,
	    "remaining_minutes", remaining != INT64_MIN ?
	    json_integer(remaining) : json_null(),
	    "overdue", (remaining != INT64_MIN && remaining < 0 && !paused) ||
	    (d->escalated_at != 0 && d->completed_at == 0),
	    "due_soon", remaining != INT64_MIN && remaining >= 0 &&
	    remaining < DUE_SOON_MIN && !paused,
	    "escalated_at", app_json_time(d->escalated_at));
}

static json_t *
events_json(struct wreq *r, const struct dossier_view_full *v)
{
	json_t	*list = json_array(), *actor;
	size_t	 i;
	int	 names = r->app.actor.kind == ACTOR_STAFF ||
		    r->app.actor.kind == ACTOR_INSPECTOR;

	for (i = 0; i < v->nevents; i++) {
		const struct dossier_event *e = &v->events[i];

		actor = json_pack("{s:s, s:o}", "kind", e->actor_kind,
		    "unit", jstr(e->actor_unit_code));
		if (names)
			json_object_set_new(actor, "name", jstr(e->actor_name));
		json_array_append_new(list, json_pack("{s:o, s:s, s:o, s:o, "
		    "s:s, s:o, s:o, s:o}",
		    "at", app_json_time(e->at),
		    "action", e->action,
		    "actor", actor,
		    "from", jstr(e->from_state),
		    "to", e->to_state,
		    "holder", jstr(e->holder_code),
		    "comment", jstr(e->comment),
		    "reason", jstr(e->reason)));
	}
	return list;
}

/* The applicant's rating, or null. */
static json_t *
rating_json(const struct dossier *d)
{
	if (d->rating == NULL)
		return json_null();
	return json_pack("{s:s, s:o, s:o}", "rating", d->rating,
	    "comment", jstr(d->rating_comment), "rated_at", app_json_time(d->rated_at));
}
/* Its payments (docs/payments.md): a refund-due one is for staff to
 * refund. */
static json_t *
payments_json(const struct dossier_view_full *v)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < v->npayments; i++) {
		const struct payment *p = &v->payments[i];

		json_array_append_new(a, json_pack("{s:s, s:I, s:s, s:I, s:o}",
		    "txn_ref", p->txn_ref, "amount", (json_int_t)p->amount,
		    "state", pay_state_names[p->state], "created_at",
		    (json_int_t)p->created_at, "paid_at", p->paid_at ?
		    json_integer((json_int_t)p->paid_at) : json_null()));
	}
	return a;
}


static json_t *
full_json(struct wreq *r, const struct dossier_view_full *v)
{
	json_t	*o, *data, *atts, *gone, *acts, *req;
	size_t	 i;

	o = summary(&v->d, v->wf, &v->pauses, v->remaining);
	if ((data = json_loads(v->d.data, 0, NULL)) == NULL)
		data = json_object();
	json_object_set_new(o, "version", json_string(v->d.version));
	json_object_set_new(o, "data", data);
	/* The application's files now, then those a supplement removed
	 * (kept for the record, still downloadable). */
	atts = json_array();
	gone = json_array();
	for (i = 0; i < v->natts; i++)
		json_array_append_new(v->atts[i].removed_by != 0 ? gone : atts,
		    json_pack("{s:I, s:s, s:s, s:s, s:I, s:s}",
		    "id", (json_int_t)v->atts[i].id,
		    "field", v->atts[i].field,
		    "name", v->atts[i].filename,
		    "type", v->atts[i].mime,
		    "size", (json_int_t)v->atts[i].size,
		    "sha256", v->atts[i].sha256));
	json_object_set_new(o, "attachments", atts);
	json_object_set_new(o, "removed_attachments", gone);
	json_object_set_new(o, "events", events_json(r, v));
	acts = json_array();
	for (i = 0; i < v->nactions; i++) {
		const struct action *a = &v->wf->actions[v->actions[i]];

		req = json_array();
		if (a->inputs & INPUT_COMMENT)
			json_array_append_new(req, json_string("comment"));
		if (a->inputs & INPUT_REASON)
			json_array_append_new(req, json_string("reason"));
		json_array_append_new(acts, json_pack("{s:s, s:o, s:o}",
		    "id", a->id, "label", i18n(&a->label), "requires", req));
	}
	json_object_set_new(o, "actions", acts);
	json_object_set_new(o, "rating", rating_json(&v->d));
	json_object_set_new(o, "fee_due", json_integer((json_int_t)v->fee_due));
	json_object_set_new(o, "payments", payments_json(v));
	return o;
}

/* ---- POST /api/v1/services/{code}/dossiers ------------------------- */

static void
push(struct wreq *r, struct input **v, size_t *n, size_t *cap,
    const char *name, const char *val, size_t len, const char *filename)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = arena_grow(r->app.arena, *v, *n * sizeof(**v),
		    *cap * sizeof(**v));
	}
	(*v)[*n].name = name;
	(*v)[*n].val = val;
	(*v)[*n].len = len;
	(*v)[*n].filename = filename;
	(*n)++;
}

/* One value of data as text (several for arrays); files are named by
 * their filename and matched to the "file" parts later (uc_files). */
static void
one(struct wreq *r, const char *key, json_t *j, struct input **in, size_t *n,
    size_t *cap)
{
	const char	*s;

	if (json_is_null(j))
		return;
	/* As a form would send it (app/json.h); NULL: not a value, and
	 * validation says so. */
	s = app_json_scalar(r->app.arena, j);
	push(r, in, n, cap, key, s, s != NULL ? strlen(s) : 0, NULL);
}

/*
 * The JSON of the request: the body, or the multipart part
 * "payload_json" (parsed as a body is: strings in NFC), with only the
 * members listed; NULL after the error response.  An empty object when
 * there is neither.
 */
static json_t *
payload(struct wreq *r, struct resp *w, const char *const *members)
{
	const struct kv	*part;
	const char	*key;
	json_t		*body, *v;
	size_t		 i;

	if (r->h->json != NULL)
		return r->h->json;		/* members checked by the allowlist */
	if ((part = req_field(r->h, "payload_json")) == NULL) {
		body = json_object();
		arena_cleanup(r->app.arena, (void (*)(void *))json_decref, body);
		return body;
	}
	if ((body = body_json_part(r->h, w, part)) == NULL)
		return NULL;
	if (!json_is_object(body)) {
		http_error(r->h, w, HERR_MALFORMED_BODY, "payload_json",
		    "The part \"payload_json\" is not a JSON object.",
		    "Phần \"payload_json\" không phải đối tượng JSON.");
		return NULL;
	}
	json_object_foreach(body, key, v) {
		for (i = 0; members[i] != NULL; i++)
			if (strcmp(members[i], key) == 0)
				break;
		if (members[i] == NULL || (strcmp(key, "data") != 0 &&
		    strcmp(key, "remove") != 0 && !json_is_string(v))) {
			http_error(r->h, w, HERR_UNKNOWN_PARAM, key,
			    arena_printf(r->app.arena, "Member \"%s\" is not "
			    "accepted here.", key),
			    arena_printf(r->app.arena, "Trường \"%s\" không được "
			    "chấp nhận ở đây.", key));
			return NULL;
		}
		/* The same bound as the JSON allowlist (routes.c). */
		if (json_is_string(v) && json_string_length(v) >
		    PAYLOAD_TEXT_MAX) {
			http_error(r->h, w, HERR_FIELD_TOO_LONG, key,
			    arena_printf(r->app.arena, "At most %d bytes.",
			    PAYLOAD_TEXT_MAX),
			    arena_printf(r->app.arena, "Tối đa %d byte.",
			    PAYLOAD_TEXT_MAX));
			return NULL;
		}
	}
	return body;
}

/* The form values in "data" of the payload; -1 after the error
 * response. */
static int
data_inputs(struct wreq *r, struct resp *w, json_t *body, struct input **in,
    size_t *n)
{
	json_t		*data, *v, *e;
	const char	*key;
	size_t		 cap = 0, i;

	*in = NULL;
	*n = 0;
	if ((data = json_object_get(body, "data")) == NULL)
		return 0;
	if (!json_is_object(data)) {
		http_error(r->h, w, HERR_FIELD_INVALID, "data",
		    "\"data\" must be an object of the form's fields.",
		    "\"data\" phải là đối tượng gồm các trường của biểu mẫu.");
		return -1;
	}
	json_object_foreach(data, key, v) {
		if (json_is_array(v))
			json_array_foreach(v, i, e)
				one(r, key, e, in, n, &cap);
		else
			one(r, key, v, in, n, &cap);
	}
	return 0;
}

static const char *const submit_members[] = { "data", NULL };
static const char *const action_members[] = {
	"data", "comment", "reason", "remove", NULL,
};

/* "remove" of the payload: attachment ids into fi (none when absent);
 * -1 after the error response. */
static int
remove_ids(struct wreq *r, struct resp *w, json_t *body, struct form_in *fi)
{
	json_t	*a, *e;
	int64_t	*ids;
	size_t	 i;

	if ((a = json_object_get(body, "remove")) == NULL)
		return 0;
	if (!json_is_array(a) || json_array_size(a) > UC_REMOVE_MAX) {
		http_error(r->h, w, HERR_FIELD_INVALID, "remove",
		    arena_printf(r->app.arena, "\"remove\" must be a list of "
		    "at most %d attachment ids.", UC_REMOVE_MAX),
		    arena_printf(r->app.arena, "\"remove\" phải là danh sách "
		    "tối đa %d mã tệp đính kèm.", UC_REMOVE_MAX));
		return -1;
	}
	ids = arena_calloc(r->app.arena, json_array_size(a) + 1, sizeof(*ids));
	json_array_foreach(a, i, e) {
		if (!json_is_integer(e) || json_integer_value(e) <= 0) {
			http_error(r->h, w, HERR_FIELD_INVALID, "remove",
			    "An attachment id is a positive whole number.",
			    "Mã tệp đính kèm là một số nguyên dương.");
			return -1;
		}
		ids[i] = (int64_t)json_integer_value(e);
	}
	fi->remove = ids;
	fi->nremove = json_array_size(a);
	return 0;
}

void
h_dossier_submit(struct wreq *r, struct resp *w)
{
	const struct workflow	*wf;
	struct receipt		 rc;
	struct uc_error		 err;
	struct form_in		 fi;
	struct input		*in;
	enum uc_status		 st;
	json_t			*body;
	size_t			 n;

	if ((wf = defs_workflow(r->app.defs, r->pathvars.v[0].val)) == NULL) {
		http_error(r->h, w, HERR_NOT_FOUND, "code",
		    "There is no service with this code.",
		    "Không có dịch vụ với mã này.");
		return;
	}
	if ((body = payload(r, w, submit_members)) == NULL ||
	    data_inputs(r, w, body, &in, &n) == -1)
		return;
	web_form_in(r, in, n, &fi);
	st = uc_submit(&r->app, wf, &fi,
	    req_env(r->h, "HTTP_IDEMPOTENCY_KEY"), &rc, &err);
	if (st != UC_OK && st != UC_REPLAY) {
		web_reply(r, w, st, &err);
		return;
	}
	resp_header(r->h, w, "Location", arena_printf(r->app.arena,
	    "/api/v1/dossiers/%s", rc.d.code));
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_json(r->h, w, st == UC_OK ? 201 : 200, json_pack("{s:s, s:s, "
	    "s:i, s:s, s:o, s:o, s:s, s:s}",
	    "code", rc.d.code,
	    "service", rc.d.service,
	    "status", rc.d.status,
	    "state", rc.d.state,
	    "received_at", app_json_time(rc.d.received_at),
	    "due_at", app_json_time(rc.d.due_at),
	    "pin", rc.pin,
	    "lookup_url", rc.lookup_url));
}

/* ---- GET /api/v1/dossiers ------------------------------------------ */

/* A whole number in [min, max] from the query, or def; -1 on error. */
static int
qint(struct wreq *r, struct resp *w, const char *name, int min, int max,
    int def, int *out)
{
	const struct kv	*kv = req_arg(r->h, name);
	char		*end;
	long		 v;

	*out = def;
	if (kv == NULL)
		return 0;
	v = strtol(kv->val, &end, 10);
	if (kv->vallen == 0 || *end != '\0' || v < min || v > max ||
	    strspn(kv->val, "0123456789") != kv->vallen) {
		http_error(r->h, w, HERR_FIELD_INVALID, name,
		    arena_printf(r->app.arena, "A whole number from %d to %d.",
		    min, max),
		    arena_printf(r->app.arena, "Một số nguyên từ %d đến %d.",
		    min, max));
		return -1;
	}
	*out = (int)v;
	return 0;
}

void
h_dossiers(struct wreq *r, struct resp *w)
{
	struct dossier_filter	 f;
	struct dossier		*v;
	struct pauses		 p;
	struct uc_error		 err;
	enum uc_status		 st;
	const struct kv		*kv;
	json_t			*list;
	int64_t			 now;
	size_t			 n, i;

	memset(&f, 0, sizeof(f));
	f.overdue = -1;
	if ((kv = req_arg(r->h, "service")) != NULL) {
		if (defs_workflow(r->app.defs, kv->val) == NULL) {
			http_error(r->h, w, HERR_FIELD_INVALID, "service",
			    "There is no service with this code.",
			    "Không có dịch vụ với mã này.");
			return;
		}
		f.service = kv->val;
	}
	if ((kv = req_arg(r->h, "state")) != NULL)
		f.state = kv->val;
	if ((kv = req_arg(r->h, "code")) != NULL &&
	    (st = uc_code_filter(&r->app, kv->val, &f, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	if ((kv = req_arg(r->h, "overdue")) != NULL) {
		if (strcmp(kv->val, "true") != 0 &&
		    strcmp(kv->val, "false") != 0) {
			http_error(r->h, w, HERR_FIELD_INVALID, "overdue",
			    "true or false.", "true hoặc false.");
			return;
		}
		f.overdue = strcmp(kv->val, "true") == 0;
	}
	if ((kv = req_arg(r->h, "box")) != NULL) {
		if (strcmp(kv->val, "inbox") != 0 &&
		    strcmp(kv->val, "all") != 0) {
			http_error(r->h, w, HERR_FIELD_INVALID, "box",
			    "inbox or all.", "inbox hoặc all.");
			return;
		}
		f.box = strcmp(kv->val, "all") == 0 ? BOX_HELD : BOX_INBOX;
	} else
		f.box = BOX_INBOX;
	if (qint(r, w, "limit", 1, LIST_MAX, LIST_DEFAULT, &f.limit) == -1 ||
	    qint(r, w, "offset", 0, 1000000, 0, &f.offset) == -1)
		return;
	f.now = now = r->app.now;
	if ((st = uc_list(&r->app, &f, &v, &n, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	list = json_array();
	for (i = 0; i < n; i++) {
		if (uc_pauses(v[i].paused, &p) == -1)
			memset(&p, 0, sizeof(p));
		json_array_append_new(list, summary(&v[i],
		    defs_workflow(r->app.defs, v[i].service), &p,
		    uc_remaining(&r->app, &v[i], &p, now)));
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_json(r->h, w, 200, json_pack("{s:o, s:i, s:i}", "dossiers", list,
	    "limit", f.limit, "offset", f.offset));
}

/* ---- GET /api/v1/dossiers/{code} ----------------------------------- */

void
h_dossier(struct wreq *r, struct resp *w)
{
	struct dossier_view_full v;
	struct uc_error		 err;
	enum uc_status		 st;

	if ((st = uc_get(&r->app, r->pathvars.v[0].val, &v, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_json(r->h, w, 200, full_json(r, &v));
}

/* ---- POST /api/v1/dossiers/{code}/actions/{action} ----------------- */

/* A text member of the payload, or the form field of that name. */
static const char *
text_of(struct wreq *r, json_t *body, const char *name)
{
	const struct kv	*kv;
	json_t		*j;

	if ((j = json_object_get(body, name)) != NULL)
		return json_string_value(j);
	return (kv = req_field(r->h, name)) != NULL ? kv->val : NULL;
}

void
h_dossier_action(struct wreq *r, struct resp *w)
{
	struct form_in		 fi;
	struct dossier_view_full v;
	struct uc_error		 err;
	struct input		*in;
	enum uc_status		 st;
	json_t			*body;
	size_t			 n;

	if ((body = payload(r, w, action_members)) == NULL ||
	    data_inputs(r, w, body, &in, &n) == -1)
		return;
	web_form_in(r, in, n, &fi);
	if (remove_ids(r, w, body, &fi) == -1)
		return;
	st = uc_act(&r->app, r->pathvars.v[0].val, r->pathvars.v[1].val,
	    text_of(r, body, "comment"), text_of(r, body, "reason"), &fi,
	    &v, &err);
	if (st != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_json(r->h, w, 200, full_json(r, &v));
}

/* ---- POST /api/v1/dossiers/{code}/rating -------------------------- */

void
h_dossier_rating(struct wreq *r, struct resp *w)
{
	struct dossier_view_full v;
	struct uc_error		 err;
	enum uc_status		 st;
	json_t			*body = r->h->json;

	st = uc_rate(&r->app, r->pathvars.v[0].val,
	    json_string_value(json_object_get(body, "rating")),
	    json_string_value(json_object_get(body, "comment")), &v, &err);
	if (st != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	resp_header(r->h, w, "Location", arena_printf(r->app.arena,
	    "/api/v1/dossiers/%s", v.d.code));
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_json(r->h, w, 201, rating_json(&v.d));
}

/* ---- GET and POST /api/v1/lookup ----------------------------------- */

/* GET: ?code=&pin= (kept for the clients the issue names); POST (the
 * preferred form): a JSON or urlencoded body, which logs never hold. */
void
h_lookup(struct wreq *r, struct resp *w)
{
	const struct kv	*code, *pin;
	const char	*c, *p;
	struct lookup	 l;
	struct uc_error	 err;
	enum uc_status	 st;

	if (r->h->method == METHOD_POST) {
		c = text_of(r, r->h->json, "code");
		p = text_of(r, r->h->json, "pin");
	} else {
		code = req_arg(r->h, "code");
		pin = req_arg(r->h, "pin");
		c = code != NULL ? code->val : NULL;
		p = pin != NULL ? pin->val : NULL;
	}
	st = uc_lookup(&r->app, c, p, &l, &err);
	if (st != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_json(r->h, w, 200, json_pack("{s:s, s:{s:s, s:o}, s:{s:i, s:o}, "
	    "s:o, s:o, s:i}",
	    "code", l.code,
	    "service", "code", l.service, "name",
	    l.wf != NULL ? i18n(&l.wf->name) : json_null(),
	    "status", "code", l.status, "name",
	    i18n(dossier_status_name(l.status)),
	    "received_at", app_json_time(l.received_at),
	    "due_at", app_json_time(l.due_at),
	    "results_issued", l.results));
}
