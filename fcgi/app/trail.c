/*
 * trail.c - the inspector's desk (trail.h).
 *
 * The deadline of a handover: workflows declare one deadline for the
 * whole dossier (workflow/deadline, in working days), not one per step,
 * so each handover is due by the dossier's due time, as it stands (the
 * calendar's working days from reception, moved on by every pause of
 * the clock: core/calendar.c, app/dossier.c).  A handover made after it
 * is late.  docs/inspection.md.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "core/dossier.h"
#include "core/trailq.h"
#include "app/audit.h"
#include "app/json.h"
#include "app/trail.h"

#define SHEET_TRAIL	200	/* entries of the trail on a sheet */

static enum uc_status
bad(struct uc_error *err, const char *field)
{
	return uc_fail(err, UC_BAD_INPUT, field,
	    "Not a value this filter takes.",
	    "Không phải một giá trị của bộ lọc này.");
}

static enum uc_status
refuse(struct app *app, struct uc_error *err, const char *object)
{
	int	suppressed;

	(void)app_audit_refusal(app, object, app_json_text(app->arena,
	    json_pack("{s:s, s:s}", "reason", "not-inspector",
	    "route", app->via != NULL ? app->via : "")), &suppressed);
	return uc_fail(err, UC_FORBIDDEN, NULL,
	    "Only inspectors may read the audit trail.",
	    "Chỉ thanh tra viên được xem nhật ký kiểm tra.");
}

static int
given(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* The store's filter from the request's, or the field that is wrong. */
static const char *
filter_of(struct app *app, const struct trail_query *q,
    struct trail_filter *f)
{
	int64_t	v;

	memset(f, 0, sizeof(*f));
	f->limit = TRAIL_LIMIT_DEFAULT;
	if (given(q->dossier)) {
		if (!dossier_code_shape(q->dossier))
			return "dossier";
		f->object = arena_printf(app->arena, "dossier:%s", q->dossier);
	}
	if (given(q->actor)) {
		if (!trailq_word(q->actor))
			return "actor";
		f->actor = q->actor;
	}
	if (given(q->unit)) {
		if (!trailq_word(q->unit))
			return "unit";
		f->unit = q->unit;
	}
	if (given(q->action)) {
		if (!trailq_word(q->action))
			return "action";
		f->action = q->action;
	}
	if (given(q->from) && !trailq_time(q->from, &f->from))
		return "from";
	if (given(q->to) && !trailq_time(q->to, &f->to))
		return "to";
	if (f->from != 0 && f->to != 0 && f->to <= f->from)
		return "to";
	if (given(q->after) && !trailq_id(q->after, &f->after))
		return "after";
	if (given(q->limit)) {
		if (!trailq_id(q->limit, &v) || v > TRAIL_LIMIT_MAX)
			return "limit";
		f->limit = (int)v;
	}
	return NULL;
}

/* One more than asked: is there a page after? */
static enum uc_status
search(struct app *app, struct trail_filter *f, struct trail_entry **out,
    size_t *n, int64_t *next, struct uc_error *err)
{
	enum db_status	rc;
	int		want = f->limit;

	*next = 0;
	f->limit = want < TRAIL_LIMIT_MAX ? want + 1 : TRAIL_LIMIT_MAX;
	if ((rc = trail_search(app->db, app->arena, f, out, n)) != DB_OK)
		return rc == DB_UNAVAILABLE ? uc_fail(err, UC_UNAVAILABLE,
		    NULL, "The database cannot be reached; try again shortly.",
		    "Không kết nối được cơ sở dữ liệu; vui lòng thử lại "
		    "sau.") : uc_fail(err, UC_ERROR, NULL, NULL, NULL);
	if (*n > (size_t)want || (*n == TRAIL_LIMIT_MAX && want ==
	    TRAIL_LIMIT_MAX)) {
		*n = (size_t)want;
		*next = (*out)[*n - 1].id;
	}
	return UC_OK;
}

enum uc_status
uc_trail(struct app *app, const struct trail_query *q,
    struct trail_entry **out, size_t *n, int64_t *next,
    struct uc_error *err)
{
	struct trail_filter	 f;
	const char		*field;

	memset(err, 0, sizeof(*err));
	*out = NULL;
	*n = 0;
	*next = 0;
	if (app->actor.kind != ACTOR_INSPECTOR)
		return refuse(app, err, "audit");
	if ((field = filter_of(app, q, &f)) != NULL)
		return bad(err, field);
	return search(app, &f, out, n, next, err);
}

enum uc_status
uc_control_sheet(struct app *app, const char *code, struct control_sheet *s,
    struct uc_error *err)
{
	struct trail_filter	 f;
	enum uc_status		 st;
	size_t			 i;
	int64_t			 due;

	memset(s, 0, sizeof(*s));
	memset(err, 0, sizeof(*err));
	if (app->actor.kind != ACTOR_INSPECTOR)
		return refuse(app, err, arena_printf(app->arena, "dossier:%s",
		    code));
	if ((st = uc_get(app, code, &s->v, err)) != UC_OK)
		return st;
	due = s->v.d.due_at;
	s->nsteps = s->v.nevents;
	s->steps = arena_calloc(app->arena, s->nsteps + 1, sizeof(*s->steps));
	for (i = 0; i < s->nsteps; i++) {
		s->steps[i].ev = &s->v.events[i];
		s->steps[i].due = due;
		s->steps[i].late = due == 0 ? -1 : s->v.events[i].at > due;
	}
	memset(&f, 0, sizeof(f));
	f.object = arena_printf(app->arena, "dossier:%s", s->v.d.code);
	f.limit = SHEET_TRAIL;
	return search(app, &f, &s->trail, &s->ntrail, &s->trail_next, err);
}
