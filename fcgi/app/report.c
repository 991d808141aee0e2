/*
 * report.c - the periodic report of a unit for a period: see report.h.
 *
 * The store groups the dossiers that concern the period by their facts
 * (store/reports.h); the definitions say which states ask for a
 * supplement (status 5) or a fee (status 6), and which actions issue
 * the result (an issue-document effect on the way to status 9 or 10);
 * core/report.c counts the groups into columns.
 */
#include <string.h>

#include "base/arena.h"
#include "core/def.h"
#include "core/rating.h"
#include "core/value.h"
#include "store/reports.h"
#include "store/units.h"
#include "app/audit.h"
#include "app/dossier_int.h"
#include "app/report.h"

/* The catalogue roles whose holders read their unit's reports. */
static const char *const report_roles[] = { "head", "principal" };
#define NREPORT_ROLES	(sizeof(report_roles) / sizeof(report_roles[0]))

/* Statuses of the national portal the definitions are read for. */
#define STATUS_SUPPLEMENT	5
#define STATUS_FEE		6
#define STATUS_PROCESSED	9
#define STATUS_RETURNED		10

/* Local midnight (Asia/Ho_Chi_Minh, UTC+7, no daylight saving) of a day. */
#define LOCAL_OFFSET	(7 * 3600)

struct lists {
	const char	**v;
	size_t		 n, cap;
};

static void
push(struct app *app, struct lists *l, const char *wf, const char *id)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = arena_grow(app->arena, l->v, l->n * sizeof(*l->v),
		    l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = arena_printf(app->arena, "%s/%s", wf, id);
}

static int
issues_result(const struct workflow *w, const struct action *a)
{
	int	 st = w->states[a->to].status;
	size_t	 i;

	if (st != STATUS_PROCESSED && st != STATUS_RETURNED)
		return 0;
	for (i = 0; i < a->neffects; i++)
		if (a->effects[i].kind == EFF_ISSUE_DOCUMENT)
			return 1;
	return 0;
}

/* What the definitions know and the dossiers' rows do not. */
static void
def_lists(struct app *app, struct report_query *q)
{
	struct lists		 supp = { 0 }, fee = { 0 }, res = { 0 };
	const struct workflow	*w;
	size_t			 i, j;

	for (i = 0; i < app->defs->nworkflows; i++) {
		w = &app->defs->workflows[i];
		for (j = 0; j < w->nstates; j++) {
			if (w->states[j].status == STATUS_SUPPLEMENT)
				push(app, &supp, w->code, w->states[j].id);
			else if (w->states[j].status == STATUS_FEE)
				push(app, &fee, w->code, w->states[j].id);
		}
		for (j = 0; j < w->nactions; j++)
			if (issues_result(w, &w->actions[j]))
				push(app, &res, w->code, w->actions[j].id);
	}
	q->supplement = supp.v;
	q->nsupplement = supp.n;
	q->fee = fee.v;
	q->nfee = fee.n;
	q->result = res.v;
	q->nresult = res.n;
	q->roles = report_roles;
	q->nroles = NREPORT_ROLES;
}

static enum uc_status
parse_ask(struct app *app, const struct report_ask *ask, struct report *rep,
    struct report_query *q, struct uc_error *err)
{
	if (ask->unit == NULL || ask->unit[0] == '\0')
		return uc_fail(err, UC_BAD_INPUT, "unit",
		    "Name the unit (its code).",
		    "Hãy chọn đơn vị (mã đơn vị).");
	if (ask->from == NULL ||
	    date_parse(ask->from, strlen(ask->from), &rep->from_day) == -1)
		return uc_fail(err, UC_BAD_INPUT, "from",
		    "The first day of the period must be a date (YYYY-MM-DD).",
		    "Ngày đầu kỳ phải là một ngày (YYYY-MM-DD).");
	if (ask->to == NULL ||
	    date_parse(ask->to, strlen(ask->to), &rep->to_day) == -1)
		return uc_fail(err, UC_BAD_INPUT, "to",
		    "The day after the period must be a date (YYYY-MM-DD).",
		    "Ngày kết thúc kỳ (không tính) phải là một ngày "
		    "(YYYY-MM-DD).");
	if (rep->to_day <= rep->from_day ||
	    rep->to_day - rep->from_day > REPORT_DAYS_MAX)
		return uc_fail(err, UC_BAD_INPUT, "to",
		    "The period must end after it starts, within ten years.",
		    "Kỳ báo cáo phải kết thúc sau ngày bắt đầu, "
		    "trong vòng mười năm.");
	if (ask->service != NULL && ask->service[0] != '\0') {
		if (defs_workflow(app->defs, ask->service) == NULL)
			return uc_fail(err, UC_BAD_INPUT, "service",
			    "There is no service with this code.",
			    "Không có thủ tục với mã này.");
		q->service = ask->service;
	}
	if (ask->subunits == NULL || strcmp(ask->subunits, "0") == 0 ||
	    strcmp(ask->subunits, "false") == 0)
		rep->subunits = 0;
	else if (strcmp(ask->subunits, "1") == 0 ||
	    strcmp(ask->subunits, "true") == 0)
		rep->subunits = 1;
	else
		return uc_fail(err, UC_BAD_INPUT, "subunits",
		    "subunits is 1 (with the units under it) or 0.",
		    "subunits là 1 (gồm cả các đơn vị trực thuộc) hoặc 0.");
	q->subunits = rep->subunits;
	q->from = rep->from_day * 86400 - LOCAL_OFFSET;
	q->to = rep->to_day * 86400 - LOCAL_OFFSET;
	return UC_OK;
}

/* Is the actor one who may read this unit's report? */
static enum uc_status
may_read(struct app *app, const struct unit *u, struct uc_error *err)
{
	enum db_status	 rc;
	size_t		 i, r;
	int		 role = 0, within = 0;

	if (app->actor.kind == ACTOR_INSPECTOR)
		return UC_OK;
	if (app->actor.kind == ACTOR_STAFF) {
		for (i = 0; i < NREPORT_ROLES; i++)
			if ((r = defs_role(app->defs, report_roles[i])) <
			    app->defs->nroles &&
			    (app->actor.roles & (UINT64_C(1) << r)))
				role = 1;
		if (role && (rc = reports_within(app->db, app->arena, u->id,
		    app->actor.unit_id, &within)) != DB_OK)
			return uc_db_fail(err, rc);
		if (role && within)
			return UC_OK;
	}
	(void)app_audit(app, "report.denied", arena_printf(app->arena,
	    "unit:%s", u->code), NULL);
	return uc_fail(err, UC_FORBIDDEN, "unit",
	    "Only inspectors and the heads of this unit or of a unit above "
	    "it may read its reports.",
	    "Chỉ thanh tra và lãnh đạo của đơn vị này hoặc của đơn vị cấp "
	    "trên được xem báo cáo của đơn vị.");
}

static void
to_fact(const struct report_group *g, struct report_fact *f)
{
	memset(f, 0, sizeof(*f));
	f->channel = g->channel;
	f->carried = g->carried;
	f->done = g->done;
	f->status = g->status;
	f->has_due = g->has_due;
	f->day_cmp = g->day_cmp;
	f->after_due = g->after_due;
	f->overdue = g->overdue;
	f->paused = g->paused;
	f->supplements = g->supplements;
	f->e_result = g->e_result;
	f->has_fee = g->has_fee;
	f->paid_online = g->paid;
	f->files = g->files;
	f->rating = g->rating != NULL ? (int)rating_parse(g->rating) : -1;
	if (f->rating == RATING__MAX)
		f->rating = -1;
	f->work_seconds = g->work_seconds;
}

/* The line of a service, added at the end when it is not there. */
static struct report_line *
line_of(struct app *app, struct report *rep, const char *service)
{
	size_t	 i;

	for (i = 0; i < rep->nlines; i++)
		if (strcmp(rep->lines[i].service, service) == 0)
			return &rep->lines[i];
	rep->lines = arena_grow(app->arena, rep->lines,
	    rep->nlines * sizeof(*rep->lines),
	    (rep->nlines + 1) * sizeof(*rep->lines));
	memset(&rep->lines[rep->nlines], 0, sizeof(*rep->lines));
	rep->lines[rep->nlines].service = arena_strdup(app->arena, service);
	return &rep->lines[rep->nlines++];
}

enum uc_status
uc_report(struct app *app, const struct report_ask *ask, struct report *rep,
    struct uc_error *err)
{
	struct report_query	 q;
	struct report_group	*g;
	struct report_fact	 f;
	struct report_line	*l;
	struct unit		 u;
	enum uc_status		 st;
	enum db_status		 rc;
	size_t			 i, n;

	memset(rep, 0, sizeof(*rep));
	memset(&q, 0, sizeof(q));
	if ((st = parse_ask(app, ask, rep, &q, err)) != UC_OK)
		return st;
	if ((rc = units_by_code(app->db, app->arena, ask->unit, &u)) != DB_OK)
		return uc_db_fail(err, rc);
	if (u.id == 0)
		return uc_fail(err, UC_NOT_FOUND, "unit",
		    "There is no unit with this code.",
		    "Không có đơn vị với mã này.");
	if ((st = may_read(app, &u, err)) != UC_OK)
		return st;
	rep->unit_code = u.code;
	rep->unit_vi = u.name_vi;
	rep->unit_en = u.name_en;
	q.unit_id = u.id;
	def_lists(app, &q);
	for (i = 0; i < app->defs->nworkflows; i++)
		if (q.service == NULL ||
		    strcmp(q.service, app->defs->workflows[i].code) == 0)
			line_of(app, rep, app->defs->workflows[i].code)->wf =
			    &app->defs->workflows[i];
	if ((rc = reports_facts(app->db, app->arena, &q, &g, &n)) != DB_OK)
		return uc_db_fail(err, rc);
	for (i = 0; i < n; i++) {
		to_fact(&g[i], &f);
		l = line_of(app, rep, g[i].service);
		report_add(&l->row, &f, g[i].n);
	}
	for (i = 0; i < rep->nlines; i++) {
		report_rates(&rep->lines[i].row, &rep->lines[i].rates);
		report_sum(&rep->total.row, &rep->lines[i].row);
	}
	report_rates(&rep->total.row, &rep->total.rates);
	return UC_OK;
}

const char *
uc_report_num(struct app *app, int64_t x)
{
	char	 buf[REPORT_NUM_MAX];

	return x < 0 ? NULL : arena_strdup(app->arena,
	    report_hundredths(x, buf));
}
