/*
 * timers.h - what a workflow's timer does to a dossier (app/timers.c):
 * an event of the system actor (no user), for a remind or an escalate,
 * the escalation mark, and the notification job, with the audit entry,
 * in one transaction.
 */
#ifndef MOTCUA_STORE_TIMERS_H
#define MOTCUA_STORE_TIMERS_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

struct arena;
struct audit_entry;

enum timers_stmt {
	TIMERS_HOLDERS,
	TIMERS_EVENT,
	TIMERS_ESCALATE,
	TIMERS__MAX
};

struct timer_fire {
	int64_t		 dossier_id;
	const char	*state;		/* it is in, and stays in */
	int64_t		 holder_unit_id;
	const char	*action;	/* the event's: "remind", "escalate" */
	int		 escalate;	/* set escalated_at (once) */
	int64_t		 at;
	const char	*notify_key;	/* the notification's dedupe key: its
					 * existence means "fired already" */
	/* The notification's payload, given the event's id. */
	const char	*(*payload)(void *arg, int64_t event_id);
	void		*arg;
};

/*
 * Fire: *fired 1 when this call did; 0 when the notification of this
 * key existed (fired before: nothing changed).
 */
enum db_status	timers_fire(struct db *, struct arena *,
		    const struct timer_fire *, const struct audit_entry *,
		    int *fired);

/* Active staff of unit_id holding role, by id. */
enum db_status	timers_holders(struct db *, struct arena *, int64_t unit_id,
		    const char *role, int64_t **ids, size_t *n);

#endif
