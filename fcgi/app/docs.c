/*
 * docs.c - issued documents as people reach them: see docs.h.
 */
#include <stdlib.h>
#include <string.h>

#include "app/docs.h"
#include "app/dossier_int.h"
#include "base/arena.h"
#include "base/config.h"
#include "core/dossier.h"
#include "doc/doc.h"

#define VC_LEN	24

static int
vc_shape(const char *s)
{
	return s != NULL && strlen(s) == VC_LEN &&
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") == VC_LEN;
}

/* A code as typed (base32 is read in either case), or NULL if it is
 * not of the shape. */
static const char *
vc_upper(struct app *app, const char *s)
{
	char	*u;
	size_t	 i;

	if (s == NULL || strlen(s) != VC_LEN)
		return NULL;
	u = arena_strdup(app->arena, s);
	for (i = 0; u[i] != '\0'; i++)
		if (u[i] >= 'a' && u[i] <= 'z')
			u[i] = (char)(u[i] - 'a' + 'A');
	return vc_shape(u) ? u : NULL;
}

enum uc_status
uc_documents(struct app *app, const char *code, struct document **out,
    size_t *n, struct uc_error *err)
{
	struct dossier_view_full v;
	enum uc_status		 us;
	enum db_status		 rc;

	memset(err, 0, sizeof(*err));
	*out = NULL;
	*n = 0;
	if ((us = uc_load_content(app, code, &v, err)) != UC_OK)
		return us;
	if ((rc = documents_of_dossier(app->db, app->arena, v.d.id, out,
	    n)) != DB_OK)
		return uc_db_fail(err, rc);
	return UC_OK;
}

enum uc_status
uc_dossier_documents(struct app *app, const struct dossier_view_full *v,
    struct document **out, size_t *n, struct uc_error *err)
{
	enum db_status	rc;

	memset(err, 0, sizeof(*err));
	*out = NULL;
	*n = 0;
	if (v->access == ACC_STATUS)
		return UC_OK;
	if ((rc = documents_of_dossier(app->db, app->arena, v->d.id, out,
	    n)) != DB_OK)
		return uc_db_fail(err, rc);
	return UC_OK;
}

enum uc_status
uc_document_xml(struct app *app, const char *code, const char *id,
    struct document *d, struct uc_error *err)
{
	struct dossier_view_full v;
	enum uc_status		 us;
	enum db_status		 rc;
	int64_t			 i;
	int			 found;

	memset(err, 0, sizeof(*err));
	memset(d, 0, sizeof(*d));
	if ((us = uc_load_content(app, code, &v, err)) != UC_OK)
		return us;
	if ((i = uc_id(id)) == 0)
		return uc_deny(app, err, UC_NOT_FOUND, code, "no-such-document");
	if ((rc = documents_xml(app->db, app->arena, v.d.id, i, d,
	    &found)) != DB_OK)
		return uc_db_fail(err, rc);
	if (!found)
		return uc_deny(app, err, UC_NOT_FOUND, code, "no-such-document");
	if ((rc = app_audit(app, "document.download", uc_object(app, code),
	    app_json_text(app->arena, json_pack("{s:I, s:s, s:s, s:s}",
	    "document", (json_int_t)d->id, "kind", d->kind, "result_code",
	    d->result_code, "sha256", d->sha256)))) != DB_OK)
		return uc_db_fail(err, rc);
	return UC_OK;
}

enum uc_status
uc_document_public(struct app *app, const char *vc, struct document *d,
    struct uc_error *err)
{
	enum db_status	rc;
	int		found = 0;

	memset(err, 0, sizeof(*err));
	memset(d, 0, sizeof(*d));
	if ((vc = vc_upper(app, vc)) == NULL)
		return uc_fail(err, UC_BAD_INPUT, "code",
		    "A verification code has 24 characters, A to Z and 2 to 7.",
		    "Mã xác thực gồm 24 ký tự, từ A đến Z và từ 2 đến 7.");
	if ((rc = documents_public(app->db, app->arena, vc, d,
	    &found)) != DB_OK)
		return uc_db_fail(err, rc);
	if (!found)
		return uc_fail(err, UC_NOT_FOUND, "code",
		    "No document was issued with this verification code.",
		    "Không có văn bản nào được cấp với mã xác thực này.");
	return UC_OK;
}

static void
finding(struct verification *out, const char *check, const char *en,
    const char *vi)
{
	out->check = check;
	out->en = en;
	out->vi = vi;
}

/* The registry's word on a document whose signature is ours. */
static enum uc_status
registry(struct app *app, const char *vc, struct verification *out,
    struct uc_error *err)
{
	char		 when[DOSSIER_TIME_LEN + 1];
	enum db_status	 rc;
	int		 found = 0;

	if (vc_shape(vc) && (rc = documents_public(app->db, app->arena, vc,
	    &out->reg, &found)) != DB_OK)
		return uc_db_fail(err, rc);
	out->registered = found;
	if (!found) {
		finding(out, "registry", "The signature is valid, but the "
		    "registry has no document with its verification code.",
		    "Chữ ký số hợp lệ nhưng sổ đăng ký không có văn bản với "
		    "mã xác thực của tài liệu.");
		return UC_OK;
	}
	if (strcmp(out->reg.status, "revoked") == 0) {
		dossier_time_format(out->reg.revoked_at, when);
		finding(out, "status", arena_printf(app->arena, "Revoked on %s "
		    "because: %s", when, out->reg.revoked_reason != NULL ?
		    out->reg.revoked_reason : "-"), arena_printf(app->arena,
		    "Đã bị thu hồi ngày %s vì: %s", when,
		    out->reg.revoked_reason != NULL ?
		    out->reg.revoked_reason : "-"));
		return UC_OK;
	}
	if (strcmp(out->reg.status, "superseded") == 0) {
		finding(out, "status", arena_printf(app->arena, "Superseded by "
		    "%s.", out->reg.superseded_by != NULL ?
		    out->reg.superseded_by : "-"), arena_printf(app->arena,
		    "Đã được thay thế bởi văn bản %s.",
		    out->reg.superseded_by != NULL ?
		    out->reg.superseded_by : "-"));
		return UC_OK;
	}
	out->valid = 1;
	finding(out, "ok", "The signature is valid and the document is valid "
	    "in the registry.", "Chữ ký số hợp lệ và văn bản còn hiệu lực "
	    "theo sổ đăng ký.");
	return UC_OK;
}

enum uc_status
uc_verify(struct app *app, const char *xml, size_t len,
    struct verification *out, struct uc_error *err)
{
	static const char *const checks[DOC_VERDICT__MAX] = {
		[DOC_VALID] = "ok",
		[DOC_MALFORMED] = "format",
		[DOC_UNSIGNED] = "signature",
		[DOC_NOT_OURS] = "certificate",
		[DOC_TAMPERED] = "signature",
	};
	struct doc_check	 c;

	memset(err, 0, sizeof(*err));
	memset(out, 0, sizeof(*out));
	if (xml == NULL || len == 0)
		return uc_fail(err, UC_BAD_INPUT, "file",
		    "Attach the XML document to check.",
		    "Vui lòng đính kèm tài liệu XML cần kiểm tra.");
	if (doc_verify(xml, len, arena_printf(app->arena, "%s/ca.pem",
	    app->cfg->keys_dir), app->arena, &c) != DOC_VALID) {
		finding(out, checks[c.verdict], c.en, c.vi);
		return UC_OK;
	}
	return registry(app, c.verification_code, out, err);
}
