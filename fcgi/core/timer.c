/*
 * timer.c - see timer.h.  Working time is monotone in either end of an
 * interval, so the instant is found by bisection over calendar minutes
 * with cal_working_minutes: O(log span) calls, each O(days spanned).
 */
#include <stdlib.h>

#include "core/calendar.h"
#include "core/dossier.h"
#include "core/timer.h"

const char *const timer_kind_names[TIMER__MAX] = {
	[TIMER_REMIND] = "remind",
	[TIMER_ESCALATE] = "escalate",
};

/* How far to look: the hours themselves at 8 working hours a day,
 * counted as calendar days, and a month for holidays (Tết). */
static int64_t
span(int hours)
{
	return ((int64_t)hours / 8 + 1 + 31) * CAL_MINUTES_PER_DAY;
}

/* The latest m <= due with need working minutes in [m, due). */
static int64_t
before(const struct calendar *cal, int64_t due, int64_t need)
{
	int64_t	lo = due - span((int)(need / 60)), hi = due, mid, w;

	w = cal_working_minutes(cal, lo, due, NULL, 0);
	if (w == INT64_MIN || w < need)
		return -1;
	/* Invariant: w(lo) >= need; w(hi + 1) < need or hi == due. */
	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		if ((w = cal_working_minutes(cal, mid, due, NULL, 0)) ==
		    INT64_MIN)
			return -1;
		if (w >= need)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* The earliest m >= due with need working minutes in [due, m). */
static int64_t
after(const struct calendar *cal, int64_t due, int64_t need)
{
	int64_t	lo = due, hi = due + span((int)(need / 60)), mid, w;

	if (need == 0)
		return due;
	w = cal_working_minutes(cal, due, hi, NULL, 0);
	if (w == INT64_MIN || w < need)
		return -1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((w = cal_working_minutes(cal, due, mid, NULL, 0)) ==
		    INT64_MIN)
			return -1;
		if (w >= need)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

int64_t
timer_at(const struct calendar *cal, const struct timer *t, int64_t due)
{
	int64_t	m, d;

	if (due <= 0)
		return -1;
	d = dossier_minutes(due);
	switch (t->kind) {
	case TIMER_REMIND:
		m = before(cal, d, (int64_t)t->before_due_hours * 60);
		break;
	case TIMER_ESCALATE:
		m = after(cal, d, (int64_t)t->after_due_hours * 60);
		break;
	default:
		abort();
	}
	return m < 0 ? -1 : dossier_time_of_minutes(m);
}
