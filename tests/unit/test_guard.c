/*
 * test_guard.c - guards over a hand-built form with a field of every
 * type: each operator on each value type, true and false at its edges,
 * absent values, precedence, and every compile error with its column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/guard.h"

enum {
	F_NAME, F_NOTE, F_AGE, F_SCORE, F_DOB, F_PURPOSE, F_LEVEL, F_TAGS,
	F_URGENT, F_CCCD, F_PHONE, F_EMAIL, F_SCHOOL, F_DOCS, F_COUNT,
	F_PAID, F_B,
	F__MAX
};

static struct option purposes[] = {
	{ "study", { "Học tập", "Study" } },
	{ "work", { "Việc làm", "Work" } },
	{ "it's", { "Khác", "Other" } },
};
static struct option levels[] = {
	{ "primary", { NULL, NULL } },
	{ "lower", { NULL, NULL } },
	{ "upper", { NULL, NULL } },
};
static struct option tagopts[] = {
	{ "a", { NULL, NULL } },
	{ "b", { NULL, NULL } },
	{ "c", { NULL, NULL } },
};

static struct field fields[F__MAX] = {
	[F_NAME] = { .id = "name", .type = FT_TEXT },
	[F_NOTE] = { .id = "note", .type = FT_TEXTAREA },
	[F_AGE] = { .id = "age", .type = FT_INTEGER },
	[F_SCORE] = { .id = "score", .type = FT_DECIMAL },
	[F_DOB] = { .id = "dob", .type = FT_DATE },
	[F_PURPOSE] = { .id = "purpose", .type = FT_SELECT,
	    .options = purposes, .noptions = 3 },
	[F_LEVEL] = { .id = "level", .type = FT_RADIO,
	    .options = levels, .noptions = 3 },
	[F_TAGS] = { .id = "tags", .type = FT_CHECKBOX,
	    .options = tagopts, .noptions = 3 },
	[F_URGENT] = { .id = "urgent", .type = FT_BOOLEAN },
	[F_CCCD] = { .id = "cccd", .type = FT_CCCD },
	[F_PHONE] = { .id = "phone", .type = FT_PHONE },
	[F_EMAIL] = { .id = "email", .type = FT_EMAIL },
	[F_SCHOOL] = { .id = "school", .type = FT_UNIT },
	[F_DOCS] = { .id = "docs", .type = FT_FILE },
	[F_COUNT] = { .id = "count", .type = FT_INTEGER },
	[F_PAID] = { .id = "paid", .type = FT_BOOLEAN },
	[F_B] = { .id = "b", .type = FT_BOOLEAN },
};

static const struct form form = {
	.id = "test", .file = "forms/test.xml",
	.fields = fields, .nfields = F__MAX,
};

static const char *const two_tags[] = { "a", "b" };

/* A record with every field present. */
static void
full(struct value *r)
{
	memset(r, 0, F__MAX * sizeof(*r));
	r[F_NAME] = (struct value){ .type = V_STR,
	    .s = "Nguyễn Văn A", .len = strlen("Nguyễn Văn A") };
	r[F_NOTE] = (struct value){ .type = V_STR, .s = "it's", .len = 4 };
	r[F_AGE] = (struct value){ .type = V_INT, .i = 30 };
	r[F_SCORE] = (struct value){ .type = V_DEC, .i = 75000 };	/* 7.5 */
	r[F_DOB] = (struct value){ .type = V_DATE,
	    .i = date_from_ymd(2010, 5, 20) };
	r[F_PURPOSE] = (struct value){ .type = V_STR, .s = "study", .len = 5 };
	r[F_LEVEL] = (struct value){ .type = V_STR, .s = "lower", .len = 5 };
	r[F_TAGS] = (struct value){ .type = V_LIST, .list = two_tags,
	    .len = 2 };
	r[F_URGENT] = (struct value){ .type = V_BOOL, .i = 1 };
	r[F_CCCD] = (struct value){ .type = V_STR, .s = "001099012345",
	    .len = 12 };
	r[F_PHONE] = (struct value){ .type = V_STR, .s = "+84912345678",
	    .len = 12 };
	r[F_EMAIL] = (struct value){ .type = V_STR, .s = "a@b.vn", .len = 6 };
	r[F_SCHOOL] = (struct value){ .type = V_STR, .s = "000.00.31.H26",
	    .len = 13 };
	r[F_DOCS] = (struct value){ .type = V_FILES, .i = 2 };
	r[F_COUNT] = (struct value){ .type = V_INT, .i = 2 };
	r[F_PAID] = (struct value){ .type = V_BOOL, .i = 0 };
	r[F_B] = (struct value){ .type = V_BOOL, .i = 1 };
}

static struct guard *
compile_ok(const char *src)
{
	struct diags	 d = { 0 };
	struct guard	*g;

	g = guard_compile(src, &form, "wf.xml", 7, &d);
	if (g == NULL) {
		print_error("%s: %s\n", src, d.n ? d.v[0].msg : "?");
		fail();
	}
	assert_int_equal(d.n, 0);
	assert_string_equal(guard_source(g), src);
	diags_free(&d);
	return g;
}

static int
ev(const char *src, const struct value *rec)
{
	struct guard	*g = compile_ok(src);
	int		 r;

	r = guard_eval(g, rec);
	guard_free(g);
	return r;
}

struct case_ {
	const char	*src;
	int		 want;
};

static void
run_cases(const struct case_ *c, size_t n, const struct value *rec)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (ev(c[i].src, rec) != c[i].want) {
			print_error("%s: want %d\n", c[i].src, c[i].want);
			fail();
		}
}

#define RUN(cases, rec)	run_cases(cases, sizeof(cases) / sizeof(cases[0]), rec)

/* Exactly one diagnostic, at file:line, with this message. */
static void
err_at(const char *src, int line, const char *msg)
{
	struct diags	 d = { 0 };
	struct guard	*g;

	g = guard_compile(src, &form, "wf.xml", 7, &d);
	if (g != NULL || d.n != 1 || strcmp(d.v[0].msg, msg) != 0) {
		print_error("%s:\n  want %s\n  got  %s\n", src, msg,
		    d.n ? d.v[0].msg : "(compiled)");
		fail();
	}
	assert_string_equal(d.v[0].file, "wf.xml");
	assert_int_equal(d.v[0].line, line);
	diags_free(&d);
}

static void
err(const char *src, const char *msg)
{
	err_at(src, 7, msg);
}

/* ---- comparisons on every type ------------------------------------ */

static void
cmp_integer(void **state)
{
	static const struct case_ c[] = {
		{ "age = 30", 1 }, { "age = 29", 0 },
		{ "age != 29", 1 }, { "age != 30", 0 },
		{ "age < 31", 1 }, { "age < 30", 0 },
		{ "age <= 30", 1 }, { "age <= 29", 0 },
		{ "age > 29", 1 }, { "age > 30", 0 },
		{ "age >= 30", 1 }, { "age >= 31", 0 },
		{ "30 = age", 1 }, { "31 <= age", 0 },
		{ "age > -1", 1 }, { "age < -1", 0 },
		{ "age = count", 0 }, { "age > count", 1 },
		{ "count(tags) = count", 1 }, { "count(tags) > 2", 0 },
		{ "count >= 2", 1 },
		{ "age = 9223372036854775807", 0 },
		{ "age > -9223372036854775807", 1 },
	};
	struct value	 r[F__MAX];

	(void)state;
	full(r);
	RUN(c, r);
}

static void
cmp_decimal(void **state)
{
	static const struct case_ c[] = {
		{ "score = 7.5", 1 }, { "score = 7.5000", 1 },
		{ "score = 7.4999", 0 },
		{ "score != 7.4999", 1 }, { "score != 7.5", 0 },
		{ "score < 7.5001", 1 }, { "score < 7.5", 0 },
		{ "score <= 7.5", 1 }, { "score <= 7.4999", 0 },
		{ "score > 7.4999", 1 }, { "score > 7.5", 0 },
		{ "score >= 7.5", 1 }, { "score >= 7.5001", 0 },
		{ "score < 8", 1 }, { "score > 7", 1 }, { "7 > score", 0 },
		{ "score > -0.5", 1 }, { "score in (1, 7.5)", 1 },
		{ "score in (7, 8)", 0 },
	};
	struct value	 r[F__MAX];

	(void)state;
	full(r);
	RUN(c, r);
}

static void
cmp_date(void **state)
{
	static const struct case_ c[] = {
		{ "dob = '2010-05-20'", 1 }, { "dob = '2010-05-21'", 0 },
		{ "dob != '2010-05-21'", 1 }, { "dob != '2010-05-20'", 0 },
		{ "dob < '2010-05-21'", 1 }, { "dob < '2010-05-20'", 0 },
		{ "dob <= '2010-05-20'", 1 }, { "dob <= '2010-05-19'", 0 },
		{ "dob > '2010-05-19'", 1 }, { "dob > '2010-05-20'", 0 },
		{ "dob >= '2010-05-20'", 1 }, { "dob >= '2011-01-01'", 0 },
		{ "'2010-05-19' < dob", 1 }, { "'2010-05-20' < dob", 0 },
		{ "dob = dob", 1 },
		{ "dob in ('2009-01-01', '2010-05-20')", 1 },
		{ "dob in ('2009-01-01')", 0 },
		{ "dob > '2008-02-29'", 1 },
	};
	struct value	 r[F__MAX];

	(void)state;
	full(r);
	RUN(c, r);
}

static void
cmp_string(void **state)
{
	static const struct case_ c[] = {
		{ "name = 'Nguyễn Văn A'", 1 }, { "name = 'Nguyen Van A'", 0 },
		{ "name != 'Nguyen Van A'", 1 }, { "name != 'Nguyễn Văn A'", 0 },
		{ "name < 'Nguyễn Văn B'", 1 }, { "name < 'Nguyễn Văn A'", 0 },
		{ "name <= 'Nguyễn Văn A'", 1 }, { "name <= 'Nguyễn'", 0 },
		{ "name > 'Nguyễn'", 1 }, { "name > 'Nguyễn Văn A '", 0 },
		{ "name >= 'Nguyễn Văn A'", 1 }, { "name >= 'Nguyễo'", 0 },
		/* bytes: 'ễ' (e1 bb 85) sorts after every ASCII letter */
		{ "name > 'Nguyez'", 1 },
		{ "name > ''", 1 }, { "name = ''", 0 },
		{ "note = 'it''s'", 1 }, { "note = 'its'", 0 },
		{ "name = note", 0 }, { "name != note", 1 },
		{ "name in ('x', 'Nguyễn Văn A')", 1 },
		{ "name in ('x', 'Nguyễn Văn')", 0 },
		{ "cccd = '001099012345'", 1 }, { "cccd < '001099012344'", 0 },
		{ "phone = '+84912345678'", 1 }, { "phone = '0912345678'", 0 },
		{ "email = 'a@b.vn'", 1 }, { "email != 'a@b.vn'", 0 },
		{ "school = '000.00.31.H26'", 1 }, { "school = phone", 0 },
		{ "'b' > 'a'", 1 }, { "'a' = 'b'", 0 },
	};
	struct value	 r[F__MAX];

	(void)state;
	full(r);
	RUN(c, r);
}

static void
cmp_options(void **state)
{
	static const struct case_ c[] = {
		{ "purpose = 'study'", 1 }, { "purpose = 'work'", 0 },
		{ "purpose != 'work'", 1 }, { "purpose != 'study'", 0 },
		{ "'study' = purpose", 1 }, { "purpose = 'it''s'", 0 },
		{ "purpose < 'work'", 1 }, { "purpose > 'work'", 0 },
		{ "level in ('lower', 'upper')", 1 },
		{ "level in ('primary', 'upper')", 0 },
		{ "not level in ('primary')", 1 },
		{ "purpose = level", 0 },
	};
	struct value	 r[F__MAX];

	(void)state;
	full(r);
	RUN(c, r);
}

static void
cmp_boolean(void **state)
{
	static const struct case_ c[] = {
		{ "urgent", 1 }, { "paid", 0 },
		{ "urgent = true", 1 }, { "urgent = false", 0 },
		{ "urgent != false", 1 }, { "urgent != true", 0 },
		{ "paid = false", 1 }, { "urgent = paid", 0 },
		{ "urgent != paid", 1 }, { "true", 1 }, { "false", 0 },
		{ "urgent in (true)", 1 }, { "paid in (true)", 0 },
		{ "(age = 30) = true", 1 }, { "empty(name) = urgent", 0 },
		{ "has(tags, 'a') != paid", 1 },
	};
	struct value	 r[F__MAX];

	(void)state;
	full(r);
	RUN(c, r);
}

static void
in_lists(void **state)
{
	static const struct case_ c[] = {
		{ "age in (30)", 1 }, { "age in (1, 2, 30)", 1 },
		{ "age in (1, 2, 3)", 0 }, { "age in (-30)", 0 },
		{ "count(docs) in (0, 2)", 1 }, { "count(docs) in (1)", 0 },
		{ "age in(30)and urgent", 1 },
	};
	struct value	 r[F__MAX];

	(void)state;
	full(r);
	RUN(c, r);
}

/* ---- logic -------------------------------------------------------- */

static void
logic(void **state)
{
	static const struct case_ c[] = {
		{ "urgent and b", 1 }, { "urgent and paid", 0 },
		{ "paid and urgent", 0 }, { "paid and paid", 0 },
		{ "urgent or paid", 1 }, { "paid or urgent", 1 },
		{ "urgent or b", 1 }, { "paid or paid", 0 },
		{ "not paid", 1 }, { "not urgent", 0 },
		{ "not not urgent", 1 }, { "not (urgent)", 0 },
		/* and binds tighter than or, not tighter than and */
		{ "urgent or paid and paid", 1 },
		{ "(urgent or paid) and paid", 0 },
		{ "paid and paid or urgent", 1 },
		{ "paid and (paid or urgent)", 0 },
		{ "not urgent and paid", 0 },
		{ "not paid and urgent", 1 },
		{ "not (paid and urgent)", 1 },
		{ "not urgent or urgent", 1 },
		{ "not age = 30", 0 }, { "not age = 31", 1 },
		{ "paid or paid or paid or urgent", 1 },
		{ "paid or paid or paid or paid", 0 },
		{ "urgent and b and urgent and b", 1 },
		{ "urgent and b and urgent and paid", 0 },
		{ "paid and urgent or b and paid or urgent and b", 1 },
		{ "paid and urgent or b and paid or urgent and paid", 0 },
		{ "((((urgent))))", 1 },
		{ "age > 18 and purpose = 'study' and not empty(docs)", 1 },
		{ "age>18 and(purpose='work'or has(tags,'b'))", 1 },
		{ "age = 30\n\tand\r\nurgent", 1 },
	};
	struct value	 r[F__MAX];

	(void)state;
	full(r);
	RUN(c, r);
}

/* ---- empty(), count(), has() -------------------------------------- */

static void
functions(void **state)
{
	static const struct case_ present[] = {
		{ "empty(name)", 0 }, { "empty(age)", 0 }, { "empty(score)", 0 },
		{ "empty(dob)", 0 }, { "empty(purpose)", 0 },
		{ "empty(tags)", 0 }, { "empty(urgent)", 0 },
		{ "empty(paid)", 0 }, { "empty(docs)", 0 },
		{ "count(tags) = 2", 1 }, { "count(tags) = 1", 0 },
		{ "count(docs) >= 2", 1 }, { "count(docs) > 2", 0 },
		{ "has(tags, 'a')", 1 }, { "has(tags, 'b')", 1 },
		{ "has(tags, 'c')", 0 }, { "not has(tags, 'c')", 1 },
		{ "has ( tags , 'a' )", 1 }, { "empty (name)", 0 },
		{ "count > 1", 1 }, { "count(docs) = count", 1 },
	};
	static const struct case_ emptied[] = {
		{ "empty(name)", 1 }, { "empty(tags)", 1 }, { "empty(docs)", 1 },
		{ "count(tags) = 0", 1 }, { "count(docs) = 0", 1 },
		{ "has(tags, 'a')", 0 }, { "count(tags) > 0", 0 },
		{ "name = ''", 1 }, { "name < 'a'", 1 },
	};
	struct value	 r[F__MAX];

	(void)state;
	full(r);
	RUN(present, r);
	r[F_NAME].s = "";
	r[F_NAME].len = 0;
	r[F_TAGS].len = 0;
	r[F_DOCS].i = 0;
	RUN(emptied, r);
}

/* ---- absent values ------------------------------------------------ */

static void
absent(void **state)
{
	static const struct case_ c[] = {
		{ "age = 1", 0 }, { "age != 1", 1 }, { "age < 1", 0 },
		{ "age <= 1", 0 }, { "age > 1", 0 }, { "age >= 1", 0 },
		{ "1 = age", 0 }, { "1 != age", 1 },
		{ "score = 1.5", 0 }, { "score != 1.5", 1 },
		{ "dob < '2030-01-01'", 0 }, { "dob != '2030-01-01'", 1 },
		{ "name = ''", 0 }, { "name >= ''", 0 }, { "name != ''", 1 },
		{ "purpose = 'study'", 0 }, { "purpose != 'study'", 1 },
		{ "urgent", 0 }, { "not urgent", 1 }, { "urgent = false", 0 },
		{ "urgent != true", 1 }, { "age = count", 0 },
		{ "age != count", 1 }, { "age in (1, 2)", 0 },
		{ "not age in (1, 2)", 1 }, { "not age = 1", 1 },
		{ "has(tags, 'a')", 0 }, { "count(tags) = 0", 1 },
		{ "count(docs) = 0", 1 },
		{ "empty(name)", 1 }, { "empty(age)", 1 }, { "empty(score)", 1 },
		{ "empty(dob)", 1 }, { "empty(tags)", 1 }, { "empty(urgent)", 1 },
		{ "empty(docs)", 1 }, { "empty(school)", 1 },
	};
	struct value	 r[F__MAX];
	size_t		 i;

	(void)state;
	memset(r, 0, sizeof(r));	/* all V_NONE */
	RUN(c, r);
	/* No record at all: every field absent. */
	RUN(c, NULL);
	/* A value of the wrong type counts as absent. */
	for (i = 0; i < F__MAX; i++)
		r[i] = (struct value){ .type = V_STR, .s = "1", .len = 1 };
	r[F_NAME] = r[F_PURPOSE] = r[F_SCHOOL] =
	    (struct value){ .type = V_INT, .i = 1 };
	RUN(c, r);
}

/* ---- compile errors ----------------------------------------------- */

static void
errors_names_and_types(void **state)
{
	(void)state;
	err("nope = 1", "guard: unknown field \"nope\" at column 1");
	err("age = 1 and nope", "guard: unknown field \"nope\" at column 13");
	err("purpose = 'abc'",
	    "guard: 'abc' is not an option of field purpose at column 11");
	err("'abc' = purpose",
	    "guard: 'abc' is not an option of field purpose at column 1");
	err("purpose in ('study', 'nope')",
	    "guard: 'nope' is not an option of field purpose at column 22");
	err("level = ''",
	    "guard: '' is not an option of field level at column 9");
	err("age = 'x'", "guard: cannot compare integer with string at column 5");
	err("name = age", "guard: cannot compare string with integer at column 6");
	err("age = 1.5",
	    "guard: cannot compare integer with decimal at column 5");
	err("age in (1, 1.5)",
	    "guard: cannot compare integer with decimal at column 12");
	err("1 in (1.5)", "guard: cannot compare integer with decimal at column 7");
	err("dob = 20100520", "guard: cannot compare date with integer at column 5");
	err("dob = name", "guard: cannot compare date with string at column 5");
	err("urgent = 1",
	    "guard: cannot compare boolean with integer at column 8");
	err("score = true",
	    "guard: cannot compare decimal with boolean at column 7");
	err("urgent < true", "guard: cannot use < on booleans at column 8");
	err("paid >= urgent", "guard: cannot use >= on booleans at column 6");
	err("dob = '2010-02-30'",
	    "guard: '2010-02-30' is not a date (YYYY-MM-DD) at column 7");
	err("dob in ('2010-01-01', '1.1.2010')",
	    "guard: '1.1.2010' is not a date (YYYY-MM-DD) at column 23");
	err("age", "guard: field age (integer) is not a condition at column 1");
	err("urgent and name",
	    "guard: field name (string) is not a condition at column 12");
	err("1", "guard: integer is not a condition at column 1");
	err("count(tags)", "guard: integer is not a condition at column 1");
	err("tags = 'a'", "guard: field tags (checkbox) only works in has(), "
	    "empty() and count() at column 1");
	err("tags", "guard: field tags (checkbox) only works in has(), "
	    "empty() and count() at column 1");
	err("docs > 0", "guard: field docs (file) only works in empty() and "
	    "count() at column 1");
	err("1 = docs", "guard: field docs (file) only works in empty() and "
	    "count() at column 5");
	err("tags in ('a')", "guard: field tags (checkbox) only works in "
	    "has(), empty() and count() at column 1");
	err("has(purpose, 'study')",
	    "guard: has() takes a checkbox field at column 5");
	err("has(tags, 'z')",
	    "guard: 'z' is not an option of field tags at column 11");
	err("count(age) > 1",
	    "guard: count() takes a checkbox or file field at column 7");
	err("empty(nope)", "guard: unknown field \"nope\" at column 7");
	err("empty(1)", "guard: expected a field name at column 7");
	err("empty(name", "guard: expected ')' at column 11");
	err("has(tags 'a')", "guard: expected ',' at column 10");
	err("has(tags, x)", "guard: expected a string at column 11");
	/* a field called like a function is a field when no "(" follows */
	err("count = 'x'", "guard: cannot compare integer with string at column 7");
}

static void
errors_syntax(void **state)
{
	struct diags	 d = { 0 };

	(void)state;
	err("", "guard: empty guard at column 1");
	err("   ", "guard: empty guard at column 4");
	err("(age = 1", "guard: expected ')' at column 9");
	err("((age = 1) or urgent", "guard: expected ')' at column 21");
	err("age = 1)", "guard: unexpected \")\" at column 8");
	err("age = 1 age", "guard: unexpected \"age\" at column 9");
	err("urgent 'x'", "guard: unexpected 'x' at column 8");
	err("urgent 12", "guard: unexpected \"12\" at column 8");
	err("name = 'abc", "guard: unterminated string at column 8");
	err("name = 'abc''", "guard: unterminated string at column 8");
	err("age =", "guard: expected a value at column 6");
	err("age = )", "guard: expected a value at column 7");
	err("age = 1 and", "guard: expected a condition at column 12");
	err("()", "guard: expected a condition at column 2");
	err("not", "guard: expected a condition at column 4");
	err("age in (1, age)", "guard: expected a literal at column 12");
	err("age in ()", "guard: expected a literal at column 9");
	err("age in (1 2)", "guard: expected ',' or ')' at column 11");
	err("age in (1,", "guard: expected a literal at column 11");
	err("age in 1", "guard: expected '(' at column 8");
	err("age == 1", "guard: use = to compare, not == at column 5");
	err("age = 1 && urgent", "guard: unexpected character '&' at column 9");
	err("urgent # x", "guard: unexpected character '#' at column 8");
	err("\"x\" = name", "guard: unexpected character '\"' at column 1");
	err("age = 1\x01", "guard: unexpected byte 0x01 at column 8");
	err("12abc", "guard: bad number at column 1");
	err("age = 1.", "guard: bad number at column 7");
	err("age = 1.2.3", "guard: bad number at column 7");
	err("age = 1-2", "guard: bad number at column 7");
	err("score = 1.23456",
	    "guard: more than 4 decimal places at column 9");
	err("age = 9223372036854775808",
	    "guard: number out of range at column 7");
	err("score = 922337203685477.5808",
	    "guard: number out of range at column 9");
	err("score = 922337203685478",
	    "guard: number out of range at column 9");
	err("age = - 1", "guard: unexpected character '-' at column 7");
	err("and", "guard: expected a condition at column 1");
	err("urgent and or paid", "guard: expected a condition at column 12");
	/* columns count characters, not bytes */
	err("name = 'Nguyễn' and nope",
	    "guard: unknown field \"nope\" at column 21");
	/* a line break moves the line on and the column back */
	err_at("age = 1\nand nope", 8, "guard: unknown field \"nope\" at column 5");
	err_at("urgent and\n\n  (paid", 9, "guard: expected ')' at column 8");
	/* no form: every field is unknown */
	assert_null(guard_compile("age = 1", NULL, "x.xml", 3, &d));
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].msg,
	    "guard: unknown field \"age\" at column 1");
	diags_free(&d);
	assert_null(guard_compile(NULL, &form, "x.xml", 3, &d));
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].msg, "guard: empty guard at column 1");
	diags_free(&d);
}

/* A long name is cut in the message, at a character boundary. */
static void
errors_long_names(void **state)
{
	char	 src[128], msg[256];

	(void)state;
	snprintf(src, sizeof(src), "%s = 1",
	    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz");
	err(src, "guard: unknown field "
	    "\"abcdefghijklmnopqrstuvwxyzabcdefghijklmn\" at column 1");
	snprintf(src, sizeof(src), "purpose = '%s'",
	    "ễễễễễễễễễễễễễễễễễễễễ");
	snprintf(msg, sizeof(msg), "guard: '%s is not an option of field "
	    "purpose at column 11", "ễễễễễễễễễễễễễ");
	err(src, msg);
}

/* ---- limits ------------------------------------------------------- */

static char *
repeat(const char *head, const char *unit, size_t n, const char *tail)
{
	size_t	 len = strlen(head) + strlen(unit) * n + strlen(tail) + 1;
	char	*s, *p;

	assert_non_null(s = malloc(len));
	p = stpcpy(s, head);
	while (n-- > 0)
		p = stpcpy(p, unit);
	strcpy(p, tail);
	return s;
}

static void
limits_depth(void **state)
{
	char		*a, *b, *src;
	struct guard	*g;

	(void)state;
	/* 32 levels of parentheses compile, 33 do not. */
	a = repeat("", "(", 32, "b");
	b = repeat("", ")", 32, "");
	assert_non_null(src = malloc(strlen(a) + strlen(b) + 1));
	strcpy(stpcpy(src, a), b);
	g = compile_ok(src);
	assert_int_equal(guard_eval(g, NULL), 0);
	guard_free(g);
	free(a), free(b), free(src);
	a = repeat("", "(", 33, "b");
	b = repeat("", ")", 33, "");
	assert_non_null(src = malloc(strlen(a) + strlen(b) + 1));
	strcpy(stpcpy(src, a), b);
	err(src, "guard: nesting deeper than 32 at column 33");
	free(a), free(b), free(src);

	/* "not" nests too. */
	src = repeat("", "not ", 32, "b");
	assert_int_equal(ev(src, NULL), 0);	/* 32 nots of false */
	free(src);
	src = repeat("", "not ", 33, "b");
	err(src, "guard: nesting deeper than 32 at column 129");
	free(src);
	/* Open parentheses and nots add up. */
	a = repeat("", "not (", 16, "b");
	b = repeat("", ")", 16, "");
	assert_non_null(src = malloc(strlen(a) + strlen(b) + 1));
	strcpy(stpcpy(src, a), b);
	assert_int_equal(ev(src, NULL), 0);
	free(a), free(b), free(src);
	a = repeat("(", "not (", 16, "b");
	b = repeat(")", ")", 16, "");
	assert_non_null(src = malloc(strlen(a) + strlen(b) + 1));
	strcpy(stpcpy(src, a), b);
	err(src, "guard: nesting deeper than 32 at column 81");
	free(a), free(b), free(src);

	/* A long chain is not nesting. */
	src = repeat("b", " and b", 150, "");
	assert_int_equal(strlen(src), 901);
	err(src, "guard: more than 256 nodes at column 765");
	free(src);
	src = repeat("b", " and b", 100, "");
	assert_int_equal(ev(src, NULL), 0);
	free(src);
}

static void
limits_nodes_and_length(void **state)
{
	struct value	 r[F__MAX];
	char		*src;

	(void)state;
	full(r);
	/* 128 operands and 127 "or": 255 nodes; one "not" more: 256. */
	src = repeat("not b", " or b", 127, "");
	assert_int_equal(ev(src, r), 1);
	r[F_B].i = 0;
	assert_int_equal(ev(src, r), 1);
	free(src);
	src = repeat("b", " or b", 126, " or not b");
	assert_int_equal(ev(src, r), 1);
	free(src);
	src = repeat("b", " or b", 126, " or urgent");
	r[F_URGENT].i = 0;
	assert_int_equal(ev(src, r), 0);
	r[F_URGENT].i = 1;
	assert_int_equal(ev(src, r), 1);
	free(src);
	/* 129 operands: the 128th "or" is node 257. */
	src = repeat("b", " or b", 128, "");
	err(src, "guard: more than 256 nodes at column 638");
	free(src);
	/* in-lists count their literals. */
	src = repeat("age in (0", ",1", 253, ")");
	assert_int_equal(ev(src, r), 0);
	free(src);
	src = repeat("age in (0", ",1", 254, ")");
	err(src, "guard: more than 256 nodes at column 517");
	free(src);

	/* 1000 bytes of source compile, 1001 do not. */
	full(r);
	src = repeat("b", " ", 999 - 1, " ");
	assert_int_equal(strlen(src), 1000);
	assert_int_equal(ev(src, r), 1);
	free(src);
	src = repeat("b", " ", 1000 - 1, " ");
	err(src, "guard: longer than 1000 bytes at column 1001");
	free(src);
}

/* ---- the rest of the interface ------------------------------------ */

static void
interface(void **state)
{
	struct value	 r[F__MAX];
	struct guard	*g;

	(void)state;
	full(r);
	/* No guard: always true. */
	assert_int_equal(guard_eval(NULL, r), 1);
	assert_string_equal(guard_source(NULL), "");
	/* The source is the guard's own copy. */
	g = compile_ok("  purpose = 'study'  ");
	assert_string_equal(guard_source(g), "  purpose = 'study'  ");
	assert_int_equal(guard_eval(g, r), 1);
	/* Evaluation reads the record, not a cache. */
	r[F_PURPOSE].s = "work";
	r[F_PURPOSE].len = 4;
	assert_int_equal(guard_eval(g, r), 0);
	guard_free(g);
	guard_free(NULL);
}

/* Every diagnostic is kept, guards add to what is there. */
static void
diagnostics_accumulate(void **state)
{
	struct diags	 d = { 0 };
	struct guard	*g;

	(void)state;
	assert_null(guard_compile("nope", &form, "a.xml", 1, &d));
	assert_null(guard_compile("age =", &form, "b.xml", 2, &d));
	g = guard_compile("age = 1", &form, "c.xml", 3, &d);
	assert_non_null(g);
	guard_free(g);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].file, "a.xml");
	assert_int_equal(d.v[1].line, 2);
	diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cmp_integer),
		cmocka_unit_test(cmp_decimal),
		cmocka_unit_test(cmp_date),
		cmocka_unit_test(cmp_string),
		cmocka_unit_test(cmp_options),
		cmocka_unit_test(cmp_boolean),
		cmocka_unit_test(in_lists),
		cmocka_unit_test(logic),
		cmocka_unit_test(functions),
		cmocka_unit_test(absent),
		cmocka_unit_test(errors_names_and_types),
		cmocka_unit_test(errors_syntax),
		cmocka_unit_test(errors_long_names),
		cmocka_unit_test(limits_depth),
		cmocka_unit_test(limits_nodes_and_length),
		cmocka_unit_test(interface),
		cmocka_unit_test(diagnostics_accumulate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
