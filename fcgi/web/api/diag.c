/*
 * h_diag.c - diagnostic routes, served only with MOTCUA_DIAG=1 (the
 * test suite turns them on): they show what the request layer parsed,
 * so that tests can drive it through nginx and FastCGI for real, and
 * what the second wall (row-level security) lets a request reach when
 * the first is not asked.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <time.h>

#include "base/hash.h"
#include "web/web.h"
#include "store/ops.h"

static json_t *
pairs(const struct kvlist *l, int files)
{
	json_t	*o = json_object(), *arr;
	char	 digest[SHA256_HEX_LEN + 1];
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		const struct kv *kv = &l->v[i];

		if ((kv->filename != NULL) != files)
			continue;
		if ((arr = json_object_get(o, kv->key)) == NULL) {
			arr = json_array();
			/* On failure (a key not UTF-8) jansson frees arr. */
			if (json_object_set_new(o, kv->key, arr) == -1)
				continue;
		}
		if (files) {
			sha256_hex(kv->val, kv->vallen, digest);
			json_array_append_new(arr, json_pack("{s:s, s:s?, s:I,"
			    " s:s}", "filename", kv->filename, "type",
			    kv->ctype, "size", (json_int_t)kv->vallen,
			    "sha256", digest));
		} else
			json_array_append_new(arr, json_stringn(kv->val,
			    kv->vallen));
	}
	return o;
}

void
h_diag_echo(struct wreq *r, struct resp *w)
{
	json_t	*o;

	o = json_pack("{s:o, s:o, s:o, s:o}",
	    "query", pairs(&r->h->args, 0),
	    "fields", pairs(&r->h->form, 0),
	    "files", pairs(&r->h->form, 1),
	    "cookies", pairs(&r->h->cookies, 0));
	if (r->h->json != NULL)
		json_object_set(o, "json", (json_t *)r->h->json);
	resp_json(r->h, w, 200, o);
}

void
h_diag_sleep(struct wreq *r, struct resp *w)
{
	const struct kv	*ms = req_arg(r->h, "ms");
	struct timespec	 ts;
	long		 v = 0;
	char		*end;

	if (ms != NULL) {
		errno = 0;
		v = strtol(ms->val, &end, 10);
		if (ms->val[0] == '\0' || *end != '\0' || errno != 0 ||
		    v < 0 || v > 30000) {
			http_error(r->h, w, HERR_FIELD_INVALID, "ms",
			    "A number of milliseconds from 0 to 30000.",
			    "Số mili giây từ 0 đến 30000.");
			return;
		}
	}
	ts.tv_sec = v / 1000;
	ts.tv_nsec = (v % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
	resp_json(r->h, w, 200, json_pack("{s:I}", "slept_ms", (json_int_t)v));
}

/*
 * Every row the request's context reaches, asked with no condition of
 * our own: what a handler that forgot its access check would see.
 */
void
h_diag_rls(struct wreq *r, struct resp *w)
{
	struct ops_probe p;
	json_t		*codes;

	if (ops_probe(r->app.db, r->app.arena, &p) != DB_OK ||
	    (codes = json_loads(p.codes, 0, NULL)) == NULL) {
		http_error(r->h, w, HERR_UNAVAILABLE, NULL,
		    "The database did not answer.",
		    "Cơ sở dữ liệu không trả lời.");
		return;
	}
	resp_json(r->h, w, 200, json_pack("{s:s, s:o, s:I, s:I, s:I}",
	    "role", p.role, "dossiers", codes,
	    "events", (json_int_t)p.events,
	    "attachments", (json_int_t)p.attachments,
	    "students", (json_int_t)p.students));
}

/* Try to change a dossier by code alone: {"changed": 0 or 1}. */
void
h_diag_rls_touch(struct wreq *r, struct resp *w)
{
	const struct kv	*code = req_field(r->h, "code");
	int64_t		 n;

	if (code == NULL) {
		http_error(r->h, w, HERR_FIELD_INVALID, "code",
		    "A dossier code is required.", "Cần mã hồ sơ.");
		return;
	}
	if (ops_probe_touch(r->app.db, code->val, &n) != DB_OK) {
		http_error(r->h, w, HERR_UNAVAILABLE, NULL,
		    "The database did not answer.",
		    "Cơ sở dữ liệu không trả lời.");
		return;
	}
	resp_json(r->h, w, 200, json_pack("{s:I}", "changed", (json_int_t)n));
}
