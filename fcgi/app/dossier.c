/*
 * dossier_uc.c - the use cases of dossiers (dossier_uc.h): what they
 * share, the lists, the public lookup, and the answers to refusals.
 * Submissions are in dossier_submit.c, views and actions in
 * dossier_act.c.
 *
 * The rules are core's (validate_form, wf_transition, core/dossier.h);
 * these files fetch what they need, and store what they decide, in one
 * transaction per change with its event and its audit entry.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/config.h"
#include "base/log.h"
#include "core/def.h"
#include "core/dossier.h"
#include "core/validate.h"
#include "app/dossier_int.h"
#include "store/documents.h"
#include "store/dossiers.h"
#include "store/units.h"

/*
 * Failed lookups allowed in LOOKUP_WINDOW seconds.  A PIN has 10^6
 * values; the throttle stops the guessers, not the dossier.  Counted
 * per code alone, ten wrong guesses from anywhere would shut out the
 * owner with the right PIN.  So:
 *  - per address, over all codes: LOOKUP_MAX_ADDRESS;
 *  - per code and address: LOOKUP_MAX_PAIR (a typo or ten is fine);
 *  - per code from anywhere, LOOKUP_ALARM_CODE is an alarm, not a
 *    lock: past it (logged), an address that has failed on the code
 *    in the window is refused, and one that has not gets one try.
 * A guesser spread over N addresses thus gets at most about
 * max(LOOKUP_ALARM_CODE, N) guesses at a code per window (1,000
 * addresses: half the PINs in about five days of guessing), while the
 * owner from an address that has not guessed wrong always gets in.
 */
#define LOOKUP_WINDOW		900
#define LOOKUP_MAX_ADDRESS	100
#define LOOKUP_MAX_PAIR		10
#define LOOKUP_ALARM_CODE	30

/* ---- small helpers ------------------------------------------------ */

const char *
uc_object(struct app *app, const char *code)
{
	return arena_printf(app->arena, "dossier:%s", code);
}

enum uc_status
uc_db_fail(struct uc_error *err, enum db_status rc)
{
	return rc == DB_UNAVAILABLE ? uc_fail(err, UC_UNAVAILABLE, NULL,
	    "The database cannot be reached; try again shortly.",
	    "Không kết nối được cơ sở dữ liệu; vui lòng thử lại sau.") :
	    uc_fail(err, UC_ERROR, NULL, NULL, NULL);
}

int64_t
uc_id(const char *s)
{
	size_t	n = strlen(s);

	if (n == 0 || n > 18 || strspn(s, "0123456789") != n || s[0] == '0')
		return 0;
	return strtoll(s, NULL, 10);
}

/* A refusal that hides or forbids a dossier: audited, then answered. */
enum uc_status
uc_deny(struct app *app, struct uc_error *err, enum uc_status st,
    const char *code, const char *why)
{
	(void)app_audit(app, "dossier.denied", uc_object(app, code),
	    app_json_text(app->arena, json_pack("{s:s, s:s, s:s}", "reason", why,
	    "route", app->via != NULL ? app->via : "",
	    "method", app->via_method != NULL ? app->via_method : "")));
	if (st == UC_NOT_FOUND)
		return uc_fail(err, st, "code",
		    "There is no dossier with this code that you may see.",
		    "Không có hồ sơ với mã này mà bạn được xem.");
	return uc_fail(err, st, NULL, "You may not do this with this dossier.",
	    "Bạn không được thực hiện thao tác này với hồ sơ này.");
}

/* ---- stored data -------------------------------------------------- */

void
uc_add_input(struct app *app, struct input **v, size_t *n, size_t *cap,
    const char *name, const char *val, size_t len, const char *filename)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = arena_grow(app->arena, *v, *n * sizeof(**v),
		    *cap * sizeof(**v));
	}
	(*v)[*n].name = name;
	(*v)[*n].val = val;
	(*v)[*n].len = len;
	(*v)[*n].filename = filename;
	(*n)++;
}

void
uc_stored_inputs(struct app *app, const char *data, struct input **out,
    size_t *nout)
{
	struct input	*in = NULL;
	size_t		 n = 0, cap = 0, i;
	const char	*key, *s;
	json_t		*o, *v, *e;

	*out = NULL;
	*nout = 0;
	if (data == NULL || (o = json_loads(data, 0, NULL)) == NULL)
		return;
	arena_cleanup(app->arena, (void (*)(void *))json_decref, o);
	json_object_foreach(o, key, v) {
		if (json_is_array(v)) {
			json_array_foreach(v, i, e) {
				/* A file: only its presence counts. */
				if (json_is_object(e))
					uc_add_input(app, &in, &n, &cap, key,
					    NULL, 0, "");
				else if ((s = app_json_scalar(app->arena, e)) != NULL)
					uc_add_input(app, &in, &n, &cap, key, s,
					    strlen(s), NULL);
			}
		} else if ((s = app_json_scalar(app->arena, v)) != NULL)
			uc_add_input(app, &in, &n, &cap, key, s, strlen(s), NULL);
	}
	*out = in;
	*nout = n;
}

/* The record of a dossier's stored data (for guards and holders). */
struct value *
uc_record(struct app *app, const struct form *f, const char *data)
{
	struct input	*in;
	struct value	*rec;
	size_t		 n;

	rec = arena_calloc(app->arena, f->nfields ? f->nfields : 1,
	    sizeof(*rec));
	uc_stored_inputs(app, data, &in, &n);
	if (n > 0)
		dossier_record(app->arena, f, in, n, rec);
	return rec;
}

enum uc_status
uc_files(struct app *app, const struct form *f, const struct form_in *fi,
    struct input **out, size_t *nout, struct uc_error *err)
{
	const struct input *fs = fi->files;
	struct input	*in;
	unsigned char	*used;
	size_t		 i, j, k, n = fi->n;

	in = arena_calloc(app->arena, n + 1, sizeof(*in));
	if (n > 0)
		memcpy(in, fi->v, n * sizeof(*in));
	used = arena_calloc(app->arena, fi->nfiles + 1, 1);
	for (i = 0; i < n; i++) {
		if (in[i].filename != NULL || in[i].val == NULL ||
		    in[i].name == NULL ||
		    (k = form_field(f, in[i].name)) == DEF_NONE ||
		    f->fields[k].type != FT_FILE)
			continue;
		for (j = 0; j < fi->nfiles; j++)
			if (!used[j] && strcmp(fs[j].filename, in[i].val) == 0)
				break;
		if (j < fi->nfiles) {
			used[j] = 1;
			in[i].filename = fs[j].filename;
			in[i].val = fs[j].val;
			in[i].len = fs[j].len;
		} else {
			/* Named, not sent: validation says so. */
			in[i].filename = in[i].val;
			in[i].val = NULL;
			in[i].len = 0;
		}
	}
	*out = in;
	*nout = n;
	for (j = 0; j < fi->nfiles; j++)
		if (!used[j])
			return uc_fail(err, UC_BAD_INPUT, "file",
			    arena_printf(app->arena, "The file \"%s\" is not "
			    "named by any field in \"data\".", fs[j].filename),
			    arena_printf(app->arena, "Tệp \"%s\" không được "
			    "trường nào trong \"data\" nhắc đến.",
			    fs[j].filename));
	return UC_OK;
}

int
uc_pauses(const char *text, struct pauses *p)
{
	json_t	*o, *e;
	size_t	 i;
	int	 rc = 0;

	memset(p, 0, sizeof(*p));
	if (text == NULL)
		return 0;
	if ((o = json_loads(text, 0, NULL)) == NULL)
		return -1;
	if (!json_is_array(o) || json_array_size(o) > PAUSES_MAX)
		rc = -1;
	else
		json_array_foreach(o, i, e) {
			json_t	*a = json_array_get(e, 0);
			json_t	*b = json_array_get(e, 1);

			if (!json_is_integer(a) || (!json_is_integer(b) &&
			    !json_is_null(b))) {
				rc = -1;
				break;
			}
			p->v[p->n].from = json_integer_value(a);
			p->v[p->n].to = json_is_null(b) ? PAUSE_OPEN :
			    json_integer_value(b);
			p->n++;
		}
	json_decref(o);
	return rc;
}

int64_t
uc_remaining(struct app *app, const struct dossier *d, const struct pauses *p,
    int64_t now)
{
	if (d->due_at == 0 || d->completed_at != 0 || app->cal == NULL)
		return INT64_MIN;
	return dossier_remaining(app->cal, now, d->due_at, p);
}

/* ---- units -------------------------------------------------------- */

int
uc_unit(struct app *app, struct unit_cache *c, const char *code,
    struct unit *u)
{
	enum db_status	rc;
	size_t		i;

	if (c != NULL)
		for (i = 0; i < c->n; i++)
			if (strcmp(c->v[i].code, code) == 0) {
				*u = c->v[i];
				return 0;
			}
	if ((rc = units_by_code(app->db, app->arena, code, u)) != DB_OK)
		return -1;
	if (c != NULL && u->id != 0 &&
	    c->n < sizeof(c->v) / sizeof(c->v[0]))
		c->v[c->n++] = *u;
	return 0;
}

int
uc_unit_ok(void *arg, enum unit_kind kind, const char *code)
{
	struct unit_check *uc = arg;
	struct unit	 u;

	if (uc_unit(uc->app, &uc->cache, code, &u) == -1) {
		uc->db_failed = 1;
		return -1;
	}
	return u.id != 0 && strcmp(u.kind, unit_kind_names[kind]) == 0;
}

enum uc_status
uc_resolve_holder(struct app *app, struct unit_cache *c, const struct form *f,
    const struct holder *h, const struct value *rec, struct unit *out,
    struct uc_error *err)
{
	struct unit	 child;
	const char	*code;
	enum unit_kind	 kind = UK_DEPARTMENT;
	enum db_status	 rc = DB_OK;

	memset(out, 0, sizeof(*out));
	switch (dossier_holder_need(h, f, rec, &code, &kind)) {
	case HN_APPLICANT:
		return UC_OK;
	case HN_UNIT:
		if (uc_unit(app, c, code, out) == -1)
			rc = DB_UNAVAILABLE;
		break;
	case HN_PARENT:
		if (uc_unit(app, c, code, &child) == -1)
			rc = DB_UNAVAILABLE;
		else if (child.id != 0 && child.parent_id != 0)
			rc = units_by_id(app->db, app->arena,
			    child.parent_id, out);
		break;
	case HN_KIND:
		rc = units_of_kind(app->db, app->arena,
		    unit_kind_names[kind], out);
		break;
	default:
		return uc_fail(err, UC_CONFLICT, NULL,
		    "The dossier names no unit to hold it next.",
		    "Hồ sơ không nêu đơn vị tiếp nhận tiếp theo.");
	}
	if (rc != DB_OK)
		return uc_db_fail(err, rc);
	if (out->id == 0)
		return uc_fail(err, UC_CONFLICT, NULL,
		    "The unit that should hold the dossier next does not "
		    "exist.",
		    "Đơn vị cần tiếp nhận hồ sơ tiếp theo không tồn tại.");
	return UC_OK;
}

/* ---- list ----------------------------------------------------------- */

enum uc_status
uc_list(struct app *app, struct dossier_filter *f, struct dossier **out,
    size_t *n, struct uc_error *err)
{
	enum db_status	rc;

	memset(err, 0, sizeof(*err));
	*out = NULL;
	*n = 0;
	switch (app->actor.kind) {
	case ACTOR_CITIZEN:
		f->box = BOX_MINE;
		f->key = app->actor.user_id;
		break;
	case ACTOR_STAFF:
		if (f->box != BOX_HELD)
			f->box = BOX_INBOX;
		f->key = app->actor.unit_id;
		break;
	case ACTOR_INSPECTOR:
		f->box = BOX_ALL;
		f->key = 0;
		break;
	case ACTOR_PARTNER:
		/* What its unit handled, or all when it names none. */
		f->box = app->actor.unit_id != 0 ? BOX_HELD : BOX_ALL;
		f->key = app->actor.unit_id;
		if (app->actor.scopes & SCOPE(SCOPE_DOSSIERS_READ))
			break;
		/* FALLTHROUGH */
	default:
		(void)app_audit(app, "dossier.denied", "dossiers", app_json_text(app->arena,
		    json_pack("{s:s}", "reason", "scope")));
		return uc_fail(err, UC_FORBIDDEN, NULL,
		    "You may not list dossiers.",
		    "Bạn không được xem danh sách hồ sơ.");
	}
	if ((rc = dossiers_list(app->db, app->arena, f, out, n)) != DB_OK)
		return uc_db_fail(err, rc);
	return UC_OK;
}

enum uc_status
uc_code_filter(struct app *app, const char *val, struct dossier_filter *f,
    struct uc_error *err)
{
	char	*c = arena_strdup(app->arena, val), *s;

	for (s = c; *s != '\0'; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
	if (!dossier_code_shape(c))
		return uc_fail(err, UC_BAD_INPUT, "code",
		    "A whole dossier code, as on the receipt: "
		    "UNITCODE-YYMMDD-NNNN.",
		    "Mã hồ sơ đầy đủ, như trên giấy tiếp nhận: "
		    "MÃĐƠNVỊ-YYMMDD-NNNN.");
	f->code = c;
	return UC_OK;
}

/* ---- public lookup -------------------------------------------------- */

/* 1 if the counts refuse this address (*retry: seconds), else 0. */
static int
lookup_refused(const struct lookup_fails *lf, int *retry)
{
	int	refused = 0, r = 0;

	if (lf->by_address >= LOOKUP_MAX_ADDRESS) {
		refused = 1;
		r = lf->retry_address;
	}
	if (lf->by_pair >= LOOKUP_MAX_PAIR ||
	    (lf->by_pair > 0 && lf->by_object >= LOOKUP_ALARM_CODE)) {
		refused = 1;
		if (lf->retry_pair > r)
			r = lf->retry_pair;
	}
	*retry = r < 1 ? 1 : r;
	return refused;
}

/* The lookup, inside uc_lookup's transaction: its failures counted
 * under locks per address and per code (lookup_failures), so that
 * parallel guesses cannot all pass the count before any is recorded. */
static enum uc_status
lookup_counted(struct app *app, const char *code, const char *pin,
    const char *object, struct lookup *out, struct uc_error *err)
{
	unsigned char	 hash[32];
	struct lookup_fails lf;
	struct dossier	 d;
	enum db_status	 rc;
	int		 ok;

	if ((rc = dossiers_lookup_fails(app->db, app->remote_addr, object,
	    LOOKUP_WINDOW, &lf)) != DB_OK)
		return uc_db_fail(err, rc);
	if (lf.by_object == LOOKUP_ALARM_CODE)
		log_msg(LOG_WARN, "lookup: %d failures on %s in %d s; one try "
		    "per address now", lf.by_object, object, LOOKUP_WINDOW);
	if (lookup_refused(&lf, &err->retry_after))
		return uc_fail(err, UC_THROTTLED, NULL,
		    "Too many failed lookups; try again later.",
		    "Tra cứu sai quá nhiều lần; vui lòng thử lại sau.");
	/* The database answers only when code and PIN match (the same
	 * work whether or not the code exists); it never gives out the
	 * PIN's hash. */
	dossier_pin_hash(code, pin, hash);
	if ((rc = dossiers_lookup(app->db, app->arena, code, hash, &d,
	    &ok)) != DB_OK)
		return uc_db_fail(err, rc);
	if (!ok) {
		if ((rc = app_audit(app, "lookup.failed", object, NULL)) != DB_OK)
			return uc_db_fail(err, rc);
		return uc_fail(err, UC_NOT_FOUND, NULL,
		    "No dossier has this code and PIN.",
		    "Không có hồ sơ với mã và mã PIN này.");
	}
	out->wf = defs_workflow(app->defs, d.service);
	out->service = d.service;
	out->code = d.code;
	out->status = d.status;
	out->state = d.state;
	out->received_at = d.received_at;
	out->due_at = d.due_at;
	out->completed_at = d.completed_at;
	/* That results were issued, never what they say. */
	if ((rc = documents_results(app->db, app->arena, code, hash,
	    &out->results)) != DB_OK)
		return uc_db_fail(err, rc);
	return UC_OK;
}

enum uc_status
uc_lookup(struct app *app, const char *code, const char *pin,
    struct lookup *out, struct uc_error *err)
{
	enum uc_status	 st;
	enum db_status	 rc;

	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	if (code == NULL || !dossier_code_shape(code))
		return uc_fail(err, UC_BAD_INPUT, "code",
		    "A dossier code looks like UNIT-YYMMDD-NNNN.",
		    "Mã hồ sơ có dạng MÃĐƠNVỊ-YYMMDD-NNNN.");
	if (pin == NULL || !dossier_pin_shape(pin))
		return uc_fail(err, UC_BAD_INPUT, "pin",
		    "The PIN has 6 digits.", "Mã PIN gồm 6 chữ số.");
	if ((rc = db_begin(app->db)) != DB_OK)
		return uc_db_fail(err, rc);
	st = lookup_counted(app, code, pin, uc_object(app, code), out, err);
	if (st != UC_OK && st != UC_NOT_FOUND && st != UC_THROTTLED) {
		db_rollback(app->db);
		return st;
	}
	/* A failure's audit entry is what the next count sees. */
	if ((rc = db_commit(app->db)) != DB_OK) {
		memset(out, 0, sizeof(*out));
		return uc_db_fail(err, rc);
	}
	return st;
}
