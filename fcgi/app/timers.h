/*
 * timers.h - a workflow's timer come due (a job of kind "timer",
 * app/outbox.h), acted on by the system actor (ACTOR_SYSTEM, set by
 * the caller with app_act_as).
 *
 * The job re-reads the dossier, so that pauses need no cancelling:
 *   - closed, gone, in another state, or a definition that no longer
 *     has the timer: nothing to do (TIMER_GONE);
 *   - its due time moved (a pause and a resumption: supplement, fee):
 *     the state's timers are scheduled at the new due time
 *     (TIMER_MOVED);
 *   - else it fires, once: an event of the system ("remind" or
 *     "escalate") with the audit entry "dossier.reminded" or
 *     "dossier.escalated", and a "notify" job whose payload names the
 *     holding unit's staff holding the timer's role (notify-role, or
 *     the state's holder role); escalate also marks the dossier
 *     escalated (overdue on every inbox).  Run again (a retry, a lease
 *     that ran out), it finds its notification made and does nothing
 *     (TIMER_SEEN): it is idempotent.
 */
#ifndef MOTCUA_APP_TIMERS_H
#define MOTCUA_APP_TIMERS_H

#include "app/app.h"

enum timer_outcome {
	TIMER_FIRED,
	TIMER_SEEN,
	TIMER_GONE,
	TIMER_MOVED,
	TIMER_OUTCOME__MAX
};
extern const char *const timer_outcome_names[TIMER_OUTCOME__MAX];

/* UC_BAD_INPUT for a payload not of outbox.h's shape. */
enum uc_status	uc_timer(struct app *, const char *payload_json,
		    enum timer_outcome *, struct uc_error *);

#endif
