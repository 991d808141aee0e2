/*
 * dossier_act.c - seeing a dossier and acting on it (dossier_uc.h):
 * who may see it, its history and the actions open to the viewer, and
 * a transition with its holder, its clock and its event, in one
 * transaction with the audit entry.
 */
#include <jansson.h>
#include <string.h>

#include "base/arena.h"
#include "base/log.h"
#include "core/def.h"
#include "core/dossier.h"
#include "core/wf.h"
#include "core/validate.h"
#include "app/dossier_int.h"
#include "app/outbox.h"
#include "app/notify.h"
#include "app/issue.h"
#include "store/dossiers.h"
#include "store/payments.h"
#include "store/records.h"

/* A transition's messages to the applicant, in its transaction: when
 * the action has a notify-applicant effect. */
struct act_notice {
	struct app		*app;
	struct notify_about	 ab;
};

static enum db_status
act_notify(void *arg, int64_t dossier_id, int64_t event_id)
{
	struct act_notice	*an = arg;

	an->ab.dossier_id = dossier_id;
	return app_notify(an->app, &an->ab, event_id);
}

/* ---- see ------------------------------------------------------------ */

static enum viewer
viewer_of(const struct app *app)
{
	switch (app->actor.kind) {
	case ACTOR_CITIZEN:
		return VIEW_CITIZEN;
	case ACTOR_STAFF:
		return VIEW_STAFF;
	case ACTOR_INSPECTOR:
		return VIEW_INSPECTOR;
	default:
		return VIEW_PARTNER;
	}
}

static void
actor_of(const struct app *app, const struct dossier *d, struct wf_actor *a)
{
	memset(a, 0, sizeof(*a));
	if (app->actor.kind == ACTOR_STAFF) {
		a->roles = app->actor.roles;
		a->unit = app->actor.unit_id;
	}
	a->is_applicant = app->actor.kind == ACTOR_CITIZEN &&
	    app->actor.user_id == d->applicant_id;
}

enum uc_status
uc_load(struct app *app, const char *code, struct dossier_view_full *v,
    struct uc_error *err)
{
	struct access_facts af;
	enum db_status	 rc;
	int		 held;

	memset(v, 0, sizeof(*v));
	v->state = DEF_NONE;
	if (app->actor.kind == ACTOR_ANON)
		return uc_deny(app, err, UC_NOT_FOUND, code, "not-visible");
	if (app->actor.kind == ACTOR_PARTNER &&
	    !(app->actor.scopes & SCOPE(SCOPE_DOSSIERS_READ)))
		return uc_deny(app, err, UC_FORBIDDEN, code, "scope");
	if (!dossier_code_shape(code))
		return uc_deny(app, err, UC_NOT_FOUND, code, "no-such-dossier");
	if ((rc = dossiers_by_code(app->db, app->arena, code, &v->d)) != DB_OK)
		return uc_db_fail(err, rc);
	if (v->d.id == 0)
		return uc_deny(app, err, UC_NOT_FOUND, code, "no-such-dossier");
	memset(&af, 0, sizeof(af));
	af.viewer = viewer_of(app);
	af.user_id = app->actor.user_id;
	af.unit_id = app->actor.kind == ACTOR_STAFF || app->actor.kind == ACTOR_PARTNER ?
	    app->actor.unit_id : 0;
	af.may_read = app->actor.kind == ACTOR_PARTNER &&
	    (app->actor.scopes & SCOPE(SCOPE_DOSSIERS_READ));
	af.applicant_id = v->d.applicant_id;
	af.holder_unit_id = v->d.holder_unit_id;
	af.receiving_unit_id = v->d.unit_id;
	af.held_before = -1;
	if ((v->access = dossier_access(&af)) == ACC_HISTORY) {
		if ((rc = dossiers_held_by(app->db, v->d.id, af.unit_id,
		    &held)) != DB_OK)
			return uc_db_fail(err, rc);
		af.held_before = held;
		v->access = dossier_access(&af);
	}
	if (v->access == ACC_NONE)
		return uc_deny(app, err, UC_NOT_FOUND, code, "not-visible");
	if ((v->wf = defs_workflow(app->defs, v->d.service)) != NULL)
		v->state = wf_state(v->wf, v->d.state);
	if (uc_pauses(v->d.paused, &v->pauses) == -1)
		log_msg(LOG_ERROR, "dossier %s: paused is malformed", code);
	return UC_OK;
}

/* What ACC_STATUS shows (core/dossier.h): the steps, not what the
 * citizen wrote or sent, nor what staff wrote about it. */
enum uc_status
uc_load_content(struct app *app, const char *code,
    struct dossier_view_full *v, struct uc_error *err)
{
	enum uc_status	us;

	if ((us = uc_load(app, code, v, err)) != UC_OK)
		return us;
	if (v->access == ACC_STATUS)	/* no personal data: core/dossier.h */
		return uc_deny(app, err, UC_FORBIDDEN, code, "status-only");
	return UC_OK;
}

static void
status_only(struct dossier_view_full *v)
{
	size_t	i;

	v->d.data = "{}";
	v->d.rating_comment = NULL;
	v->natts = 0;
	for (i = 0; i < v->nevents; i++) {
		v->events[i].comment = NULL;
		v->events[i].reason = NULL;
	}
}

/* Events, attachments, time left and the actions open to the viewer. */
static enum uc_status
complete(struct app *app, struct dossier_view_full *v, struct uc_error *err)
{
	struct dossier_view dv;
	struct wf_actor	 a;
	enum db_status	 rc;

	if ((rc = dossiers_events(app->db, app->arena, v->d.id, &v->events,
	    &v->nevents)) != DB_OK ||
	    (rc = dossiers_attachments(app->db, app->arena, v->d.id, &v->atts,
	    &v->natts)) != DB_OK)
		return uc_db_fail(err, rc);
	v->npayments = 0;
	if (v->access != ACC_STATUS && (rc = payments_of_dossier(app->db,
	    app->arena, v->d.id, &v->payments, &v->npayments)) != DB_OK)
		return uc_db_fail(err, rc);
	if (v->access == ACC_STATUS)
		status_only(v);
	v->remaining = uc_remaining(app, &v->d, &v->pauses, app->now);
	v->fee_due = 0;
	if (v->wf != NULL && v->state != DEF_NONE &&
	    v->wf->fee_paid != DEF_NONE && v->wf->states[v->state].status == 6 &&
	    wf_leaves(&v->wf->actions[v->wf->fee_paid], v->state) &&
	    (v->fee_due = wf_fee(v->wf, uc_record(app, v->wf->form,
	    v->d.data))) < 0)
		v->fee_due = 0;
	v->nactions = 0;
	if (v->access == ACC_ACT && v->wf != NULL && v->state != DEF_NONE) {
		actor_of(app, &v->d, &a);
		memset(&dv, 0, sizeof(dv));
		dv.state = v->state;
		dv.holder_unit = v->d.holder_unit_id;
		dv.rec = uc_record(app, v->wf->form, v->d.data);
		v->nactions = wf_available(v->wf, &dv, &a, v->actions,
		    sizeof(v->actions) / sizeof(v->actions[0]));
	}
	return UC_OK;
}

enum uc_status
uc_get(struct app *app, const char *code, struct dossier_view_full *v,
    struct uc_error *err)
{
	enum uc_status	us;
	enum db_status	rc;

	memset(err, 0, sizeof(*err));
	if ((us = uc_load(app, code, v, err)) != UC_OK)
		return us;
	/* Staff, inspectors and partners looking at a dossier leave a
	 * trace. */
	if (app->actor.kind != ACTOR_CITIZEN) {
		if ((rc = app_audit(app, "dossier.view", uc_object(app, v->d.code),
		    NULL)) != DB_OK)
			return uc_db_fail(err, rc);
	}
	return complete(app, v, err);
}

/* ---- act ------------------------------------------------------------ */

int
uc_field_frozen(const struct form *f, size_t k)
{
	size_t	j;

	if (f->fields[k].type == FT_UNIT)
		return 1;
	for (j = 0; j < f->nfields; j++)
		if (f->fields[j].prefill != NULL &&
		    f->fields[j].prefill->key == k)
			return 1;
	return 0;
}

static const struct {
	enum uc_status	 st;
	const char	*field;
	const char	*en;
	const char	*vi;
} refusals[WF__MAX] = {
	[WF_NO_ACTION] = { UC_NOT_FOUND, "action",
	    "This service has no such action.",
	    "Dịch vụ này không có thao tác này." },
	[WF_WRONG_STATE] = { UC_CONFLICT, "action",
	    "This action is not possible in the dossier's present state.",
	    "Không thể thực hiện thao tác này ở trạng thái hiện tại "
	    "của hồ sơ." },
	[WF_FINAL] = { UC_CONFLICT, "action",
	    "The dossier is closed.", "Hồ sơ đã kết thúc." },
	[WF_ROLE] = { UC_FORBIDDEN, "action",
	    "Your role does not allow this action.",
	    "Vai trò của bạn không được thực hiện thao tác này." },
	[WF_NOT_HOLDER] = { UC_FORBIDDEN, "action",
	    "Your unit does not hold this dossier now.",
	    "Đơn vị của bạn hiện không giữ hồ sơ này." },
	[WF_NEED_COMMENT] = { UC_BAD_INPUT, "comment",
	    "This action needs a comment.", "Thao tác này cần có ý kiến." },
	[WF_NEED_REASON] = { UC_BAD_INPUT, "reason",
	    "This action needs a reason.", "Thao tác này cần nêu lý do." },
	[WF_GUARD] = { UC_CONFLICT, "action",
	    "This action does not apply to this dossier.",
	    "Thao tác này không áp dụng cho hồ sơ này." },
};

static const char *
blank_null(const char *s)
{
	const char	*p;

	if (s == NULL)
		return NULL;
	for (p = s; *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'; p++)
		;
	return *p == '\0' ? NULL : s;
}

/*
 * The current files of the dossier (old[0..nold)) that fi->remove names:
 * gone[i] set for each, their distinct ids into c.  UC_BAD_INPUT when an
 * id is none of them (another dossier's, removed already, unknown).
 */
static enum uc_status
removals(struct app *app, const struct form_in *fi,
    const struct attachment *old, size_t nold, unsigned char *gone,
    struct dossier_change *c, struct uc_error *err)
{
	int64_t	*ids;
	size_t	 i, j;

	if (fi->nremove > UC_REMOVE_MAX)
		return uc_fail(err, UC_BAD_INPUT, "remove",
		    "Too many files to remove at once.",
		    "Số tệp cần gỡ bỏ một lần quá nhiều.");
	ids = arena_calloc(app->arena, fi->nremove + 1, sizeof(*ids));
	c->remove = ids;
	c->nremove = 0;
	for (i = 0; i < fi->nremove; i++) {
		for (j = 0; j < nold && old[j].id != fi->remove[i]; j++)
			;
		if (j == nold)
			return uc_fail(err, UC_BAD_INPUT, "remove",
			    "This is not a file of the application now.",
			    "Tệp này hiện không thuộc hồ sơ.");
		if (!gone[j])
			ids[c->nremove++] = old[j].id;
		gone[j] = 1;
	}
	return UC_OK;
}

/*
 * A supplement: the fields given replace theirs, files are added to
 * those attached now, those of fi->remove are removed (c->remove), and
 * the whole application is validated again (the files it keeps with
 * their content, for their count and rules); readonly fields come from
 * the records again.  *data is the new JSON, *rec its record, *atts the
 * new files.
 */
static enum uc_status
supplement(struct app *app, const struct dossier_view_full *v,
    const struct form_in *fi, const char **data, const struct value **rec,
    struct attachment **atts, size_t *natts, struct dossier_change *c,
    struct uc_error *err)
{
	const struct form *f = v->wf->form;
	struct unit_check uc;
	struct applicant ap;
	struct vresult	 vr;
	struct attachment *old;
	struct input	*all = NULL;
	unsigned char	*given, *gone;
	enum uc_status	 us;
	enum db_status	 rc;
	const char	*s;
	json_t		*o, *val, *e, *out;
	size_t		 na = 0, cap = 0, nold, i, j, k;
	struct input	*in;
	size_t		 n;
	int		 found;

	if ((us = uc_files(app, f, fi, &in, &n, err)) != UC_OK)
		return us;
	given = arena_calloc(app->arena, f->nfields + 1, 1);
	for (i = 0; i < n; i++)
		if (in[i].name != NULL &&
		    (k = form_field(f, in[i].name)) != DEF_NONE)
			given[k] = 1;
	/*
	 * What identifies the dossier stays as filed: the units that hold
	 * it (a supplement must not move it to another inbox) and the keys
	 * of records (it must not become another pupil's).
	 */
	for (k = 0; k < f->nfields; k++)
		if (given[k] && uc_field_frozen(f, k))
			return uc_fail(err, UC_BAD_INPUT, f->fields[k].id,
			    "This field cannot change once the application "
			    "is filed.",
			    "Không thể thay đổi trường này sau khi đã nộp "
			    "hồ sơ.");
	if ((o = json_loads(v->d.data, 0, NULL)) == NULL)
		return uc_fail(err, UC_ERROR, NULL, NULL, NULL);
	arena_cleanup(app->arena, (void (*)(void *))json_decref, o);
	for (k = 0; k < f->nfields; k++) {
		const struct field *fl = &f->fields[k];

		if (given[k] || fl->readonly || fl->type == FT_FILE ||
		    (val = json_object_get(o, fl->id)) == NULL)
			continue;
		if (json_is_array(val)) {
			json_array_foreach(val, j, e)
				if ((s = app_json_scalar(app->arena, e)) != NULL)
					uc_add_input(app, &all, &na, &cap, fl->id,
					    s, strlen(s), NULL);
		} else if ((s = app_json_scalar(app->arena, val)) != NULL)
			uc_add_input(app, &all, &na, &cap, fl->id, s, strlen(s),
			    NULL);
	}
	if ((rc = dossiers_attachment_contents(app->db, app->arena, v->d.id, &old,
	    &nold)) != DB_OK)
		return uc_db_fail(err, rc);
	gone = arena_calloc(app->arena, nold + 1, 1);
	if ((us = removals(app, fi, old, nold, gone, c, err)) != UC_OK)
		return us;
	/* The files it keeps, then what is given now. */
	for (i = 0; i < nold; i++)
		if (!gone[i])
			uc_add_input(app, &all, &na, &cap, old[i].field,
			    old[i].content, (size_t)old[i].size,
			    old[i].filename);
	for (i = 0; i < n; i++)
		uc_add_input(app, &all, &na, &cap, in[i].name, in[i].val,
		    in[i].len, in[i].filename);

	memset(&uc, 0, sizeof(uc));
	uc.app = app;
	if (validate_form(app->arena, f, all, na, uc_unit_ok, &uc, &vr) == -1) {
		if (uc.db_failed)
			return uc_db_fail(err, DB_UNAVAILABLE);
		err->errs = vr.errors;
		err->nerrs = vr.nerrors;
		return UC_INVALID;
	}
	if ((rc = records_applicant(app->db, app->arena, v->d.applicant_id, &ap,
	    &found)) != DB_OK)
		return uc_db_fail(err, rc);
	if ((out = json_loadb(vr.json, vr.jsonlen, 0, NULL)) == NULL)
		return uc_fail(err, UC_ERROR, NULL, NULL, NULL);
	arena_cleanup(app->arena, (void (*)(void *))json_decref, out);
	if ((us = uc_fill_readonly(app, f, found ? &ap : NULL, NULL, vr.rec,
	    out,
	    err)) != UC_OK)
		return us;
	*data = app_json_text(app->arena, json_incref(out));
	*rec = vr.rec;
	*atts = uc_attachments(app, f, in, n, natts);
	return UC_OK;
}

/* The ids a change removes, for its audit entry. */
static json_t *
removed_json(const struct dossier_change *c)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < c->nremove; i++)
		json_array_append_new(a, json_integer((json_int_t)c->remove[i]));
	return a;
}

/*
 * The change of a transition res of action ai on v (loaded), whose
 * record is rec: its holder, its clock and due date, its actor (the
 * app's) and action, into c (data, comment, reason and removals are
 * the caller's).
 */
enum uc_status
uc_change(struct app *app, struct dossier_view_full *v, size_t ai,
    const struct wf_result *res, const struct value *rec,
    struct dossier_change *c, struct uc_error *err)
{
	char			*pj = arena_alloc(app->arena, PAUSES_JSON_MAX);
	const struct state	*to = &v->wf->states[res->to];
	struct unit		 unit;
	enum uc_status		 us;
	int64_t			 now, holder, due;

	if ((us = uc_resolve_holder(app, NULL, v->wf->form, res->holder, rec,
	    &unit, err)) != UC_OK)
		return us;
	holder = unit.id;

	/* The clock. */
	now = app->now;
	if (dossier_clock(&v->pauses, res->clock, now) == -1)
		return uc_fail(err, UC_CONFLICT, NULL,
		    "The dossier's clock cannot change this way now.",
		    "Không thể thay đổi thời hạn của hồ sơ lúc này.");
	due = v->d.due_at;
	if (res->clock == CLK_RESUME && app->cal != NULL &&
	    (due = dossier_due(app->cal, v->wf, v->d.received_at,
	    &v->pauses)) < 0)
		due = 0;
	dossier_pauses_json(&v->pauses, pj);

	c->id = v->d.id;
	c->from_state = v->d.state;
	c->rev = v->d.rev;
	c->to_state = to->id;
	c->status = res->status;
	c->holder_unit_id = holder;
	c->due_at = due;
	c->completed_at = res->clock == CLK_STOP ? now : 0;
	c->paused = pj;
	c->at = now;
	c->actor_id = app->actor.user_id;
	c->actor_kind = actor_kind_names[app->actor.kind];
	c->actor_unit_id = app->actor.kind == ACTOR_STAFF ?
	    app->actor.unit_id : 0;
	c->action = v->wf->actions[ai].id;
	return UC_OK;
}

enum uc_status
uc_act(struct app *app, const char *code, const char *action,
    const char *comment, const char *reason, const struct form_in *fi,
    struct dossier_view_full *v, struct uc_error *err)
{
	struct attachment	*atts = NULL;
	const char		*data = NULL;
	size_t			 natts = 0;
	struct dossier_view	 dv;
	struct dossier_change	 c;
	struct dossier_hook	 hook;
	struct act_notice	 notice;
	struct wf_inputs	 wi;
	struct wf_result	 res;
	struct audit_entry	 ae;
	struct outbox		 ob;
	struct issue		 is;
	struct wf_actor		 a;
	enum wf_refusal		 why;
	enum uc_status		 us;
	enum db_status		 rc;
	size_t			 ai, k;
	int			 changed;

	memset(err, 0, sizeof(*err));
	if ((us = uc_load(app, code, v, err)) != UC_OK)
		return us;
	if (v->access != ACC_ACT)
		return uc_deny(app, err, UC_FORBIDDEN, code, "read-only");
	if (v->wf == NULL || v->state == DEF_NONE)
		return uc_fail(err, UC_CONFLICT, NULL,
		    "The dossier's service or state is no longer defined.",
		    "Dịch vụ hoặc trạng thái của hồ sơ không còn được định "
		    "nghĩa.");
	if (strcmp(v->d.version, v->wf->digest) != 0)
		log_msg(LOG_WARN, "dossier %s (version %.12s) acted on under "
		    "version %.12s", code, v->d.version, v->wf->digest);
	if ((ai = wf_action(v->wf, action)) == DEF_NONE) {
		(void)uc_deny(app, err, UC_NOT_FOUND, code, "no-such-action");
		return uc_fail(err, UC_NOT_FOUND, "action",
		    refusals[WF_NO_ACTION].en, refusals[WF_NO_ACTION].vi);
	}

	actor_of(app, &v->d, &a);
	memset(&dv, 0, sizeof(dv));
	dv.state = v->state;
	dv.holder_unit = v->d.holder_unit_id;
	dv.rec = uc_record(app, v->wf->form, v->d.data);
	wi.comment = comment;
	wi.reason = reason;
	if ((why = wf_transition(v->wf, &dv, &a, ai, &wi, &res)) != WF_OK) {
		if (refusals[why].st == UC_FORBIDDEN)
			(void)uc_deny(app, err, UC_FORBIDDEN, code,
			    wf_refusal_names[why]);
		return uc_fail(err, refusals[why].st, refusals[why].field,
		    refusals[why].en, refusals[why].vi);
	}
	/* Answering a supplement request may change the application. */
	memset(&c, 0, sizeof(c));
	if (fi != NULL && (fi->n > 0 || fi->nfiles > 0 || fi->nremove > 0)) {
		if (!a.is_applicant || res.clock != CLK_RESUME)
			return uc_fail(err, UC_BAD_INPUT, "data",
			    "Only the applicant answering a supplement request "
			    "changes the application.",
			    "Chỉ người nộp, khi bổ sung hồ sơ theo yêu cầu, "
			    "mới được thay đổi hồ sơ.");
		if ((us = supplement(app, v, fi, &data, &dv.rec, &atts,
		    &natts, &c, err)) != UC_OK)
			return us;
	}
	if ((us = uc_change(app, v, ai, &res, dv.rec, &c, err)) != UC_OK)
		return us;
	c.comment = blank_null(comment);
	c.reason = blank_null(reason);
	c.data = data;
	memset(&ob, 0, sizeof(ob));
	ob.app = app;
	ob.wf = v->wf;
	ob.action = &v->wf->actions[ai];
	ob.state = res.to;
	ob.dossier_id = v->d.id;
	ob.code = v->d.code;
	ob.due = v->wf->states[res.to].clock == CLOCK_RUNNING ? c.due_at : 0;
	c.jobs = outbox_write;
	c.jobs_arg = &ob;
	memset(&notice, 0, sizeof(notice));
	for (k = 0; k < v->wf->actions[ai].neffects; k++) {
		const struct effect *e = &v->wf->actions[ai].effects[k];

		if (e->kind != EFF_NOTIFY_APPLICANT)
			continue;
		notice.app = app;
		notice.ab.code = v->d.code;
		notice.ab.wf = v->wf;
		notice.ab.state = res.to;
		notice.ab.applicant_id = v->d.applicant_id;
		notice.ab.due_at = c.due_at;
		notice.ab.comment = c.comment;
		notice.ab.reason = c.reason;
		notice.ab.kind = e->arg;
		hook.fn = act_notify;
		hook.arg = &notice;
		c.hook = &hook;
	}
	app_entry(app, &ae, "dossier.act", uc_object(app, code),
	    app_json_text(app->arena, json_pack("{s:s, s:s, s:s, s:i, s:b, s:I, s:o}",
	    "action", c.action, "from", c.from_state, "to", c.to_state,
	    "status", c.status, "data", data != NULL,
	    "attachments", (json_int_t)natts, "removed", removed_json(&c))));
	if (issue_needed(res.effects, res.neffects)) {
		memset(&is, 0, sizeof(is));
		is.app = app;
		is.v = v;
		is.action = ai;
		is.data = data != NULL ? data : v->d.data;
		is.comment = c.comment;
		is.reason = c.reason;
		is.effects = res.effects;
		is.neffects = res.neffects;
		issue_hook(&is, &c);
	}
	if ((rc = dossiers_act(app->db, app->arena, &c, atts, natts, &ae,
	    &changed)) != DB_OK) {
		if (c.within != NULL && is.st != UC_OK) {
			*err = is.err;
			return is.st;
		}
		return uc_db_fail(err, rc);
	}
	if (!changed)
		return uc_fail(err, UC_CONFLICT, NULL,
		    "The dossier changed meanwhile; reload it and try again.",
		    "Hồ sơ vừa được thay đổi; vui lòng tải lại và thử lại.");
	if ((us = uc_load(app, code, v, err)) != UC_OK)
		return us;
	return complete(app, v, err);
}

