/*
 * outbox.c - see outbox.h.
 */
#include <jansson.h>
#include <string.h>

#include "base/arena.h"
#include "base/log.h"
#include "core/timer.h"
#include "app/json.h"
#include "app/outbox.h"
#include "store/jobs.h"

enum db_status
outbox_timers(const struct outbox *o, struct db *db)
{
	struct arena	*a = o->app->arena;
	const struct timer *t;
	enum db_status	 rc;
	const char	*payload, *key;
	int64_t		 at;
	size_t		 i;

	if (o->due <= 0 || o->app->cal == NULL)
		return DB_OK;
	for (i = 0; i < o->wf->ntimers; i++) {
		t = &o->wf->timers[i];
		if (t->state != o->state)
			continue;
		if ((at = timer_at(o->app->cal, t, o->due)) < 0) {
			log_msg(LOG_WARN, "dossier %s: the calendar does not "
			    "cover its %s timer", o->code,
			    timer_kind_names[t->kind]);
			continue;
		}
		payload = app_json_text(a, json_pack("{s:I, s:s, s:s, s:s, "
		    "s:i, s:s, s:I}", "dossier", (json_int_t)o->dossier_id,
		    "code", o->code, "service", o->wf->code,
		    "state", o->wf->states[o->state].id, "timer", (int)i,
		    "kind", timer_kind_names[t->kind], "due",
		    (json_int_t)o->due));
		key = arena_printf(a, "timer:%lld:%s:%zu:%lld",
		    (long long)o->dossier_id, o->wf->states[o->state].id, i,
		    (long long)o->due);
		if ((rc = jobs_enqueue(db, "timer", payload, key, at)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

enum db_status
outbox_write(void *arg, struct db *db, int64_t event_id)
{
	const struct outbox *o = arg;
	struct arena	*a = o->app->arena;
	enum db_status	 rc;
	const char	*payload;
	size_t		 i;
	int		 once = 0;

	for (i = 0; o->action != NULL && i < o->action->neffects; i++) {
		if (o->action->effects[i].kind != EFF_NOTIFY_APPLICANT ||
		    once++)
			continue;
		payload = app_json_text(a, json_pack("{s:s, s:I, s:s, s:s, "
		    "s:s}", "dossier", o->code, "event", (json_int_t)event_id,
		    "kind", "dossier.act", "action", o->action->id,
		    "state", o->wf->states[o->state].id));
		if ((rc = jobs_enqueue(db, "notify", payload,
		    arena_printf(a, "notify:%lld", (long long)event_id),
		    o->app->now)) != DB_OK)
			return rc;
	}
	return outbox_timers(o, db);
}
