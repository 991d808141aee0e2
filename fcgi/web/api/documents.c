/*
 * documents.c - issued documents (docs/documents.md):
 *   GET  /api/v1/documents/{verification-code}   public: what was issued
 *   POST /api/v1/verify                          public: check a file
 *   GET  /api/v1/dossiers/{code}/documents       a dossier's documents
 *   GET  /api/v1/dossiers/{code}/documents/{id}/xml  one, signed XML
 * The public answers carry no personal data (document_public in
 * migrations/0013_documents.sql says what they carry).
 */
#include <jansson.h>
#include <string.h>

#include "app/docs.h"
#include "app/json.h"
#include "base/arena.h"
#include "base/config.h"
#include "web/web.h"

/* A document as the public sees it (and, with the ids, its reader). */
static json_t *
public_json(struct wreq *r, const struct document *d)
{
	return json_pack("{s:s, s:s, s:s, s:{s:s, s:s}, s:{s:s, s:s}, s:o, "
	    "s:s, s:o, s:s?, s:s?, s:s}",
	    "kind", d->kind, "result_code", d->result_code,
	    "serial", d->serial,
	    "unit", "code", d->unit_code, "name", d->unit_name,
	    "signer", "name", d->signer_name, "title", d->signer_title,
	    "issued_at", app_json_time(d->issued_at), "status", d->status,
	    "revoked_at", app_json_time(d->revoked_at),
	    "revoked_reason", d->revoked_reason,
	    "superseded_by", d->superseded_by,
	    "verify_url", arena_printf(r->app.arena, "%s/verify/%s",
	    r->app.cfg->public_url, d->verification_code));
}

void
h_document_public(struct wreq *r, struct resp *w)
{
	struct document	d;
	struct uc_error	err;
	enum uc_status	st;

	if ((st = uc_document_public(&r->app, r->pathvars.v[0].val, &d,
	    &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_json(r->h, w, 200, public_json(r, &d));
}

void
h_verify(struct wreq *r, struct resp *w)
{
	const struct kv		*f = req_field(r->h, "file");
	struct verification	 v;
	struct uc_error		 err;
	enum uc_status		 st;
	json_t			*o;

	st = uc_verify(&r->app, f != NULL ? f->val : NULL,
	    f != NULL ? f->vallen : 0, &v, &err);
	if (st != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	o = json_pack("{s:b, s:s, s:{s:s, s:s}}", "valid", v.valid,
	    "check", v.check, "detail", "vi", v.vi, "en", v.en);
	if (v.registered)
		json_object_set_new(o, "document", public_json(r, &v.reg));
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_json(r->h, w, 200, o);
}

void
h_dossier_documents(struct wreq *r, struct resp *w)
{
	struct document	*d;
	struct uc_error	 err;
	enum uc_status	 st;
	json_t		*list, *o;
	size_t		 n, i;

	if ((st = uc_documents(&r->app, r->pathvars.v[0].val, &d, &n,
	    &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	list = json_array();
	for (i = 0; i < n; i++) {
		o = public_json(r, &d[i]);
		json_object_set_new(o, "id", json_integer((json_int_t)d[i].id));
		json_object_set_new(o, "verification_code",
		    json_string(d[i].verification_code));
		json_object_set_new(o, "sha256", json_string(d[i].sha256));
		json_object_set_new(o, "xml", json_string(arena_printf(
		    r->app.arena, "/api/v1/dossiers/%s/documents/%lld/xml",
		    r->pathvars.v[0].val, (long long)d[i].id)));
		json_array_append_new(list, o);
	}
	resp_header(r->h, w, "Cache-Control", "private, no-store");
	resp_json(r->h, w, 200, json_pack("{s:o}", "documents", list));
}

void
h_dossier_document_xml(struct wreq *r, struct resp *w)
{
	struct document	d;
	struct uc_error	err;
	enum uc_status	st;

	if ((st = uc_document_xml(&r->app, r->pathvars.v[0].val,
	    r->pathvars.v[1].val, &d, &err)) != UC_OK) {
		web_reply(r, w, st, &err);
		return;
	}
	w->status = 200;
	w->ctype = "application/xml";
	w->len = 0;
	resp_write(r->h, w, d.xml, d.xml_len);
	resp_header(r->h, w, "Content-Disposition", http_content_disposition(
	    r->app.arena, arena_printf(r->app.arena, "%s.xml",
	    d.result_code)));
	resp_header(r->h, w, "Cache-Control", "private, no-store");
}
