/*
 * issue.c - documents issued by a transition: see issue.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "app/audit.h"
#include "app/dossier_int.h"
#include "app/issue.h"
#include "base/arena.h"
#include "base/config.h"
#include "base/log.h"
#include "core/def.h"
#include "core/dossier.h"
#include "core/validate.h"
#include "doc/doc.h"
#include "store/dossiers.h"
#include "store/documents.h"
#include "store/records.h"
#include "store/units.h"

#define VC_BYTES	15	/* 120 bits: 24 characters of base32 */

/* RFC 4648 base32 of VC_BYTES random bytes: URL-safe, no padding. */
static void
verification_code(char out[VC_BYTES * 8 / 5 + 1])
{
	static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned char	 b[VC_BYTES];
	size_t		 i, o = 0;
	unsigned	 acc = 0, bits = 0;

	if (RAND_bytes(b, sizeof(b)) != 1)
		abort();
	for (i = 0; i < sizeof(b); i++) {
		acc = (acc << 8) | b[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = alpha[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	out[o] = '\0';
}

static enum db_status
db_fail(struct issue *is, enum db_status rc)
{
	is->st = uc_db_fail(&is->err, rc);
	return rc;
}

static enum db_status
fail_with(struct issue *is, enum uc_status st, const char *en, const char *vi)
{
	is->st = uc_fail(&is->err, st, NULL, en, vi);
	return st == UC_UNAVAILABLE ? DB_UNAVAILABLE : DB_ERROR;
}

/* The form's fields with their stored values, labels in Vietnamese. */
static void
facts_fields(struct issue *is, struct doc_facts *f)
{
	struct app		*app = is->app;
	const struct form	*form = is->v->wf->form;
	struct doc_field	*out;
	struct input		*in;
	const char		**vals;
	size_t			 n, i, k, m;

	uc_stored_inputs(app, is->data, &in, &n);
	out = arena_calloc(app->arena, form->nfields + 1, sizeof(*out));
	f->fields = out;
	for (k = 0; k < form->nfields; k++) {
		if (form->fields[k].type == FT_FILE)
			continue;
		vals = arena_calloc(app->arena, n + 1, sizeof(*vals));
		for (i = m = 0; i < n; i++)
			if (in[i].filename == NULL && in[i].val != NULL &&
			    strcmp(in[i].name, form->fields[k].id) == 0)
				vals[m++] = in[i].val;
		out[f->nfields].id = form->fields[k].id;
		out[f->nfields].label = form->fields[k].label.vi;
		out[f->nfields].values = vals;
		out[f->nfields++].nvalues = m;
	}
}

/* The value of field id in the facts, or NULL. */
static const char *
fact(const struct doc_facts *f, const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < f->nfields; i++)
		if (strcmp(f->fields[i].id, id) == 0 && f->fields[i].nvalues > 0)
			return f->fields[i].values[0];
	return NULL;
}

/* ---- the records a kind declares (catalogue records=) ---------------- */

static enum db_status
grades_rows(struct app *app, const char *key, struct doc_row **rows,
    size_t *n)
{
	struct grade	*g;
	enum db_status	 rc;
	size_t		 i;

	if ((rc = records_grades(app->db, app->arena, key, &g, n)) != DB_OK)
		return rc;
	*rows = arena_calloc(app->arena, *n + 1, sizeof(**rows));
	for (i = 0; i < *n; i++) {
		(*rows)[i].name = "grade";
		(*rows)[i].attr[0][0] = "school-year";
		(*rows)[i].attr[0][1] = g[i].school_year;
		(*rows)[i].attr[1][0] = "semester";
		(*rows)[i].attr[1][1] = arena_printf(app->arena, "%d",
		    g[i].semester);
		(*rows)[i].attr[2][0] = "subject";
		(*rows)[i].attr[2][1] = g[i].subject;
		(*rows)[i].attr[3][0] = "score";
		(*rows)[i].attr[3][1] = g[i].score;
	}
	return DB_OK;
}

static const struct {
	const char	*name;
	enum db_status	(*rows)(struct app *, const char *key,
			    struct doc_row **, size_t *);
} sources[] = {
	{ "grades", grades_rows },
};

static enum db_status
facts_records(struct issue *is, const struct doc_kind *k, struct doc_facts *f)
{
	struct doc_row	*rows = NULL;
	const char	*key;
	size_t		 i, n = 0;
	enum db_status	 rc;

	if (k->records == NULL)
		return DB_OK;
	for (i = 0; i < sizeof(sources) / sizeof(sources[0]); i++)
		if (strcmp(sources[i].name, k->records) == 0)
			break;
	if (i == sizeof(sources) / sizeof(sources[0]))
		return fail_with(is, UC_ERROR, NULL, NULL);
	if ((key = fact(f, k->records_key)) != NULL &&
	    (rc = sources[i].rows(is->app, key, &rows, &n)) != DB_OK)
		return db_fail(is, rc);
	f->records = k->records;
	f->rows = rows;
	f->nrows = n;
	return DB_OK;
}

/* The title the actor signs with: the first of their roles that may
 * take the action, as the catalogue names it. */
static const char *
signer_title(const struct issue *is)
{
	const struct defs	*defs = is->app->defs;
	uint64_t		 r;
	size_t			 i;

	r = is->app->actor.roles & is->v->wf->actions[is->action].roles;
	for (i = 0; i < defs->nroles && i < 64; i++)
		if (r & ((uint64_t)1 << i))
			return defs->roles[i].name.vi;
	return "";
}

static enum db_status
issue_one(struct issue *is, int64_t event_id, size_t kind)
{
	struct app		*app = is->app;
	const struct doc_kind	*k = &app->defs->docs[kind];
	const struct action	*act = &is->v->wf->actions[is->action];
	struct doc_facts	 f;
	struct doc_signed	 sd;
	struct document		 doc;
	struct audit_entry	 ae;
	struct unit		 unit;
	char			 now[DOSSIER_TIME_LEN + 1], vc[32];
	char			 recv[DOSSIER_TIME_LEN + 1];
	const char		*facts, *xml;
	size_t			 flen, xlen;
	int			 serial, n;
	enum db_status		 rc;

	if (app->actor.kind != ACTOR_STAFF || app->actor.unit_id == 0)
		return fail_with(is, UC_CONFLICT, "Only staff of a unit issue "
		    "documents.", "Chỉ cán bộ của đơn vị mới cấp văn bản.");
	if (app->docs == NULL || app->signer == NULL)
		return fail_with(is, UC_UNAVAILABLE, "Documents cannot be "
		    "signed here now; try again shortly.",
		    "Hiện không ký được văn bản; vui lòng thử lại sau.");
	if ((rc = units_by_id(app->db, app->arena, app->actor.unit_id,
	    &unit)) != DB_OK || unit.id == 0)
		return db_fail(is, rc != DB_OK ? rc :
		    DB_ERROR);
	dossier_time_format(app->now, now);
	if ((rc = documents_number(app->db, app->arena, unit.id,
	    atoi(now), is->v->d.id, k->result, &serial, &n)) != DB_OK)
		return db_fail(is, rc);
	verification_code(vc);

	memset(&f, 0, sizeof(f));
	f.kind = k->id;
	f.kind_name = k->name.vi;
	f.result_code = arena_printf(app->arena, "%s-%s%d", is->v->d.code,
	    k->result ? "KQ" : "TB", n);
	f.serial = arena_printf(app->arena, "%d/%.4s", serial, now);
	f.verification_code = vc;
	f.verify_url = arena_printf(app->arena, "%s/verify/%s",
	    app->cfg->public_url, vc);
	f.issued_at = now;
	f.unit_code = unit.code;
	f.unit_name = unit.name_vi;
	f.signer_name = app->actor.name != NULL ? app->actor.name : "";
	f.signer_title = signer_title(is);
	f.dossier_code = is->v->d.code;
	f.service = is->v->wf->code;
	f.service_name = is->v->wf->name.vi;
	if (is->v->d.received_at > 0) {
		dossier_time_format(is->v->d.received_at, recv);
		f.received_at = recv;
	}
	f.action = act->id;
	f.action_label = act->label.vi;
	f.comment = is->comment;
	f.reason = is->reason;
	facts_fields(is, &f);
	if ((rc = facts_records(is, k, &f)) != DB_OK)
		return rc;

	facts = doc_facts_xml(app->arena, &f, &flen);
	if ((xml = doc_render(app->docs, kind, facts, flen, app->arena,
	    &xlen)) == NULL)
		return fail_with(is, UC_ERROR, NULL, NULL);
	switch (doc_sign(xml, xlen, app->signer, unit.code,
	    app->cfg->keys_dir, app->request_id, app->arena, &sd)) {
	case DOC_SIGNED:
		break;
	case DOC_SIGNER_DOWN:
		return fail_with(is, UC_UNAVAILABLE, "The signing service "
		    "cannot be reached; nothing was changed; try again "
		    "shortly.", "Không kết nối được dịch vụ ký số; hồ sơ "
		    "chưa thay đổi; vui lòng thử lại sau.");
	default:
		return fail_with(is, UC_UNAVAILABLE, "The unit's signing key "
		    "is not ready; nothing was changed.",
		    "Khóa ký số của đơn vị chưa sẵn sàng; hồ sơ chưa thay "
		    "đổi.");
	}

	memset(&doc, 0, sizeof(doc));
	doc.dossier_id = is->v->d.id;
	doc.event_id = event_id;
	doc.kind = k->id;
	doc.is_result = k->result;
	doc.result_code = f.result_code;
	doc.serial = f.serial;
	doc.verification_code = vc;
	doc.unit_id = unit.id;
	doc.key_id = sd.key_id;
	doc.signer_id = app->actor.user_id;
	doc.signer_name = f.signer_name;
	doc.signer_title = f.signer_title;
	doc.issued_at = app->now;
	doc.xml = sd.xml;
	doc.xml_len = sd.len;
	if ((rc = documents_add(app->db, app->arena, &doc)) != DB_OK)
		return db_fail(is, rc);
	app_entry(app, &ae, "document.issued", uc_object(app, is->v->d.code),
	    app_json_text(app->arena, json_pack("{s:I, s:s, s:s, s:s, s:s}",
	    "document", (json_int_t)doc.id, "kind", k->id, "result_code",
	    f.result_code, "serial", f.serial, "key_id", sd.key_id)));
	if ((rc = audit_add(app->db, &ae)) != DB_OK)
		return db_fail(is, rc);
	is->issued++;
	return DB_OK;
}

static enum db_status
within(void *arg, int64_t event_id)
{
	struct issue	*is = arg;
	enum db_status	 rc;
	size_t		 i;

	for (i = 0; i < is->neffects; i++)
		if (is->effects[i].kind == EFF_ISSUE_DOCUMENT &&
		    (rc = issue_one(is, event_id, is->effects[i].doc)) != DB_OK)
			return rc;
	return DB_OK;
}

int
issue_needed(const struct effect *e, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (e[i].kind == EFF_ISSUE_DOCUMENT)
			return 1;
	return 0;
}

void
issue_hook(struct issue *is, struct dossier_change *c)
{
	is->st = UC_OK;
	memset(&is->err, 0, sizeof(is->err));
	is->issued = 0;
	c->within = within;
	c->within_arg = is;
}
