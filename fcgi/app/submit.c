/*
 * dossier_submit.c - filing an application (dossier_uc.h): the records
 * that prefill it, validation, the receiving unit, the definition
 * version it is pinned to, and the one transaction that numbers and
 * stores it.
 */
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/hash.h"
#include "base/log.h"
#include "base/utf8.h"
#include "core/def.h"
#include "core/dossier.h"
#include "core/validate.h"
#include "app/dossier_int.h"
#include "app/notify.h"
#include "store/dossiers.h"
#include "store/records.h"

/* ---- definitions pinned ------------------------------------------- */

/* A path or a browser's file name without its directories. */
static const char *
base_name(const char *name)
{
	const char	*p;

	for (p = name; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			name = p + 1;
	return name;
}

/*
 * Store the version a dossier is pinned to, once per connection: its
 * digest, and the XML it was compiled from, read at load (def.h).
 */
static enum db_status
pin_definition(struct app *app, const struct workflow *wf)
{
	return dossiers_def_pin(app->db, wf->digest, wf->code,
	    wf->content);
}

/* ---- prefill ------------------------------------------------------ */

/* Record columns that definitions may name (<prefill source column>). */
static const struct {
	const char	*source;
	const char	*column;
	size_t		 off;		/* a const char * in the record */
} columns[] = {
	{ "applicant", "full_name", offsetof(struct applicant, full_name) },
	{ "applicant", "cccd", offsetof(struct applicant, cccd) },
	{ "applicant", "phone", offsetof(struct applicant, phone) },
	{ "applicant", "email", offsetof(struct applicant, email) },
	{ "student", "full_name", offsetof(struct student, full_name) },
	{ "student", "date_of_birth", offsetof(struct student, date_of_birth) },
	{ "student", "school", offsetof(struct student, school_code) },
};

static const char *
column_of(const struct prefill *p, const struct applicant *ap,
    const struct student *st)
{
	const void	*rec;
	size_t		 i;

	for (i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		if (strcmp(columns[i].source, p->source) == 0 &&
		    strcmp(columns[i].column, p->column) == 0) {
			rec = strcmp(p->source, "applicant") == 0 ?
			    (const void *)ap : (const void *)st;
			if (rec == NULL)
				return NULL;
			return *(const char *const *)(const void *)
			    ((const char *)rec + columns[i].off);
		}
	return NULL;
}

enum uc_status
uc_prefill(struct app *app, const struct form *f, struct input **out,
    size_t *n)
{
	struct applicant ap;
	enum db_status	 rc;
	const char	*v;
	size_t		 k, cap = 0;
	int		 found;

	*out = NULL;
	*n = 0;
	if (app->actor.kind != ACTOR_CITIZEN)
		return UC_OK;
	if ((rc = records_applicant(app->db, app->arena, app->actor.user_id, &ap,
	    &found)) != DB_OK)
		return rc == DB_UNAVAILABLE ? UC_UNAVAILABLE : UC_ERROR;
	if (!found)
		return UC_OK;
	for (k = 0; k < f->nfields; k++) {
		const struct field *fl = &f->fields[k];

		if (fl->prefill == NULL ||
		    strcmp(fl->prefill->source, "applicant") != 0 ||
		    (v = column_of(fl->prefill, &ap, NULL)) == NULL)
			continue;
		uc_add_input(app, out, n, &cap, fl->id, v, strlen(v), NULL);
	}
	return UC_OK;
}

/* A value from a record, into the record of a form (readonly fields). */
static void
set_value(const struct field *fl, const char *s, struct value *v)
{
	memset(v, 0, sizeof(*v));
	if (fl->type == FT_DATE) {
		if (date_parse(s, strlen(s), &v->i) == 0)
			v->type = V_DATE;
		return;
	}
	v->type = V_STR;
	v->s = s;
	v->len = strlen(s);
}

static void
field_error(struct app *app, struct uc_error *err, const char *field,
    const char *vi, const char *en)
{
	err->errs = arena_grow(app->arena, err->errs,
	    err->nerrs * sizeof(*err->errs),
	    (err->nerrs + 1) * sizeof(*err->errs));
	err->errs[err->nerrs].field = field;
	err->errs[err->nerrs].rule = RULE_TYPE;
	err->errs[err->nerrs].msg_vi = vi;
	err->errs[err->nerrs].msg_en = en;
	err->nerrs++;
}

/*
 * Fill the readonly fields from the records (the applicant's, and the
 * pupil's found by its key field) into data and rec.  UC_INVALID when a
 * key names no pupil.
 */
enum uc_status
uc_fill_readonly(struct app *app, const struct form *f,
    const struct applicant *ap, const struct pupil_hint *hint,
    struct value *rec, json_t *data, struct uc_error *err)
{
	struct student	 st;
	const char	*code = NULL, *v;
	enum db_status	 rc;
	size_t		 k;
	int		 found = 0;

	for (k = 0; k < f->nfields; k++) {
		const struct field *fl = &f->fields[k];
		const struct prefill *p = fl->prefill;

		if (!fl->readonly || p == NULL)
			continue;
		if (strcmp(p->source, "student") == 0) {
			const struct value *key;

			if (p->key >= f->nfields)
				continue;
			key = &rec[p->key];
			if (key->type != V_STR)
				continue;	/* its own error says why */
			if (code == NULL || strcmp(code, key->s) != 0) {
				code = key->s;
				/* Only a pupil linked to the applicant;
				 * unknown and unlinked look the same. */
				if (ap == NULL || ap->cccd == NULL)
					found = 0;
				else if (hint != NULL && hint->code != NULL &&
				    strcmp(hint->code, code) == 0) {
					found = hint->st != NULL;
					if (found)
						st = *hint->st;
				} else if ((rc = records_student(app->db, app->arena,
				    code, ap->cccd, &st, &found)) != DB_OK)
					return uc_db_fail(err, rc);
				if (!found)
					field_error(app, err,
					    f->fields[p->key].id,
					    "Không có học sinh với mã này "
					    "gắn với số CCCD của bạn trong cơ "
					    "sở dữ liệu ngành giáo dục.",
					    "No pupil with this code is "
					    "linked to your citizen ID in the "
					    "education records.");
			}
			if (!found)
				continue;
			v = column_of(p, NULL, &st);
		} else
			v = column_of(p, ap, NULL);
		if (v == NULL)
			continue;
		json_object_set_new(data, fl->id, json_string(v));
		set_value(fl, v, &rec[k]);
	}
	return err->nerrs > 0 ? UC_INVALID : UC_OK;
}

/* ---- submit ------------------------------------------------------- */

/* The receipt of the dossier this key filed, if the request is the
 * same (idem.c); a dossier filed before requests were fingerprinted
 * has none to compare and is answered as before. */
static enum uc_status
replay(struct app *app, const struct workflow *wf, const char *key,
    const char *reqhash, const struct dossier *d, struct receipt *out,
    struct uc_error *err)
{
	if (strcmp(d->service, wf->code) != 0 || d->pin_salt == NULL)
		return uc_fail(err, UC_CONFLICT, "Idempotency-Key",
		    "This Idempotency-Key was used for another application.",
		    "Khóa Idempotency-Key này đã dùng cho một hồ sơ khác.");
	if (d->request_hash != NULL && strcmp(d->request_hash, reqhash) != 0)
		return uc_fail(err, UC_BAD_INPUT, "Idempotency-Key",
		    "This Idempotency-Key was used with other values; a retry "
		    "sends the same ones, a new application a new key.",
		    "Khóa Idempotency-Key này đã dùng với giá trị khác; gửi lại "
		    "thì giữ nguyên giá trị, hồ sơ mới thì dùng khóa mới.");
	out->d = *d;
	dossier_pin(key, d->code, d->pin_salt, out->pin);
	out->lookup_url = arena_printf(app->arena, "/lookup?code=%s", d->code);
	return UC_REPLAY;
}

struct attachment *
uc_attachments(struct app *app, const struct form *f, const struct input *in,
    size_t n, size_t *nout)
{
	struct attachment *v;
	size_t		 i, k, m = 0;
	char		*h;

	v = arena_calloc(app->arena, n ? n : 1, sizeof(*v));
	for (i = 0; i < n; i++) {
		if (in[i].filename == NULL || in[i].val == NULL ||
		    (in[i].filename[0] == '\0' && in[i].len == 0) ||
		    (k = form_field(f, in[i].name)) == DEF_NONE ||
		    f->fields[k].type != FT_FILE)
			continue;
		h = arena_alloc(app->arena, SHA256_HEX_LEN + 1);
		sha256_hex(in[i].val, in[i].len, h);
		v[m].field = f->fields[k].id;
		v[m].filename = base_name(in[i].filename);
		v[m].mime = sniff_mime(in[i].val, in[i].len);
		v[m].size = (int64_t)in[i].len;
		v[m].sha256 = h;
		v[m].content = in[i].val;
		m++;
	}
	*nout = m;
	return v;
}

/* Names a submission once its number is known (dossiers_submit). */
struct naming {
	struct app	*app;
	const char	*key;
	const char	*unit_code;
	size_t		 natts;
	unsigned char	 hash[32];
	char		 pin[PIN_LEN + 1];
	int		 full;		/* no number left today */
};

static int
named(void *arg, int seq, struct dossier_new *dn, struct audit_entry *ae)
{
	struct naming	*nm = arg;
	struct app	*app = nm->app;
	char		 code[DOSSIER_CODE_MAX + 1];

	if (dossier_code_format(code, sizeof(code), nm->unit_code,
	    dn->received_at, seq) == -1) {
		nm->full = 1;
		return -1;
	}
	dn->code = arena_strdup(app->arena, code);
	dossier_pin(nm->key, dn->code, dn->pin_salt, nm->pin);
	dossier_pin_hash(dn->code, nm->pin, nm->hash);
	dn->pin_hash = nm->hash;
	ae->object = uc_object(app, dn->code);
	ae->detail_json = app_json_text(app->arena, json_pack("{s:s, s:s, s:s, s:I}",
	    "service", dn->service, "unit", nm->unit_code, "state", dn->state,
	    "attachments", (json_int_t)nm->natts));
	return 0;
}

/* The submission's messages to the applicant, in its transaction. */
struct submit_notice {
	struct app		*app;
	const struct workflow	*wf;
	const struct dossier_new *dn;
};

static enum db_status
submit_notify(void *arg, int64_t dossier_id, int64_t event_id)
{
	struct submit_notice	*sn = arg;
	struct notify_about	 ab;

	memset(&ab, 0, sizeof(ab));
	ab.dossier_id = dossier_id;
	ab.code = sn->dn->code;
	ab.wf = sn->wf;
	ab.state = sn->wf->initial;
	ab.applicant_id = sn->dn->applicant_id;
	ab.due_at = sn->dn->due_at;
	return app_notify(sn->app, &ab, event_id);
}

/* The transaction of a submission, and the receipt. */
static enum uc_status
submit_tx(struct app *app, const char *key, struct dossier_new *dn,
    const char *unit_code, const struct attachment *atts, size_t natts,
    struct receipt *out, struct uc_error *err)
{
	struct naming		 nm;
	struct audit_entry	 ae;
	enum db_status		 rc;
	int64_t			 id;

	memset(&nm, 0, sizeof(nm));
	nm.app = app;
	nm.key = key;
	nm.unit_code = unit_code;
	nm.natts = natts;
	app_entry(app, &ae, "dossier.submit", NULL, NULL);
	rc = dossiers_submit(app->db, app->arena, dn, named, &nm, atts, natts,
	    &ae, &id);
	if (nm.full) {
		log_msg(LOG_ERROR, "no dossier code for unit %s today",
		    unit_code);
		return uc_fail(err, UC_UNAVAILABLE, NULL,
		    "The unit cannot number more dossiers today.",
		    "Đơn vị không thể cấp thêm số hồ sơ trong hôm nay.");
	}
	if (rc == DB_CONFLICT)
		return UC_CONFLICT;
	if (rc != DB_OK)
		return uc_db_fail(err, rc);
	memcpy(out->pin, nm.pin, sizeof(out->pin));
	memset(&out->d, 0, sizeof(out->d));
	out->d.id = id;
	out->d.code = dn->code;
	out->d.service = dn->service;
	out->d.version = dn->version;
	out->d.applicant_id = dn->applicant_id;
	out->d.unit_id = dn->unit_id;
	out->d.unit_code = unit_code;
	out->d.holder_unit_id = dn->holder_unit_id;
	out->d.holder_code = unit_code;
	out->d.state = dn->state;
	out->d.status = dn->status;
	out->d.data = dn->data;
	out->d.pin_salt = dn->pin_salt;
	out->d.channel = dn->channel;
	out->d.received_at = dn->received_at;
	out->d.due_at = dn->due_at;
	out->d.paused = "[]";
	out->lookup_url = arena_printf(app->arena, "/lookup?code=%s", dn->code);
	return UC_OK;
}

enum uc_status
uc_submit(struct app *app, const struct workflow *wf,
    const struct form_in *fi, const char *key, struct receipt *out,
    struct uc_error *err)
{
	const struct input *in0 = fi->v;
	size_t		 n0 = fi->n;
	const struct form *f = wf->form;
	const struct state *st0 = &wf->states[wf->initial];
	char		 keyhash[SHA256_HEX_LEN + 1], *salt;
	char		 reqhash[SHA256_HEX_LEN + 1];
	struct unit_check uc;
	struct applicant ap;
	struct submitter *sub;
	struct pupil_hint hint;
	struct dossier	 d;
	const char	*units[SUBMITTER_UNITS], *pupil;
	size_t		 nunits = 0;
	struct dossier_new dn;
	struct dossier_hook hook;
	struct submit_notice notice;
	struct vresult	 vr;
	struct pauses	 none;
	struct unit	 unit;
	struct attachment *atts;
	struct input	*in = NULL;
	struct form_in	 all;
	enum uc_status	 us;
	enum db_status	 rc;
	json_t		*data;
	int64_t		 now, due;
	size_t		 n = 0, cap = 0, i, k, natts;
	int		 found;

	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	memset(&uc, 0, sizeof(uc));
	uc.app = app;
	if (app->actor.kind != ACTOR_CITIZEN)
		return uc_fail(err, UC_FORBIDDEN, NULL,
		    "Only citizens file applications.",
		    "Chỉ công dân mới nộp hồ sơ.");
	if (key == NULL || !dossier_idem_key_shape(key))
		return uc_fail(err, UC_BAD_REQUEST, "Idempotency-Key",
		    "An Idempotency-Key header of 1 to 64 printable characters "
		    "is required.",
		    "Cần phần đầu Idempotency-Key gồm 1 đến 64 ký tự in được.");
	sha256_hex(key, strlen(key), keyhash);
	uc_request_hash(app, wf->code, fi, reqhash);
	/* The dossier of this key, if any, the applicant, and the units and
	 * pupil the values given name, in one statement. */
	pupil = NULL;
	for (k = 0; k < f->nfields; k++) {
		const struct field *fl = &f->fields[k];
		const struct prefill *p = fl->prefill;

		for (i = 0; i < n0; i++) {
			/* Only what can be a code: the others are
			 * refused by validation, or looked up then. */
			if (in0[i].name == NULL || in0[i].val == NULL ||
			    in0[i].filename != NULL || in0[i].len == 0 ||
			    in0[i].len > 64 ||
			    memchr(in0[i].val, '\0', in0[i].len) != NULL ||
			    !utf8_text(in0[i].val, in0[i].len))
				continue;
			if (fl->type == FT_UNIT &&
			    strcmp(in0[i].name, fl->id) == 0 &&
			    nunits < SUBMITTER_UNITS)
				units[nunits++] = arena_strndup(app->arena,
				    in0[i].val, in0[i].len);
			if (pupil == NULL && fl->readonly && p != NULL &&
			    strcmp(p->source, "student") == 0 &&
			    p->key < f->nfields &&
			    strcmp(in0[i].name, f->fields[p->key].id) == 0)
				pupil = arena_strndup(app->arena, in0[i].val,
				    in0[i].len);
		}
	}
	sub = arena_calloc(app->arena, 1, sizeof(*sub));
	if ((rc = dossiers_submitter(app->db, app->arena, app->actor.user_id, keyhash,
	    units, nunits, pupil, sub)) != DB_OK)
		return uc_db_fail(err, rc);
	if (sub->d.id != 0)
		return replay(app, wf, key, reqhash, &sub->d, out, err);
	ap = sub->ap;
	found = sub->found;
	for (i = 0; i < sub->nunits && i < sizeof(uc.cache.v) /
	    sizeof(uc.cache.v[0]); i++)
		uc.cache.v[uc.cache.n++] = sub->units[i];
	hint.code = pupil;
	hint.st = sub->pupil_found ? &sub->pupil : NULL;

	now = app->now;
	if (!dossier_open_at(wf, now))
		return uc_fail(err, UC_CONFLICT, NULL,
		    "This service takes no applications today; see its filing "
		    "windows.",
		    "Dịch vụ này không nhận hồ sơ vào hôm nay; xem thời gian "
		    "tiếp nhận.");
	if (!found)
		return uc_fail(err, UC_FORBIDDEN, NULL,
		    "Your account no longer exists.",
		    "Tài khoản của bạn không còn tồn tại.");

	/* The values given, and the applicant's own where none is. */
	for (i = 0; i < n0; i++)
		uc_add_input(app, &in, &n, &cap, in0[i].name, in0[i].val,
		    in0[i].len, in0[i].filename);
	for (k = 0; k < f->nfields; k++) {
		const struct field *fl = &f->fields[k];
		const char *v;

		if (fl->readonly || fl->prefill == NULL ||
		    strcmp(fl->prefill->source, "applicant") != 0 ||
		    (v = column_of(fl->prefill, &ap, NULL)) == NULL)
			continue;
		for (i = 0; i < n0; i++)
			if (in0[i].name != NULL &&
			    strcmp(in0[i].name, fl->id) == 0)
				break;
		if (i == n0)
			uc_add_input(app, &in, &n, &cap, fl->id, v, strlen(v),
			    NULL);
	}
	all = *fi;
	all.v = in;
	all.n = n;
	if ((us = uc_files(app, f, &all, &in, &n, err)) != UC_OK)
		return us;
	if (validate_form(app->arena, f, in, n, uc_unit_ok, &uc, &vr) == -1) {
		if (uc.db_failed)
			return uc_db_fail(err, DB_UNAVAILABLE);
		err->errs = vr.errors;
		err->nerrs = vr.nerrors;
		return UC_INVALID;
	}
	if (uc.db_failed)
		return uc_db_fail(err, DB_UNAVAILABLE);
	if ((data = json_loadb(vr.json, vr.jsonlen, 0, NULL)) == NULL)
		return uc_fail(err, UC_ERROR, NULL, NULL, NULL);
	arena_cleanup(app->arena, (void (*)(void *))json_decref, data);
	if ((us = uc_fill_readonly(app, f, &ap, &hint, vr.rec, data,
	    err)) != UC_OK)
		return us;

	/* Who receives it: the holder of the initial state. */
	if ((us = uc_resolve_holder(app, &uc.cache, f, &st0->holder, vr.rec,
	    &unit, err)) != UC_OK)
		return us;
	if (unit.id == 0)
		return uc_fail(err, UC_ERROR, NULL, NULL, NULL);
	if ((rc = pin_definition(app, wf)) != DB_OK)
		return uc_db_fail(err, rc);

	memset(&none, 0, sizeof(none));
	due = app->cal != NULL ? dossier_due(app->cal, wf, now, &none) : -1;
	if (due < 0) {
		log_msg(LOG_WARN, "no due date for a dossier received at %lld: "
		    "the calendar does not cover it", (long long)now);
		due = 0;
	}
	salt = arena_alloc(app->arena, PIN_SALT_LEN + 1);
	random_hex(salt, PIN_SALT_LEN / 2);
	atts = uc_attachments(app, f, in, n, &natts);

	memset(&dn, 0, sizeof(dn));
	dn.service = wf->code;
	dn.version = wf->digest;
	dn.applicant_id = app->actor.user_id;
	dn.unit_id = unit.id;
	dn.holder_unit_id = unit.id;
	dn.state = st0->id;
	dn.status = st0->status;
	dn.data = app_json_text(app->arena, json_incref(data));
	dn.pin_salt = salt;
	dn.channel = 2;			/* online */
	dn.received_at = now;
	dn.due_at = due;
	dn.idem_key = keyhash;
	dn.request_hash = reqhash;
	dn.actor_kind = actor_kind_names[ACTOR_CITIZEN];
	notice.app = app;
	notice.wf = wf;
	notice.dn = &dn;
	hook.fn = submit_notify;
	hook.arg = &notice;
	dn.hook = &hook;
	us = submit_tx(app, key, &dn, unit.code, atts, natts, out, err);
	if (us != UC_CONFLICT)
		return us;
	/* The same key, at the same time, from another request. */
	if ((rc = dossiers_by_key(app->db, app->arena, app->actor.user_id, keyhash,
	    &d)) != DB_OK)
		return uc_db_fail(err, rc);
	if (d.id != 0)
		return replay(app, wf, key, reqhash, &d, out, err);
	return uc_fail(err, UC_CONFLICT, NULL,
	    "The application could not be numbered; try again.",
	    "Chưa cấp được số hồ sơ; vui lòng thử lại.");
}

