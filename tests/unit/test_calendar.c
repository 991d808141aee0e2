/*
 * test_calendar.c - dates (core/value.h) and the working-day calendar
 * (core/calendar.h) with the shipped calendar/vietnam.xml.  Run from the
 * repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/calendar.h"
#include "core/value.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define RNG		"schemas/calendar.rng"
#define VIETNAM		"calendar/vietnam.xml"

/* "YYYY-MM-DD" -> days; fails the test if not a date. */
static int64_t
D(const char *s)
{
	int64_t	 d;

	assert_int_equal(date_parse(s, strlen(s), &d), 0);
	return d;
}

/* A local time: "YYYY-MM-DD", hour, minute -> minutes. */
static int64_t
T(const char *s, int h, int m)
{
	return D(s) * CAL_MINUTES_PER_DAY + h * 60 + m;
}

static void
assert_time(int64_t got, const char *s, int h, int m)
{
	char	 buf[11];

	if (got != T(s, h, m)) {
		date_format(got / CAL_MINUTES_PER_DAY, buf);
		fail_msg("expected %s %02d:%02d, got %s %02d:%02d", s, h, m,
		    buf, (int)(got % CAL_MINUTES_PER_DAY / 60),
		    (int)(got % 60));
	}
}

/* ---- dates -------------------------------------------------------- */

static void
test_date_parse(void **state)
{
	static const char *const bad[] = {
		"2025-02-29", "1900-02-29", "2100-02-29", "2025-04-31",
		"2025-13-01", "2025-00-10", "2025-01-00", "2025-01-32",
		"1899-12-31", "2200-01-01", "2025-1-01", "2025/01/01",
		"+025-01-01", " 2025-01-0", "2025-01-01Z", "", "20250101",
		"2025-01-0a", "0000-01-01",
	};
	int64_t	 d = 42;
	size_t	 i;

	(void)state;
	assert_int_equal(D("1970-01-01"), 0);
	assert_int_equal(D("1970-01-02"), 1);
	assert_int_equal(D("1969-12-31"), -1);
	assert_int_equal(D("2000-01-01"), 10957);
	assert_int_equal(D("2024-02-29") + 1, D("2024-03-01"));
	assert_int_equal(D("2000-02-29") + 1, D("2000-03-01"));
	assert_int_equal(D("1900-01-01"), -25567);
	assert_int_equal(D("2199-12-31"), date_from_ymd(2199, 12, 31));
	for (i = 0; i < NELEM(bad); i++) {
		if (date_parse(bad[i], strlen(bad[i]), &d) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(d, 42);
	}
	/* Only len bytes are read. */
	assert_int_equal(date_parse("2025-01-31xyz", 10, &d), 0);
	assert_int_equal(d, date_from_ymd(2025, 1, 31));
	assert_int_equal(date_parse("2025-01-31", 9, &d), -1);
	assert_int_equal(date_parse(NULL, 10, &d), -1);
}

static void
test_date_round_trip(void **state)
{
	int64_t	 d, back, lo, hi;
	char	 buf[11];
	int	 y, m, dd, wd, prev_wd = 0;

	(void)state;
	lo = date_from_ymd(1900, 1, 1);
	hi = date_from_ymd(2199, 12, 31);
	for (d = lo; d <= hi; d++) {
		date_format(d, buf);
		if (date_parse(buf, strlen(buf), &back) != 0 || back != d)
			fail_msg("%lld -> %s", (long long)d, buf);
		date_to_ymd(d, &y, &m, &dd);
		if (date_from_ymd(y, m, dd) != d)
			fail_msg("%lld -> %d-%d-%d", (long long)d, y, m, dd);
		wd = date_weekday(d);
		if (d > lo && wd != prev_wd % 7 + 1)
			fail_msg("weekday of %s", buf);
		prev_wd = wd;
	}
	assert_int_equal(hi - lo + 1, 300 * 365 + 73);	/* 2100 is not leap */
	date_format(-1, buf);
	assert_string_equal(buf, "1969-12-31");
	date_format(date_from_ymd(1, 1, 1), buf);
	assert_string_equal(buf, "0001-01-01");
	date_format(INT64_MAX, buf);
	assert_string_equal(buf, "0000-00-00");
	date_format(INT64_MIN, buf);
	assert_string_equal(buf, "0000-00-00");
}

static void
test_date_weekday(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(0), 4);			/* Thursday */
	assert_int_equal(date_weekday(-1), 3);
	assert_int_equal(date_weekday(D("1900-01-01")), 1);	/* Monday */
	assert_int_equal(date_weekday(D("2000-01-01")), 6);	/* Saturday */
	assert_int_equal(date_weekday(D("2025-01-29")), 3);
	assert_int_equal(date_weekday(D("2026-02-17")), 2);
	assert_int_equal(date_weekday(D("2027-02-06")), 6);
	assert_int_equal(date_weekday(D("2026-04-26")), 7);	/* Sunday */
	assert_int_equal(date_weekday(D("2199-12-31")), 2);
}

/* ---- the Vietnam calendar ------------------------------------------ */

static int
setup_vn(void **state)
{
	struct diags	 d = { NULL, 0, 0 };

	*state = calendar_load(VIETNAM, &d);
	if (d.n > 0)
		diags_print(&d, stderr);
	diags_free(&d);
	return *state == NULL ? -1 : 0;
}

static int
teardown_vn(void **state)
{
	calendar_free(*state);
	return 0;
}

static void
assert_days(const struct calendar *cal, const char *from, const char *to,
    int working)
{
	int64_t	 d;
	char	 buf[11];

	for (d = D(from); d <= D(to); d++)
		if (cal_is_working_day(cal, d) != working) {
			date_format(d, buf);
			fail_msg("%s: expected %s", buf, working ?
			    "a working day" : "a day off");
		}
}

static void
test_covers(void **state)
{
	const struct calendar *cal = *state;

	assert_true(cal_covers(cal, 2025));
	assert_true(cal_covers(cal, 2026));
	assert_true(cal_covers(cal, 2027));
	assert_false(cal_covers(cal, 2024));
	assert_false(cal_covers(cal, 2028));
	assert_false(cal_covers(cal, 2031));
	assert_false(cal_covers(cal, -5));
	assert_int_equal(cal_is_working_day(cal, D("2024-12-31")), -1);
	assert_int_equal(cal_is_working_day(cal, D("2031-03-03")), -1);
	assert_int_equal(cal_is_working_day(cal, INT64_MIN), -1);
	assert_int_equal(cal_is_working_day(cal, INT64_MAX), -1);
}

static void
test_tet(void **state)
{
	const struct calendar *cal = *state;

	/* 2025: off Sat 25 January to Sun 2 February. */
	assert_days(cal, "2025-01-20", "2025-01-24", 1);
	assert_days(cal, "2025-01-25", "2025-02-02", 0);
	assert_days(cal, "2025-02-03", "2025-02-07", 1);
	/* 2026: off Sat 14 February to Sun 22 February. */
	assert_days(cal, "2026-02-09", "2026-02-13", 1);
	assert_days(cal, "2026-02-14", "2026-02-22", 0);
	assert_days(cal, "2026-02-23", "2026-02-27", 1);
	/* 2027 (to be confirmed): Thu 4 to Wed 10 February. */
	assert_days(cal, "2027-02-03", "2027-02-03", 1);
	assert_days(cal, "2027-02-04", "2027-02-10", 0);
	assert_days(cal, "2027-02-11", "2027-02-12", 1);
}

static void
test_swaps_and_compensation(void **state)
{
	const struct calendar *cal = *state;

	/* Make-up Saturdays are working days; other Saturdays are not. */
	assert_int_equal(cal_is_working_day(cal, D("2025-04-26")), 1);
	assert_int_equal(cal_is_working_day(cal, D("2025-04-19")), 0);
	assert_int_equal(cal_is_working_day(cal, D("2025-04-27")), 0);
	assert_int_equal(cal_is_working_day(cal, D("2026-01-10")), 1);
	assert_int_equal(cal_is_working_day(cal, D("2026-08-22")), 1);
	/* The days taken off in exchange. */
	assert_days(cal, "2025-04-30", "2025-05-04", 0);
	assert_days(cal, "2026-01-01", "2026-01-04", 0);
	assert_days(cal, "2026-08-29", "2026-09-02", 0);
	assert_int_equal(cal_is_working_day(cal, D("2026-09-03")), 1);
	/* Holidays on a weekend, compensated on the next working day. */
	assert_int_equal(cal_is_working_day(cal, D("2026-04-26")), 0);
	assert_int_equal(cal_is_working_day(cal, D("2026-04-27")), 0);
	assert_int_equal(cal_is_working_day(cal, D("2026-04-28")), 1);
	assert_int_equal(cal_is_working_day(cal, D("2027-05-03")), 0);
	/* Plain days. */
	assert_int_equal(cal_is_working_day(cal, D("2025-03-10")), 1);
	assert_int_equal(cal_is_working_day(cal, D("2025-09-01")), 0);
	assert_int_equal(cal_is_working_day(cal, D("2025-09-03")), 1);
	assert_int_equal(cal_is_working_day(cal, D("2027-04-16")), 0);
}

static void
test_due_days(void **state)
{
	const struct calendar *cal = *state;

	/* Mon 09:00 + 2 days -> Wed 09:00. */
	assert_time(cal_due(cal, T("2025-03-10", 9, 0), 2, 0, NULL, 0),
	    "2025-03-12", 9, 0);
	/* Ends exactly at the end of a period: 17:00, not 07:30. */
	assert_time(cal_due(cal, T("2025-03-10", 7, 30), 1, 0, NULL, 0),
	    "2025-03-10", 17, 0);
	/* Before opening: the clock starts at 07:30. */
	assert_time(cal_due(cal, T("2025-03-10", 6, 0), 1, 0, NULL, 0),
	    "2025-03-10", 17, 0);
	/* At lunch: it starts at 13:00 (240 minutes on Monday). */
	assert_time(cal_due(cal, T("2025-03-10", 12, 0), 1, 0, NULL, 0),
	    "2025-03-11", 11, 30);
	/* Before the cut-off: counts from then (61 minutes on Monday). */
	assert_time(cal_due(cal, T("2025-03-10", 15, 59), 1, 0, NULL, 0),
	    "2025-03-11", 15, 59);
	/* At or after the cut-off: from the next working day. */
	assert_time(cal_due(cal, T("2025-03-10", 16, 0), 1, 0, NULL, 0),
	    "2025-03-11", 17, 0);
	assert_time(cal_due(cal, T("2025-03-10", 16, 30), 2, 0, NULL, 0),
	    "2025-03-12", 17, 0);
	assert_time(cal_due(cal, T("2025-03-10", 23, 59), 1, 0, NULL, 0),
	    "2025-03-11", 17, 0);
	/* After the cut-off on a Friday: from Monday. */
	assert_time(cal_due(cal, T("2025-03-14", 16, 15), 1, 0, NULL, 0),
	    "2025-03-17", 17, 0);
	/* On a Sunday: from Monday 07:30. */
	assert_time(cal_due(cal, T("2025-03-09", 10, 0), 1, 0, NULL, 0),
	    "2025-03-10", 17, 0);
	/* Friday before Tết 2026: 390 minutes, then Monday 23 Feb. */
	assert_time(cal_due(cal, T("2026-02-13", 9, 0), 2, 0, NULL, 0),
	    "2026-02-24", 9, 0);
	/* During Tết 2025. */
	assert_time(cal_due(cal, T("2025-01-29", 10, 0), 3, 0, NULL, 0),
	    "2025-02-05", 17, 0);
	/* A make-up Saturday counts. */
	assert_time(cal_due(cal, T("2025-04-25", 9, 0), 1, 0, NULL, 0),
	    "2025-04-26", 9, 0);
	/* Across the compensated Monday 27 April 2026. */
	assert_time(cal_due(cal, T("2026-04-24", 9, 0), 1, 0, NULL, 0),
	    "2026-04-28", 9, 0);
	/* 15 working days across the end of 2025: 1 January is off. */
	assert_time(cal_due(cal, T("2025-12-15", 7, 30), 15, 0, NULL, 0),
	    "2026-01-06", 17, 0);
}

static void
test_due_hours(void **state)
{
	const struct calendar *cal = *state;

	/* 4 hours from 10:00: 90 minutes, lunch, 150 minutes. */
	assert_time(cal_due(cal, T("2025-03-10", 10, 0), 0, 4, NULL, 0),
	    "2025-03-10", 15, 30);
	/* From lunch time: exactly the afternoon. */
	assert_time(cal_due(cal, T("2025-03-10", 11, 45), 0, 4, NULL, 0),
	    "2025-03-10", 17, 0);
	/* 8 hours are a working day. */
	assert_int_equal(cal_due(cal, T("2025-03-10", 9, 0), 0, 8, NULL, 0),
	    cal_due(cal, T("2025-03-10", 9, 0), 1, 0, NULL, 0));
	/* Days win over hours; nothing at all: when the clock starts. */
	assert_time(cal_due(cal, T("2025-03-10", 9, 0), 1, 4, NULL, 0),
	    "2025-03-11", 9, 0);
	assert_time(cal_due(cal, T("2025-03-10", 12, 10), 0, 0, NULL, 0),
	    "2025-03-10", 13, 0);
	assert_time(cal_due(cal, T("2025-03-10", 16, 10), 0, 0, NULL, 0),
	    "2025-03-11", 7, 30);
	assert_int_equal(cal_due(cal, T("2025-03-10", 9, 0), -1, 0, NULL, 0),
	    -1);
	assert_int_equal(cal_due(cal, T("2025-03-10", 9, 0), 0, -1, NULL, 0),
	    -1);
}

static void
test_due_paused(void **state)
{
	const struct calendar *cal = *state;
	struct interval	 day[] = {
		{ T("2025-03-11", 7, 30), T("2025-03-12", 7, 30) },
	};
	struct interval	 weekend[] = {
		{ T("2025-03-15", 0, 0), T("2025-03-17", 0, 0) },
	};
	struct interval	 two[] = {
		{ T("2025-03-10", 10, 0), T("2025-03-10", 14, 0) },
		{ T("2025-03-10", 14, 0), T("2025-03-10", 14, 0) },
		{ T("2025-03-11", 16, 0), T("2025-03-12", 8, 0) },
	};
	struct interval	 open[] = {
		{ T("2025-03-10", 10, 0), INT64_MAX },
	};
	struct interval	 unsorted[] = {
		{ T("2025-03-11", 8, 0), T("2025-03-11", 9, 0) },
		{ T("2025-03-10", 8, 0), T("2025-03-10", 9, 0) },
	};
	struct interval	 backwards[] = {
		{ T("2025-03-11", 9, 0), T("2025-03-11", 8, 0) },
	};
	int64_t		 r = T("2025-03-10", 9, 0);

	(void)state;
	/* A working day paused: one day later. */
	assert_time(cal_due(cal, r, 2, 0, day, NELEM(day)),
	    "2025-03-13", 9, 0);
	/* A weekend paused changes nothing. */
	assert_time(cal_due(cal, r, 5, 0, weekend, NELEM(weekend)),
	    "2025-03-17", 9, 0);
	/* 150 + 0 + 90 minutes paused. */
	assert_time(cal_due(cal, r, 2, 0, two, NELEM(two)),
	    "2025-03-12", 14, 30);
	/* Paused when received: the clock starts when the pause ends. */
	assert_time(cal_due(cal, T("2025-03-11", 7, 0), 1, 0, day, 1),
	    "2025-03-12", 17, 0);
	/* Never resumed, or resumed after the data ends. */
	assert_int_equal(cal_due(cal, r, 1, 0, open, NELEM(open)), -1);
	assert_int_equal(cal_due(cal, r, 1, 0, unsorted, NELEM(unsorted)),
	    -1);
	assert_int_equal(cal_due(cal, r, 1, 0, backwards, 1), -1);
	assert_int_equal(cal_due(cal, r, 1, 0, NULL, 1), -1);
}

static void
test_due_uncovered(void **state)
{
	const struct calendar *cal = *state;

	assert_int_equal(cal_due(cal, T("2031-03-03", 9, 0), 2, 0, NULL, 0),
	    -1);
	assert_int_equal(cal_due(cal, T("2024-12-31", 9, 0), 2, 0, NULL, 0),
	    -1);
	/* The start is known, but not the days it needs. */
	assert_int_equal(cal_due(cal, T("2027-12-20", 9, 0), 15, 0, NULL, 0),
	    -1);
	assert_int_equal(cal_due(cal, T("2027-12-31", 16, 30), 1, 0, NULL, 0),
	    -1);
	assert_int_equal(cal_due(cal, INT64_MAX, 1, 0, NULL, 0), -1);
	assert_int_equal(cal_due(cal, INT64_MIN, 1, 0, NULL, 0), -1);
	assert_int_equal(cal_due(cal, T("2025-03-10", 9, 0), 2000000000, 0,
	    NULL, 0), -1);
	assert_int_equal(cal_due(NULL, T("2025-03-10", 9, 0), 1, 0, NULL, 0),
	    -1);
}

static void
test_working_minutes(void **state)
{
	const struct calendar *cal = *state;
	struct interval	 day[] = {
		{ T("2025-03-11", 7, 30), T("2025-03-12", 7, 30) },
	};
	int64_t		 mon = T("2025-03-10", 9, 0);

	(void)state;
	assert_int_equal(cal_working_minutes(cal, mon, mon, NULL, 0), 0);
	assert_int_equal(cal_working_minutes(cal, mon,
	    T("2025-03-12", 9, 0), NULL, 0), 960);
	assert_int_equal(cal_working_minutes(cal, T("2025-03-12", 9, 0),
	    mon, NULL, 0), -960);
	assert_int_equal(cal_working_minutes(cal, mon,
	    T("2025-03-12", 9, 0), day, 1), 480);
	assert_int_equal(cal_working_minutes(cal, T("2025-03-12", 9, 0),
	    mon, day, 1), -480);
	/* Lunch and nights do not count; the cut-off does not apply. */
	assert_int_equal(cal_working_minutes(cal, T("2025-03-10", 11, 0),
	    T("2025-03-10", 13, 30), NULL, 0), 60);
	assert_int_equal(cal_working_minutes(cal, T("2025-03-10", 16, 30),
	    T("2025-03-11", 8, 0), NULL, 0), 60);
	/* Across Tết 2026: Friday 13 afternoon, then Monday 23. */
	assert_int_equal(cal_working_minutes(cal, T("2026-02-13", 13, 0),
	    T("2026-02-23", 17, 0), NULL, 0), 720);
	/* A whole year 2025: 365 days, 104 weekend days, 12 days off on
	 * weekdays, one make-up Saturday. */
	assert_int_equal(cal_working_minutes(cal, T("2025-01-01", 0, 0),
	    T("2026-01-01", 0, 0), NULL, 0), (365 - 104 - 12 + 1) * 480);
	/* Overdue by a day and an hour. */
	assert_int_equal(cal_working_minutes(cal, T("2025-03-12", 10, 0),
	    T("2025-03-11", 9, 0), NULL, 0), -(480 + 60));
	/* Not covered. */
	assert_int_equal(cal_working_minutes(cal, T("2027-12-31", 9, 0),
	    T("2028-01-03", 9, 0), NULL, 0), INT64_MIN);
	assert_int_equal(cal_working_minutes(cal, T("2031-01-03", 9, 0),
	    mon, NULL, 0), INT64_MIN);
	assert_int_equal(cal_working_minutes(cal, INT64_MIN, INT64_MAX,
	    NULL, 0), INT64_MIN);
	/* Weekend-only span of a covered year: 0. */
	assert_int_equal(cal_working_minutes(cal, T("2025-03-15", 0, 0),
	    T("2025-03-17", 0, 0), NULL, 0), 0);
}

/*
 * cal_due and cal_working_minutes agree: from a received time before
 * the cut-off, exactly the deadline's minutes have elapsed at the due
 * time, and not one minute before it.
 */
static void
test_due_consistent(void **state)
{
	const struct calendar *cal = *state;
	struct interval	 p[] = {
		{ T("2026-02-11", 10, 0), T("2026-02-24", 8, 0) },
		{ T("2026-03-02", 14, 0), T("2026-03-03", 15, 0) },
	};
	int64_t		 r, due, need, day;
	int		 days, hours, npaused;

	(void)state;
	for (r = T("2026-02-05", 0, 0); r < T("2026-03-06", 0, 0); r += 37)
		for (days = 0; days <= 4; days++)
			for (npaused = 0; npaused <= 2; npaused += 2) {
				hours = days == 0 ? 3 : 0;
				need = days > 0 ? days * 480 : hours * 60;
				day = r / CAL_MINUTES_PER_DAY;
				if (cal_is_working_day(cal, day) == 1 &&
				    r % CAL_MINUTES_PER_DAY >= 16 * 60)
					continue;	/* the cut-off */
				due = cal_due(cal, r, days, hours, p, npaused);
				assert_true(due > r);
				assert_int_equal(cal_working_minutes(cal, r,
				    due, p, npaused), need);
				assert_int_equal(cal_working_minutes(cal, r,
				    due - 1, p, npaused), need - 1);
			}
}

/* ---- loading errors ------------------------------------------------- */

#define HEAD	"<?xml version=\"1.0\"?>\n" \
		"<calendar xmlns=\"urn:motcua:def:1\">\n"
#define NAMES	"<name lang=\"vi\">x</name><name lang=\"en\">x</name>"

static const char *
find_diag(const struct diags *d, int line, const char *part)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].line == line && strstr(d->v[i].msg, part) != NULL)
			return d->v[i].file;
	for (i = 0; i < d->n; i++)
		fprintf(stderr, "%s:%d: %s\n", d->v[i].file, d->v[i].line,
		    d->v[i].msg);
	fail_msg("no diagnostic at line %d with \"%s\"", line, part);
	return NULL;
}

/* Load buf from memory; it must fail with `part` at `line`. */
static void
assert_bad(const char *buf, int line, const char *part)
{
	struct diags	 d = { NULL, 0, 0 };
	struct calendar	*cal;

	cal = calendar_load_memory(buf, strlen(buf), "bad.xml", RNG, &d);
	assert_null(cal);
	assert_true(d.n > 0);
	if (getenv("SHOW_DIAGS") != NULL)
		diags_print(&d, stderr);
	assert_string_equal(find_diag(&d, line, part), "bad.xml");
	diags_free(&d);
}

static void
test_load_bad(void **state)
{
	(void)state;
	/* Schema errors. */
	assert_bad(HEAD "<year value=\"2025\">\n"
	    "<holiday date=\"2025-02-30\">" NAMES "</holiday>\n"
	    "</year></calendar>\n", 4, "2025-02-30");
	assert_bad(HEAD "<year value=\"2025\"/>\n<party/>\n</calendar>\n",
	    4, "party");
	assert_bad(HEAD "<year value=\"2025\">\n"
	    "<holiday date=\"2025-01-01Z\">" NAMES "</holiday>\n"
	    "</year></calendar>\n", 4, "holiday");
	assert_bad(HEAD "<cutoff time=\"25:00\"/>\n<year value=\"2025\"/>\n"
	    "</calendar>\n", 3, "cutoff");
	assert_bad(HEAD "<year value=\"2300\"/>\n</calendar>\n", 3, "year");
	assert_bad(HEAD "</calendar>\n", 2, "");
	assert_bad("<?xml version=\"1.0\"?>\n<calendar>\n"
	    "<year value=\"2025\"/></calendar>\n", 2, "namespace");
	/* Not well-formed. */
	assert_bad(HEAD "<year value=\"2025\">\n</calendar>\n", 4, "mismatch");
	/* What only the loader sees. */
	assert_bad(HEAD "<year value=\"2025\">\n"
	    "<holiday date=\"2026-01-01\">" NAMES "</holiday>\n"
	    "</year></calendar>\n", 4, "not in year 2025");
	assert_bad(HEAD "<year value=\"2025\">\n"
	    "<holiday date=\"2025-01-01\">" NAMES "</holiday>\n"
	    "<holiday date=\"2025-01-01\">" NAMES "</holiday>\n"
	    "</year></calendar>\n", 5, "listed twice");
	assert_bad(HEAD "<year value=\"2025\">\n"
	    "<holiday date=\"2025-04-26\">" NAMES "</holiday>\n"
	    "<workday date=\"2025-04-26\">" NAMES "</workday>\n"
	    "</year></calendar>\n", 5, "listed twice");
	assert_bad(HEAD "<year value=\"2025\">\n"
	    "<workday date=\"2025-04-25\">" NAMES "</workday>\n"
	    "</year></calendar>\n", 4, "not a weekly rest day");
	assert_bad(HEAD "<year value=\"2025\"/>\n<year value=\"2025\"/>\n"
	    "</calendar>\n", 4, "given twice");
	assert_bad(HEAD "<hours>\n<period from=\"13:00\" to=\"17:00\"/>\n"
	    "<period from=\"07:30\" to=\"11:30\"/>\n</hours>\n"
	    "<year value=\"2025\"/></calendar>\n", 5, "after the previous");
	assert_bad(HEAD "<hours>\n<period from=\"17:00\" to=\"13:00\"/>\n"
	    "</hours>\n<year value=\"2025\"/></calendar>\n", 4,
	    "from must be before to");
	assert_bad(HEAD "<weekend days=\"mon tue wed thu fri sat sun\"/>\n"
	    "<year value=\"2025\"/></calendar>\n", 3, "no working day");
}

static void
test_load_files(void **state)
{
	struct diags	 d = { NULL, 0, 0 };
	char		 dir[] = "/tmp/motcua-cal.XXXXXX", path[256];
	FILE		*f;

	(void)state;
	assert_null(calendar_load("calendar/no-such-file.xml", &d));
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, "calendar/no-such-file.xml");
	diags_free(&d);

	/* A file whose directory has no ../schemas: the schema is missing,
	 * which is reported, not ignored. */
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/cal.xml", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs(HEAD "<year value=\"2025\"/></calendar>\n", f);
	fclose(f);
	assert_null(calendar_load(path, &d));
	assert_true(d.n > 0);
	diags_free(&d);
	unlink(path);
	rmdir(dir);
}

/* No <hours>, <cutoff> or <weekend>: the defaults, and no cut-off. */
static void
test_defaults(void **state)
{
	static const char xml[] = HEAD "<year value=\"2025\"/></calendar>\n";
	struct diags	 d = { NULL, 0, 0 };
	struct calendar	*cal;

	(void)state;
	cal = calendar_load_memory(xml, sizeof(xml) - 1, "mini.xml", RNG, &d);
	assert_int_equal(d.n, 0);
	assert_non_null(cal);
	assert_int_equal(cal_is_working_day(cal, D("2025-01-01")), 1);
	assert_int_equal(cal_is_working_day(cal, D("2025-01-04")), 0);
	assert_time(cal_due(cal, T("2025-03-10", 16, 30), 1, 0, NULL, 0),
	    "2025-03-11", 16, 30);
	assert_time(cal_due(cal, T("2025-03-10", 17, 30), 1, 0, NULL, 0),
	    "2025-03-11", 17, 0);
	assert_int_equal(cal_working_minutes(cal, T("2025-01-01", 0, 0),
	    T("2025-01-02", 0, 0), NULL, 0), 480);
	calendar_free(cal);
	calendar_free(NULL);
}

/* Another week, hours and cut-off, from the data. */
static void
test_custom(void **state)
{
	static const char xml[] = HEAD
	    "<hours><period from=\"08:00\" to=\"12:00\"/>"
	    "<period from=\"14:00\" to=\"18:00\"/></hours>\n"
	    "<cutoff time=\"15:00\"/>\n"
	    "<weekend days=\"fri sat\"/>\n"
	    "<year value=\"2025\"/>\n"
	    "<year value=\"2027\"/></calendar>\n";
	struct diags	 d = { NULL, 0, 0 };
	struct calendar	*cal;

	(void)state;
	cal = calendar_load_memory(xml, sizeof(xml) - 1, "custom.xml", RNG,
	    &d);
	assert_int_equal(d.n, 0);
	assert_non_null(cal);
	assert_int_equal(cal_is_working_day(cal, D("2025-03-14")), 0);
	assert_int_equal(cal_is_working_day(cal, D("2025-03-16")), 1);
	assert_false(cal_covers(cal, 2026));
	assert_true(cal_covers(cal, 2027));
	/* Thu 15:00 is at the cut-off: from Sun 08:00. */
	assert_time(cal_due(cal, T("2025-03-13", 15, 0), 1, 0, NULL, 0),
	    "2025-03-16", 18, 0);
	assert_time(cal_due(cal, T("2025-03-13", 11, 0), 0, 2, NULL, 0),
	    "2025-03-13", 15, 0);
	/* A gap year is not covered. */
	assert_int_equal(cal_due(cal, T("2025-12-31", 9, 0), 2, 0, NULL, 0),
	    -1);
	calendar_free(cal);
}

/* One group, so that the run ends with the count of every test; the
 * group state is the Vietnam calendar, which the loading tests ignore. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_date_round_trip),
		cmocka_unit_test(test_date_weekday),
		cmocka_unit_test(test_covers),
		cmocka_unit_test(test_tet),
		cmocka_unit_test(test_swaps_and_compensation),
		cmocka_unit_test(test_due_days),
		cmocka_unit_test(test_due_hours),
		cmocka_unit_test(test_due_paused),
		cmocka_unit_test(test_due_uncovered),
		cmocka_unit_test(test_working_minutes),
		cmocka_unit_test(test_due_consistent),
		cmocka_unit_test(test_load_bad),
		cmocka_unit_test(test_load_files),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_custom),
	};

	return cmocka_run_group_tests(tests, setup_vn, teardown_vn);
}
