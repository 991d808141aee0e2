/*
 * reply.c - between HTTP and the use cases (web.h): what a request
 * sends as a use case's input, and a use case's outcome as the answer,
 * the one place where an app status (app/app.h) becomes HTTP.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "app/dossier.h"
#include "core/validate.h"
#include "web/web.h"

void
web_reply(struct wreq *r, struct resp *w, enum uc_status st,
    const struct uc_error *err)
{
	static const enum herr herrs[UC__MAX] = {
		[UC_OK] = HERR_INTERNAL,
		[UC_REPLAY] = HERR_INTERNAL,
		[UC_INVALID] = HERR_FIELD_INVALID,
		[UC_BAD_INPUT] = HERR_FIELD_INVALID,
		[UC_BAD_REQUEST] = HERR_BAD_REQUEST,
		[UC_UNAUTHENTICATED] = HERR_UNAUTHENTICATED,
		[UC_NOT_FOUND] = HERR_NOT_FOUND,
		[UC_FORBIDDEN] = HERR_FORBIDDEN,
		[UC_CONFLICT] = HERR_CONFLICT,
		[UC_THROTTLED] = HERR_TOO_MANY_REQUESTS,
		[UC_UNAVAILABLE] = HERR_UNAVAILABLE,
		[UC_ERROR] = HERR_INTERNAL,
	};
	json_t	*o, *list;
	size_t	 i;

	if ((unsigned)st >= UC__MAX)
		abort();
	if (st == UC_INVALID && err->nerrs > 0) {
		http_error(r->h, w, HERR_FIELD_INVALID, err->errs[0].field,
		    err->errs[0].msg_en, err->errs[0].msg_vi);
		if (!req_wants_json(r->h) ||
		    (o = json_loadb(w->body, w->len, 0, NULL)) == NULL)
			return;
		list = json_array();
		for (i = 0; i < err->nerrs; i++)
			json_array_append_new(list, json_pack(
			    "{s:s, s:s, s:s?, s:s?}",
			    "field", err->errs[i].field,
			    "rule", rule_names[err->errs[i].rule],
			    "detail", err->errs[i].msg_en,
			    "detail_vi", err->errs[i].msg_vi));
		json_object_set_new(o, "errors", list);
		resp_json(r->h, w, 422, o);
		w->ctype = "application/problem+json";
		return;
	}
	http_error(r->h, w, herrs[st], err->field, err->en, err->vi);
	if (st == UC_THROTTLED)
		resp_header(r->h, w, "Retry-After", arena_printf(r->h->arena, "%d",
		    err->retry_after > 0 ? err->retry_after : 1));
	if (st == UC_UNAVAILABLE)
		resp_header(r->h, w, "Retry-After", "5");
}

void
web_form_in(struct wreq *r, const struct input *in, size_t n,
    struct form_in *fi)
{
	const struct kvlist *form = &r->h->form;
	struct input	*files;
	size_t		 i, nf = 0;

	files = arena_calloc(r->app.arena, form->n + 1, sizeof(*files));
	for (i = 0; i < form->n; i++)
		if (form->v[i].filename != NULL &&
		    strcmp(form->v[i].key, "file") == 0) {
			files[nf].name = form->v[i].key;
			files[nf].filename = form->v[i].filename;
			files[nf].val = form->v[i].val;
			files[nf].len = form->v[i].vallen;
			nf++;
		}
	fi->v = in;
	fi->n = n;
	fi->files = files;
	fi->nfiles = nf;
	fi->remove = NULL;
	fi->nremove = 0;
}
