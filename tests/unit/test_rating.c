/*
 * test_rating.c - the citizen's rating (core/rating.h): names, and who
 * may rate when.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/rating.h"

static void
names_round_trip(void **state)
{
	int	i;

	(void)state;
	for (i = 0; i < RATING__MAX; i++)
		assert_int_equal(rating_parse(rating_names[i]), i);
	assert_int_equal(rating_parse(NULL), RATING__MAX);
	assert_int_equal(rating_parse(""), RATING__MAX);
	assert_int_equal(rating_parse("Satisfied"), RATING__MAX);
	assert_int_equal(rating_parse("satisfied "), RATING__MAX);
	assert_string_equal(rating_names[RATING_DISSATISFIED], "dissatisfied");
}

static void
who_and_when(void **state)
{
	(void)state;
	/* Completed (returned, 10; refused, 3): the applicant, once. */
	assert_int_equal(rating_allowed(1, 10, 1700000000, 0), RATE_OK);
	assert_int_equal(rating_allowed(1, 3, 1700000000, 0), RATE_OK);
	assert_int_equal(rating_allowed(1, 10, 1700000000, 1), RATE_RATED);
	assert_int_equal(rating_allowed(0, 10, 1700000000, 0),
	    RATE_NOT_APPLICANT);
	/* Open, even when processed (9) but not returned. */
	assert_int_equal(rating_allowed(1, 9, 0, 0), RATE_OPEN);
	assert_int_equal(rating_allowed(1, 5, 0, 0), RATE_OPEN);
	/* Withdrawn: nothing to rate. */
	assert_int_equal(rating_allowed(1, 7, 1700000000, 0), RATE_WITHDRAWN);
}

static void
characters_not_bytes(void **state)
{
	(void)state;
	assert_int_equal(rating_chars(""), 0);
	assert_int_equal(rating_chars("abc"), 3);
	assert_int_equal(rating_chars("Nguyễn"), 6);
	assert_int_equal(rating_chars("ư"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_round_trip),
		cmocka_unit_test(who_and_when),
		cmocka_unit_test(characters_not_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
