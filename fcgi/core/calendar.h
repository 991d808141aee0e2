/*
 * calendar.h - working days and hours.
 *
 * A calendar is data (an XML file in calendar/): weekly rest days, public
 * holidays, and make-up working days announced each year (a swapped
 * Saturday becomes a working day).  Working hours are a morning and an
 * afternoon block.  A cut-off hour: received after it, the clock starts
 * on the next working day.  Paused intervals (the citizen must act) do
 * not count.  Times are minutes since 1970-01-01 00:00 local time
 * (Asia/Ho_Chi_Minh; Vietnam has no daylight saving).
 */
#ifndef MOTCUA_CALENDAR_H
#define MOTCUA_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "core/def.h"

struct calendar;

struct interval {
	int64_t		 from;		/* minutes */
	int64_t		 to;		/* minutes; to >= from */
};

struct calendar	*calendar_load(const char *path, struct diags *);
void		 calendar_free(struct calendar *);

/* Is this day (days since the epoch) a working day? */
int		 cal_is_working_day(const struct calendar *, int64_t day);
/* 1 if the calendar has data for this year. */
int		 cal_covers(const struct calendar *, int year);

/*
 * The due time of a dossier received at `received`, with a deadline of
 * `days` working days (or `hours` working hours when days is 0),
 * skipping the paused intervals (sorted, not overlapping).  Returns -1
 * when the calendar does not cover the dates it needs.
 */
int64_t		 cal_due(const struct calendar *, int64_t received,
		    int days, int hours, const struct interval *paused,
		    size_t npaused);

/* Working minutes from `from` to `to` (negative if to < from), not
 * counting paused intervals: time remaining, or how late. */
int64_t		 cal_working_minutes(const struct calendar *, int64_t from,
		    int64_t to, const struct interval *paused,
		    size_t npaused);

#endif
