/*
 * test_trail.c - the audit trail's CSV cells (base/csv.h) and the
 * values of its filters (core/trailq.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/csv.h"
#include "core/trailq.h"

static void
csv_cells(void **state)
{
	static const struct { const char *in, *out; } c[] = {
		{ "plain", "plain" },
		{ "", "" },
		{ "Nguyễn Văn An", "Nguyễn Văn An" },
		{ "a,b", "\"a,b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "two\r\nlines", "\"two\r\nlines\"" },
		{ "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0" },
		{ "+1", "'+1" },
		{ "-1", "'-1" },
		{ "@SUM(A1)", "'@SUM(A1)" },
		{ "\tx", "'\tx" },
		{ "=a,b", "\"'=a,b\"" },
		{ "a=b", "a=b" },
	};
	struct arena	*a = arena_new(4096);
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		assert_string_equal(csv_cell(a, c[i].in), c[i].out);
	assert_string_equal(csv_cell(a, NULL), "");
	arena_free(a);
}

static void
csv_records(void **state)
{
	const char	*r[] = { "1", NULL, "x,y", "=1" };
	struct arena	*a = arena_new(4096);

	(void)state;
	assert_string_equal(csv_record(a, r, 4), "1,,\"x,y\",'=1\r\n");
	assert_string_equal(csv_record(a, r, 1), "1\r\n");
	arena_free(a);
}

static void
filter_values(void **state)
{
	int64_t	t = 0;

	(void)state;
	assert_int_equal(trailq_time("2026-12-01", &t), 1);
	assert_int_equal(t, 1796083200);
	assert_int_equal(trailq_time("2026-12-01T02:00:00Z", &t), 1);
	assert_int_equal(t, 1796083200 + 7200);
	assert_int_equal(trailq_time("1796083200", &t), 1);
	assert_int_equal(t, 1796083200);
	assert_int_equal(trailq_time("2024-02-29", &t), 1);
	assert_int_equal(trailq_time("2026-02-29", &t), 0);
	assert_int_equal(trailq_time("2026-02-30", &t), 0);
	assert_int_equal(trailq_time("2026-12-01T24:00:00Z", &t), 0);
	assert_int_equal(trailq_time("2026-+1-01", &t), 0);
	assert_int_equal(trailq_time("2026-12-01T02:00:00", &t), 0);
	assert_int_equal(trailq_time("1969-12-31", &t), 0);
	assert_int_equal(trailq_time("", &t), 0);
	assert_int_equal(trailq_time("yesterday", &t), 0);
	assert_int_equal(trailq_id("1", &t), 1);
	assert_int_equal(trailq_id("0", &t), 0);
	assert_int_equal(trailq_id("-1", &t), 0);
	assert_int_equal(trailq_id("1234567890123456789", &t), 0);
	assert_int_equal(trailq_word("clerk.thcs-nt"), 1);
	assert_int_equal(trailq_word("a b"), 0);
	assert_int_equal(trailq_word(""), 0);
	assert_int_equal(trailq_word("Nguyễn"), 0);
	assert_int_equal(trailq_word(
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
	    0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_cells),
		cmocka_unit_test(csv_records),
		cmocka_unit_test(filter_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
