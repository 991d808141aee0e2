/*
 * h_attachments.c - downloading a dossier's attachment:
 *   GET /api/v1/dossiers/{code}/attachments/{id}
 * the bytes as stored, for whoever may see the dossier (uc_attachment:
 * the same uc_load as GET /api/v1/dossiers/{code}; every download
 * audited).  The pages link here (a browser session's cookie is enough
 * for a GET; no page route of its own).
 *
 * Headers: Content-Type the stored type (recognised by content at
 * upload; anything not of the shape type/subtype is sent as
 * application/octet-stream), Content-Disposition: attachment with an
 * ASCII filename and an RFC 5987 filename* (UTF-8), Cache-Control:
 * private, no-store; X-Content-Type-Options: nosniff is on every
 * response (worker.c).
 */
#include <string.h>

#include "base/arena.h"
#include "app/dossier.h"
#include "web/web.h"

/* type/subtype of RFC 9110 token characters, and short. */
static int
mime_shape(const char *s)
{
	static const char tchar[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&^_.+-";
	size_t	a, b;

	if (s == NULL || strlen(s) > 100)
		return 0;
	a = strspn(s, tchar);
	if (a == 0 || s[a] != '/')
		return 0;
	b = strspn(s + a + 1, tchar);
	return b > 0 && s[a + 1 + b] == '\0';
}

void
h_dossier_attachment(struct wreq *r, struct resp *w)
{
	struct attachment	a;
	struct uc_error		err;
	enum uc_status		st;

	st = uc_attachment(&r->app, r->pathvars.v[0].val, r->pathvars.v[1].val, &a,
	    &err);
	if (st != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	w->status = 200;
	w->ctype = mime_shape(a.mime) ? a.mime : "application/octet-stream";
	w->len = 0;
	resp_write(r->h, w, a.content, (size_t)a.size);
	resp_header(r->h, w, "Content-Disposition",
	    http_content_disposition(r->app.arena, a.filename));
	resp_header(r->h, w, "Cache-Control", "private, no-store");
}
