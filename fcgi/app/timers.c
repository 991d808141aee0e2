/*
 * timers.c - see timers.h.
 */
#include <jansson.h>
#include <string.h>

#include "base/arena.h"
#include "base/log.h"
#include "core/def.h"
#include "core/timer.h"
#include "app/dossier_int.h"
#include "app/outbox.h"
#include "app/timers.h"
#include "store/dossiers.h"
#include "store/timers.h"

const char *const timer_outcome_names[TIMER_OUTCOME__MAX] = {
	[TIMER_FIRED] = "fired",
	[TIMER_SEEN] = "seen",
	[TIMER_GONE] = "gone",
	[TIMER_MOVED] = "moved",
};

/* What a timer's payload says (outbox.h). */
struct due_timer {
	const char	*code;
	const char	*state;
	int		 timer;
	int64_t		 due;
};

/* The notification's payload, once its event is known. */
struct notice {
	struct app	*app;
	const char	*code;
	const char	*kind;		/* "dossier.reminded" ... */
	const char	*unit;		/* holding unit's code */
	const char	*role;
	const int64_t	*users;
	size_t		 nusers;
};

static const char *
notice_payload(void *arg, int64_t event_id)
{
	struct notice	*n = arg;
	json_t		*users = json_array();
	size_t		 i;

	for (i = 0; i < n->nusers; i++)
		json_array_append_new(users, json_integer(n->users[i]));
	return app_json_text(n->app->arena, json_pack("{s:s, s:I, s:s, "
	    "s:{s:s?, s:s, s:o}}", "dossier", n->code, "event",
	    (json_int_t)event_id, "kind", n->kind, "to", "unit", n->unit,
	    "role", n->role, "users", users));
}

static int
parse(struct app *app, const char *payload, struct due_timer *t)
{
	json_t		*j;
	const char	*code, *state;
	json_int_t	 idx, due;
	int		 ok;

	if ((j = json_loads(payload, 0, NULL)) == NULL)
		return -1;
	ok = json_unpack(j, "{s:s, s:s, s:I, s:I}", "code", &code,
	    "state", &state, "timer", &idx, "due", &due) == 0 &&
	    idx >= 0 && idx < 1000 && due > 0;
	if (ok) {
		t->code = arena_strdup(app->arena, code);
		t->state = arena_strdup(app->arena, state);
		t->timer = (int)idx;
		t->due = (int64_t)due;
	}
	json_decref(j);
	return ok ? 0 : -1;
}

/* Whom the timer tells: its role in the holding unit. */
static enum db_status
recipients(struct app *app, const struct workflow *wf, const struct timer *t,
    const struct dossier *d, struct notice *n)
{
	const struct state *st = &wf->states[t->state];
	size_t		 r;

	r = t->role != DEF_NONE ? t->role : st->holder.role;
	n->role = r < app->defs->nroles ? app->defs->roles[r].id : "";
	n->unit = d->holder_code;
	if (d->holder_unit_id == 0)
		return DB_OK;
	return timers_holders(app->db, app->arena, d->holder_unit_id, n->role,
	    (int64_t **)&n->users, &n->nusers);
}

enum uc_status
uc_timer(struct app *app, const char *payload, enum timer_outcome *out,
    struct uc_error *err)
{
	struct due_timer dt;
	struct dossier	 d;
	struct outbox	 ob;
	struct notice	 n;
	struct timer_fire f;
	struct audit_entry ae;
	const struct workflow *wf;
	const struct timer *t;
	enum db_status	 rc;
	int		 fired;

	memset(err, 0, sizeof(*err));
	*out = TIMER_GONE;
	if (parse(app, payload, &dt) == -1)
		return uc_fail(err, UC_BAD_INPUT, "payload",
		    "Not a timer's payload.", "Không phải dữ liệu hẹn giờ.");
	if ((rc = dossiers_by_code(app->db, app->arena, dt.code, &d)) != DB_OK)
		return uc_db_fail(err, rc);
	if (d.id == 0 || d.completed_at != 0 || strcmp(d.state, dt.state) != 0 ||
	    (wf = defs_workflow(app->defs, d.service)) == NULL ||
	    (size_t)dt.timer >= wf->ntimers)
		return UC_OK;
	t = &wf->timers[dt.timer];
	if (strcmp(wf->states[t->state].id, dt.state) != 0)
		return UC_OK;
	if (d.due_at != dt.due) {
		memset(&ob, 0, sizeof(ob));
		ob.app = app;
		ob.wf = wf;
		ob.state = t->state;
		ob.dossier_id = d.id;
		ob.code = d.code;
		ob.due = d.due_at;
		if ((rc = outbox_timers(&ob, app->db)) != DB_OK)
			return uc_db_fail(err, rc);
		*out = TIMER_MOVED;
		return UC_OK;
	}

	memset(&n, 0, sizeof(n));
	n.app = app;
	n.code = d.code;
	n.kind = t->kind == TIMER_ESCALATE ? "dossier.escalated" :
	    "dossier.reminded";
	if ((rc = recipients(app, wf, t, &d, &n)) != DB_OK)
		return uc_db_fail(err, rc);
	memset(&f, 0, sizeof(f));
	f.dossier_id = d.id;
	f.state = d.state;
	f.holder_unit_id = d.holder_unit_id;
	f.action = timer_kind_names[t->kind];
	f.escalate = t->kind == TIMER_ESCALATE;
	f.at = app->now;
	f.notify_key = arena_printf(app->arena, "notify:timer:%lld:%s:%d:%lld",
	    (long long)d.id, d.state, dt.timer, (long long)dt.due);
	f.payload = notice_payload;
	f.arg = &n;
	app_entry(app, &ae, n.kind, uc_object(app, d.code),
	    app_json_text(app->arena, json_pack("{s:s, s:i, s:I, s:I, s:s, "
	    "s:I}", "state", d.state, "timer", dt.timer, "due",
	    (json_int_t)dt.due, "late_s", (json_int_t)(app->now - dt.due),
	    "role", n.role, "recipients", (json_int_t)n.nusers)));
	if ((rc = timers_fire(app->db, app->arena, &f, &ae, &fired)) != DB_OK)
		return uc_db_fail(err, rc);
	*out = fired ? TIMER_FIRED : TIMER_SEEN;
	if (fired)
		log_msg(LOG_INFO, "dossier %s: %s (%s)", d.code, n.kind, d.state);
	return UC_OK;
}
