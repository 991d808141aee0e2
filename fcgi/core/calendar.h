/*
 * calendar.h - working days and hours.
 *
 * A calendar is data (an XML file in calendar/, schema
 * schemas/calendar.rng): weekly rest days, public holidays, and make-up
 * working days announced each year (a swapped Saturday becomes a
 * working day).  Times are minutes since 1970-01-01 00:00 local time
 * (Asia/Ho_Chi_Minh; Vietnam has no daylight saving).
 *
 * Working hours are the periods of the file's <hours> (default 07:30-
 * 11:30 and 13:00-17:00: 480 working minutes a day).  A deadline of N
 * working days is N times a day's working minutes; of N working hours,
 * N * 60 working minutes.  Working time is counted in half-open
 * intervals [from, to).
 *
 * The clock starts at the received time, except:
 *   - received outside working hours on a working day, before the
 *     cut-off: at the start of the next period (07:00 -> 07:30 the same
 *     day, 12:00 -> 13:00, 17:30 -> the next working day's 07:30);
 *   - received at or after the cut-off (<cutoff time="16:00"/>: 16:00
 *     itself counts as after) on a working day, or any time on a
 *     non-working day: at the start of the next working day's first
 *     period.  Without a <cutoff>, only the rule above applies.
 * The cut-off applies to reception only, not to a clock that resumes
 * after a pause.
 *
 * Paused intervals (the citizen must act) contribute no working
 * minutes.  The due time is the instant the required working minutes
 * have elapsed: a deadline that ends exactly at the end of a period is
 * due at that end (17:00), not at the next period's start.
 *
 * A day is known only if its year is in the file; functions that need
 * an unknown day say so (-1, INT64_MIN) rather than guess.  Look-ups
 * are O(1) (a bitmap of working days built at load); cal_due and
 * cal_working_minutes are O(days spanned + paused intervals).
 *
 * A struct calendar is read-only after loading: share it between
 * requests and threads.  Loading reports every problem to the diags
 * (file:line: message); out of memory aborts.
 */
#ifndef MOTCUA_CALENDAR_H
#define MOTCUA_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "core/def.h"

#define CAL_MINUTES_PER_DAY	1440

struct calendar;

struct interval {
	int64_t		 from;		/* minutes */
	int64_t		 to;		/* minutes; to >= from */
};

/*
 * Load and validate a calendar file.  Its schema is found as
 * ../schemas/calendar.rng from the file's directory (ROOT/calendar/x.xml
 * -> ROOT/schemas/calendar.rng).  NULL with every problem in *d.
 */
struct calendar	*calendar_load(const char *path, struct diags *);
/* The same from memory, with an explicit schema path; name is the
 * file name in diagnostics (for tests and fuzzing). */
struct calendar	*calendar_load_memory(const char *buf, size_t len,
		    const char *name, const char *rng_path, struct diags *);
void		 calendar_free(struct calendar *);

/* Is this day (days since the epoch) a working day?  1 yes, 0 no, -1
 * when its year is not covered: test with == 1, never as a boolean. */
int		 cal_is_working_day(const struct calendar *, int64_t day);
/* 1 if the calendar has data for this year, else 0. */
int		 cal_covers(const struct calendar *, int year);

/*
 * The due time of a dossier received at `received`, with a deadline of
 * `days` working days (or `hours` working hours when days is 0),
 * skipping the paused intervals (sorted, not overlapping; they may
 * touch).  With days and hours both 0, the instant the clock starts.
 * Returns -1 when the calendar does not cover the dates it needs, when
 * days or hours is negative, or when the paused intervals are not
 * sorted or overlap.
 */
int64_t		 cal_due(const struct calendar *, int64_t received,
		    int days, int hours, const struct interval *paused,
		    size_t npaused);

/*
 * Working minutes from `from` to `to` (negative if to < from), not
 * counting paused intervals: time remaining, or how late.  No cut-off
 * rule applies.  INT64_MIN when a day between them is not covered, or
 * the paused intervals are not sorted or overlap.
 */
int64_t		 cal_working_minutes(const struct calendar *, int64_t from,
		    int64_t to, const struct interval *paused,
		    size_t npaused);

#endif
