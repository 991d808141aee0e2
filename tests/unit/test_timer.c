/*
 * test_timer.c - when a workflow's timer fires (core/timer.h), with the
 * shipped calendar/vietnam.xml.  Run from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/calendar.h"
#include "core/def.h"
#include "core/dossier.h"
#include "core/timer.h"
#include "core/value.h"

/* A Vietnam local time "YYYY-MM-DD", hh:mm as a Unix time. */
static int64_t
U(const char *s, int h, int m)
{
	int64_t	d;

	assert_int_equal(date_parse(s, strlen(s), &d), 0);
	return dossier_time_of_minutes(d * CAL_MINUTES_PER_DAY + h * 60 + m);
}

static struct timer
remind(int hours)
{
	struct timer	t;

	memset(&t, 0, sizeof(t));
	t.kind = TIMER_REMIND;
	t.before_due_hours = hours;
	return t;
}

static struct timer
escalate(int hours)
{
	struct timer	t;

	memset(&t, 0, sizeof(t));
	t.kind = TIMER_ESCALATE;
	t.after_due_hours = hours;
	return t;
}

static int
setup(void **state)
{
	struct diags	d = { NULL, 0, 0 };

	*state = calendar_load("calendar/vietnam.xml", &d);
	diags_print(&d, stderr);
	diags_free(&d);
	return *state == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	calendar_free(*state);
	return 0;
}

/* 4 working hours before Wednesday 09:00: 1.5 h that morning, 2.5 h
 * on Tuesday afternoon. */
static void
test_remind_same_week(void **state)
{
	struct timer	t = remind(4);

	assert_int_equal(timer_at(*state, &t, U("2026-12-09", 9, 0)),
	    U("2026-12-08", 14, 30));
	/* Due at 17:00: the afternoon period. */
	assert_int_equal(timer_at(*state, &t, U("2026-12-09", 17, 0)),
	    U("2026-12-09", 13, 0));
	t = remind(0);
	assert_int_equal(timer_at(*state, &t, U("2026-12-09", 17, 0)),
	    U("2026-12-09", 17, 0));
}

/* Over a weekend and over Tết (16-20 February 2026, with its weekend
 * before and after). */
static void
test_remind_over_rest_days(void **state)
{
	struct timer	t = remind(4);

	assert_int_equal(timer_at(*state, &t, U("2026-12-07", 9, 0)),
	    U("2026-12-04", 14, 30));
	assert_int_equal(timer_at(*state, &t, U("2026-02-23", 9, 0)),
	    U("2026-02-13", 14, 30));
}

static void
test_escalate(void **state)
{
	struct timer	t = escalate(0);

	assert_int_equal(timer_at(*state, &t, U("2026-12-09", 9, 0)),
	    U("2026-12-09", 9, 0));
	t = escalate(8);
	/* A working day later: Friday 09:00 -> Monday 09:00. */
	assert_int_equal(timer_at(*state, &t, U("2026-12-11", 9, 0)),
	    U("2026-12-14", 9, 0));
	t = escalate(3);
	/* 10:00 + 1.5 h to 11:30, then 1.5 h from 13:00. */
	assert_int_equal(timer_at(*state, &t, U("2026-12-09", 10, 0)),
	    U("2026-12-09", 14, 30));
}

/* Years the calendar does not cover, and no due time: -1. */
static void
test_uncovered(void **state)
{
	struct timer	t = remind(4);

	assert_int_equal(timer_at(*state, &t, U("2031-06-02", 9, 0)), -1);
	assert_int_equal(timer_at(*state, &t, 0), -1);
	t = escalate(4);
	assert_int_equal(timer_at(*state, &t, U("2031-06-02", 9, 0)), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_remind_same_week),
		cmocka_unit_test(test_remind_over_rest_days),
		cmocka_unit_test(test_escalate),
		cmocka_unit_test(test_uncovered),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
