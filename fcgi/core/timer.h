/*
 * timer.h - when a workflow's timer fires.  Pure: a timer
 * (core/def.h, from <timer> in workflows/NAME.xml), the working-day
 * calendar and a dossier's due time -> the instant to fire.
 *
 * remind fires before-due-hours working hours before the due time (the
 * latest instant from which that much working time remains); escalate
 * after-due-hours working hours after it (the earliest instant by which
 * that much has passed; 0: at the due time itself).  Times are seconds
 * since the epoch.
 */
#ifndef MOTCUA_CORE_TIMER_H
#define MOTCUA_CORE_TIMER_H

#include <stdint.h>

#include "core/def.h"

struct calendar;

/* The instant, or -1 when the calendar does not cover the days it
 * needs (or due is not positive). */
int64_t		timer_at(const struct calendar *, const struct timer *,
		    int64_t due);

/* "remind", "escalate". */
extern const char *const timer_kind_names[TIMER__MAX];

#endif
