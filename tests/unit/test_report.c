/*
 * test_report.c - the periodic report's rules (core/report.h): where a
 * dossier counts, Decision 766's second supplement, paused dossiers,
 * refusals and withdrawals, the indicators and their rounding.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/rating.h"
#include "core/report.h"

/* A new online dossier, not rated, nothing else. */
static struct report_fact
fact(void)
{
	struct report_fact	 f;

	memset(&f, 0, sizeof(f));
	f.channel = CHANNEL_ONLINE;
	f.rating = -1;
	return f;
}

static struct report_fact
resolved(int day_cmp, int after_due, int supplements)
{
	struct report_fact	 f = fact();

	f.done = 1;
	f.status = 10;
	f.has_due = 1;
	f.day_cmp = day_cmp;
	f.after_due = after_due;
	f.supplements = supplements;
	return f;
}

static void
timeliness(void **state)
{
	struct report_row	 r;
	struct report_fact	 f;

	(void)state;
	memset(&r, 0, sizeof(r));
	f = resolved(-1, 0, 0);
	report_add(&r, &f, 1);		/* a day before: early */
	f = resolved(0, 0, 1);
	report_add(&r, &f, 1);		/* the due day, one supplement */
	f = resolved(-1, 0, 2);
	report_add(&r, &f, 1);		/* early but supplemented twice */
	f = resolved(0, 1, 0);
	report_add(&r, &f, 3);		/* the due day, after the time */
	f = resolved(0, 0, 0);
	f.has_due = 0;
	report_add(&r, &f, 1);		/* no deadline: on time */
	assert_int_equal(r.v[RC_RESOLVED], 7);
	assert_int_equal(r.v[RC_EARLY], 1);
	assert_int_equal(r.v[RC_ON_TIME], 2);
	assert_int_equal(r.v[RC_LATE], 4);
	assert_int_equal(r.v[RC_APOLOGIES], 4);
	assert_int_equal(r.v[RC_RECEIVED], 7);
	assert_int_equal(r.v[RC_IN_PROGRESS], 0);
}

static void
in_progress(void **state)
{
	struct report_row	 r;
	struct report_fact	 f;

	(void)state;
	memset(&r, 0, sizeof(r));
	f = fact();
	report_add(&r, &f, 1);		/* within */
	f.overdue = 1;
	report_add(&r, &f, 1);		/* overdue */
	f.paused = 1;
	report_add(&r, &f, 1);		/* its clock stopped: within */
	f.supplements = 2;
	report_add(&r, &f, 1);		/* paused, second supplement: late */
	assert_int_equal(r.v[RC_IN_PROGRESS], 4);
	assert_int_equal(r.v[RC_WITHIN], 2);
	assert_int_equal(r.v[RC_OVERDUE], 2);
	assert_int_equal(r.v[RC_PAUSED], 2);
	assert_int_equal(r.v[RC_RESOLVED], 0);
}

static void
received(void **state)
{
	struct report_row	 r;
	struct report_fact	 f;

	(void)state;
	memset(&r, 0, sizeof(r));
	f = fact();
	f.carried = 1;
	f.channel = CHANNEL_IN_PERSON;
	report_add(&r, &f, 2);		/* carried: not by channel */
	f = fact();
	f.channel = CHANNEL_POST;
	report_add(&r, &f, 1);
	f.channel = CHANNEL_IN_PERSON;
	report_add(&r, &f, 1);
	f = fact();
	f.done = 1;
	f.status = STATUS_WITHDRAWN;
	report_add(&r, &f, 1);		/* received, then withdrawn */
	f.status = STATUS_REFUSED;
	report_add(&r, &f, 5);		/* never received */
	assert_int_equal(r.v[RC_RECEIVED], 5);
	assert_int_equal(r.v[RC_CARRIED], 2);
	assert_int_equal(r.v[RC_NEW], 3);
	assert_int_equal(r.v[RC_ONLINE], 1);
	assert_int_equal(r.v[RC_IN_PERSON], 1);
	assert_int_equal(r.v[RC_POST], 1);
	assert_int_equal(r.v[RC_WITHDRAWN], 1);
	assert_int_equal(r.v[RC_REFUSED], 5);
	/* received = resolved + in progress + withdrawn */
	assert_int_equal(r.v[RC_RECEIVED], r.v[RC_RESOLVED] +
	    r.v[RC_IN_PROGRESS] + r.v[RC_WITHDRAWN]);
}

static void
indicators(void **state)
{
	struct report_row	 r, t;
	struct report_rates	 x;
	struct report_fact	 f;

	(void)state;
	memset(&r, 0, sizeof(r));
	/* 2 resolved early online with a result, one with files, rated
	 * satisfied; 1 late in person, rated dissatisfied; 3 with a fee,
	 * 2 paid online; 1 in progress within. */
	f = resolved(-1, 0, 0);
	f.e_result = 1;
	f.files = 1;
	f.rating = RATING_SATISFIED;
	f.has_fee = 1;
	f.paid_online = 1;
	f.work_seconds = 86400;
	report_add(&r, &f, 1);
	f.files = 0;
	f.work_seconds = 2 * 86400;
	report_add(&r, &f, 1);
	f = resolved(1, 1, 0);
	f.channel = CHANNEL_IN_PERSON;
	f.rating = RATING_DISSATISFIED;
	f.has_fee = 1;
	f.work_seconds = 86400 / 2;
	report_add(&r, &f, 1);
	f = fact();
	report_add(&r, &f, 1);
	report_rates(&r, &x);
	/* early 2 + within 1 over resolved 3 + in progress 1 */
	assert_int_equal(x.r[RR_ON_TIME].num, 3);
	assert_int_equal(x.r[RR_ON_TIME].den, 4);
	assert_int_equal(x.r[RR_ON_TIME].bp, 7500);
	/* online with a result 2 of 4 new */
	assert_int_equal(x.r[RR_ONLINE].bp, 5000);
	/* 2 of 3 resolved: 66.666..% rounds to 66.67 */
	assert_int_equal(x.r[RR_E_RESULT].bp, 6667);
	assert_int_equal(x.r[RR_PAID_ONLINE].num, 2);
	assert_int_equal(x.r[RR_PAID_ONLINE].den, 3);
	assert_int_equal(x.r[RR_PAID_ONLINE].bp, 6667);
	/* 1 of 3: 33.333..% rounds to 33.33 */
	assert_int_equal(x.r[RR_DIGITISED].bp, 3333);
	/* 100% - late 25.00 - dissatisfied 1/3 33.33 = 41.67 */
	assert_int_equal(x.r[RR_SATISFACTION].bp, 4167);
	/* 3.5 days over 3 = 1.1666.. rounds to 1.17 */
	assert_int_equal(x.avg_days_x100, 117);
	/* Nothing: no rates at all. */
	memset(&t, 0, sizeof(t));
	report_rates(&t, &x);
	assert_int_equal(x.r[RR_ON_TIME].bp, -1);
	assert_int_equal(x.r[RR_SATISFACTION].bp, -1);
	assert_int_equal(x.avg_days_x100, -1);
	/* A sum of rows is the row of their dossiers. */
	report_sum(&t, &r);
	report_sum(&t, &r);
	assert_int_equal(t.v[RC_RESOLVED], 6);
	assert_int_equal(t.work_seconds, 2 * r.work_seconds);
}

static void
names(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < RC__MAX; i++)
		assert_non_null(report_col_names[i]);
	for (i = 0; i < RR__MAX; i++)
		assert_non_null(report_rate_names[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(timeliness),
		cmocka_unit_test(in_progress),
		cmocka_unit_test(received),
		cmocka_unit_test(indicators),
		cmocka_unit_test(names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
