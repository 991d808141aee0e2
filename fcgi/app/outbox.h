/*
 * outbox.h - what a dossier's change leaves to the jobs process
 * (store/jobs.h, docs/jobs.md), written in the change's transaction:
 *   - a job of kind "notify" per notify-applicant effect of the action
 *     taken, its payload {"dossier": code, "event": id, "kind":
 *     "dossier.act", "action": ..., "state": ...}, dedupe key
 *     "notify:EVENT";
 *   - a job of kind "timer" per <timer> of the state entered, due at
 *     timer_at() (core/timer.h) from the dossier's due time, its
 *     payload {"dossier", "code", "service", "state", "timer" (index),
 *     "kind", "due"}, dedupe key "timer:DOSSIER:STATE:INDEX:DUE": a
 *     state entered again with the same due time schedules nothing
 *     more; a due time moved by a pause schedules anew (the old job,
 *     run, finds the due time moved and does nothing).
 */
#ifndef MOTCUA_APP_OUTBOX_H
#define MOTCUA_APP_OUTBOX_H

#include <stdint.h>

#include "app/app.h"
#include "core/def.h"
#include "store/db.h"

struct outbox {
	struct app	*app;
	const struct workflow *wf;
	const struct action *action;	/* taken; or NULL */
	size_t		 state;		/* entered */
	int64_t		 dossier_id;
	const char	*code;
	int64_t		 due;		/* the dossier's due time, 0 none */
};

/* The jobs of o: a struct dossier_change's jobs hook (o is its arg). */
enum db_status	outbox_write(void *o, struct db *, int64_t event_id);

/* The timers of o->state only (no transaction needed). */
enum db_status	outbox_timers(const struct outbox *, struct db *);

#endif
