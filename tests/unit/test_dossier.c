/*
 * test_dossier.c - the pure rules of dossiers (core/dossier.h): times in
 * Vietnam, codes, the Idempotency-Key, PINs, who holds a dossier, the
 * paused clock and due dates over the Vietnam calendar, who may see a
 * dossier, status names, and stored data read back as a record.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"
#include "core/calendar.h"
#include "core/dossier.h"
#include "core/validate.h"
#include "core/wf.h"

#define VIETNAM		"calendar/vietnam.xml"

/* 2026-12-01 (a Tuesday) 09:00 in Vietnam, and others, in Unix time. */
#define TUE_0900	1796090400
#define TUE_1000	1796094000
#define WED_1000	1796180400
#define THU_0900	1796263200
#define FRI_0900	1796349600
#define HOUR		3600

/* ---- time ------------------------------------------------------------ */

static void
test_time(void **state)
{
	char	buf[DOSSIER_TIME_LEN + 1];
	int64_t	t;

	(void)state;
	dossier_time_format(TUE_0900, buf);
	assert_string_equal(buf, "2026-12-01T09:00:00+07:00");
	dossier_time_format(0, buf);
	assert_string_equal(buf, "1970-01-01T07:00:00+07:00");
	dossier_time_format(-1, buf);
	assert_string_equal(buf, "1970-01-01T06:59:59+07:00");
	assert_int_equal(dossier_time_parse("2026-12-01T09:00:00+07:00", &t),
	    0);
	assert_int_equal(t, TUE_0900);
	assert_int_equal(dossier_time_parse("2026-12-01T09:00", &t), 0);
	assert_int_equal(t, TUE_0900);
	assert_int_equal(dossier_time_parse("2026-12-01T02:00:00Z", &t), 0);
	assert_int_equal(t, TUE_0900);
	assert_int_equal(dossier_time_parse("2026-12-01T09:00:30", &t), 0);
	assert_int_equal(t, TUE_0900 + 30);
	assert_int_equal(dossier_time_parse("2026-12-01 09:00", &t), -1);
	assert_int_equal(dossier_time_parse("2026-12-01T24:00", &t), -1);
	assert_int_equal(dossier_time_parse("2026-12-01T09:60", &t), -1);
	assert_int_equal(dossier_time_parse("2026-02-30T09:00", &t), -1);
	assert_int_equal(dossier_time_parse("2026-12-01T09:00+08:00", &t),
	    -1);
	assert_int_equal(dossier_time_parse("2026-12-01T09", &t), -1);
	assert_int_equal(dossier_time_parse("", &t), -1);
	/* The Vietnam date turns at 17:00 UTC. */
	assert_int_equal(dossier_vn_day(TUE_0900 - 9 * HOUR - 1),
	    dossier_vn_day(TUE_0900) - 1);
	assert_int_equal(dossier_vn_day(TUE_0900 - 9 * HOUR),
	    dossier_vn_day(TUE_0900));
	assert_int_equal(dossier_time_of_minutes(dossier_minutes(TUE_0900)),
	    TUE_0900);
	assert_int_equal(dossier_minutes(-1), -1 + 7 * 60);
}

static void
test_open_at(void **state)
{
	struct window	 w[] = { { 6, 1, 8, 15 }, { 12, 15, 1, 15 } };
	struct workflow	 wf;

	(void)state;
	memset(&wf, 0, sizeof(wf));
	assert_int_equal(dossier_open_at(&wf, TUE_0900), 1);
	wf.windows = w;
	wf.nwindows = 2;
	assert_int_equal(dossier_open_at(&wf, TUE_0900), 0);
	/* 14 December 23:59 and 15 December 00:00 in Vietnam. */
	assert_int_equal(dossier_open_at(&wf, TUE_0900 + 13 * 86400 +
	    15 * HOUR - 60), 0);
	assert_int_equal(dossier_open_at(&wf, TUE_0900 + 13 * 86400 +
	    15 * HOUR), 1);
}

/* ---- codes and keys --------------------------------------------------- */

static void
test_code(void **state)
{
	char	buf[DOSSIER_CODE_MAX + 1], small[20], unit[64 + 1];

	(void)state;
	assert_int_equal(dossier_code_format(buf, sizeof(buf),
	    "000.00.31.H26", TUE_0900, 1), 0);
	assert_string_equal(buf, "000.00.31.H26-261201-0001");
	assert_int_equal(dossier_code_format(buf, sizeof(buf), "H26",
	    TUE_0900 - 10 * HOUR, 9999), 0);
	assert_string_equal(buf, "H26-261130-9999");
	assert_int_equal(dossier_code_format(buf, sizeof(buf), "H26",
	    TUE_0900, 0), -1);
	/* Past 9999 the number widens, up to DOSSIER_SEQ_MAX. */
	assert_int_equal(dossier_code_format(buf, sizeof(buf), "H26",
	    TUE_0900, 10000), 0);
	assert_string_equal(buf, "H26-261201-10000");
	assert_int_equal(dossier_code_format(buf, sizeof(buf), "H26",
	    TUE_0900, DOSSIER_SEQ_MAX), 0);
	assert_string_equal(buf, "H26-261201-99999999");
	assert_int_equal(dossier_code_shape(buf), 1);
	assert_int_equal(dossier_code_format(buf, sizeof(buf), "H26",
	    TUE_0900, DOSSIER_SEQ_MAX + 1), -1);
	/* The longest unit code and number fill DOSSIER_CODE_MAX. */
	memset(unit, 'A', sizeof(unit) - 1);
	unit[sizeof(unit) - 1] = '\0';
	assert_int_equal(dossier_code_format(buf, sizeof(buf), unit,
	    TUE_0900, DOSSIER_SEQ_MAX), 0);
	assert_int_equal(strlen(buf), DOSSIER_CODE_MAX);
	assert_int_equal(dossier_code_shape(buf), 1);
	assert_int_equal(dossier_code_format(buf, sizeof(buf), "h26",
	    TUE_0900, 1), -1);
	assert_int_equal(dossier_code_format(buf, sizeof(buf), "A..B",
	    TUE_0900, 1), -1);
	assert_int_equal(dossier_code_format(buf, sizeof(buf), "",
	    TUE_0900, 1), -1);
	assert_int_equal(dossier_code_format(small, sizeof(small),
	    "000.00.31.H26", TUE_0900, 1), -1);
	/* Years beyond YY: refused rather than ambiguous. */
	assert_int_equal(dossier_code_format(buf, sizeof(buf), "H26",
	    4102444800LL, 1), -1);

	assert_int_equal(dossier_code_shape("000.00.31.H26-261201-0001"), 1);
	assert_int_equal(dossier_code_shape("H26-261201-0001"), 1);
	assert_int_equal(dossier_code_shape("H26-261201-001"), 0);
	assert_int_equal(dossier_code_shape("H26-261201-10000"), 1);
	assert_int_equal(dossier_code_shape("H26-261201-12345678"), 1);
	assert_int_equal(dossier_code_shape("H26-261201-123456789"), 0);
	assert_int_equal(dossier_code_shape("H26-261201-01000"), 0);
	assert_int_equal(dossier_code_shape("H26-261201-1000a"), 0);
	assert_int_equal(dossier_code_shape("H26-2612011-0001"), 0);
	assert_int_equal(dossier_code_shape("H26-26120-10001"), 0);
	assert_int_equal(dossier_code_shape("H26--261201-0001"), 0);
	assert_int_equal(dossier_code_shape("261201-0001"), 0);
	assert_int_equal(dossier_code_shape("H26-26120a-0001"), 0);
	assert_int_equal(dossier_code_shape("h26-261201-0001"), 0);
	assert_int_equal(dossier_code_shape("-261201-0001"), 0);
	assert_int_equal(dossier_code_shape("H26_261201-0001"), 0);
	assert_int_equal(dossier_code_shape(""), 0);
}

static void
test_idem_key(void **state)
{
	char	k[80];

	(void)state;
	assert_int_equal(dossier_idem_key_shape("k1"), 1);
	assert_int_equal(dossier_idem_key_shape(
	    "0b9c6f1e-4b8e-4a57-9f55-5a1b2c3d4e5f"), 1);
	assert_int_equal(dossier_idem_key_shape(""), 0);
	assert_int_equal(dossier_idem_key_shape("a b"), 0);
	assert_int_equal(dossier_idem_key_shape("a\tb"), 0);
	assert_int_equal(dossier_idem_key_shape("\x7f"), 0);
	assert_int_equal(dossier_idem_key_shape("kh\xc3\xb3"), 0);
	memset(k, 'x', 64);
	k[64] = '\0';
	assert_int_equal(dossier_idem_key_shape(k), 1);
	k[64] = 'x';
	k[65] = '\0';
	assert_int_equal(dossier_idem_key_shape(k), 0);
}

static void
test_pin(void **state)
{
	const char	*code = "000.00.31.H26-261129-0001";
	const char	*salt = "00112233445566778899aabbccddeeff";
	unsigned char	 h[32];
	char		 pin[PIN_LEN + 1], again[PIN_LEN + 1];

	(void)state;
	/* HMAC-SHA-256(k1, code ":" salt): its first 8 bytes mod 10^6. */
	dossier_pin("k1", code, salt, pin);
	assert_string_equal(pin, "642885");
	dossier_pin("k1", code, salt, again);
	assert_string_equal(pin, again);
	dossier_pin("k2", code, salt, again);
	assert_string_not_equal(pin, again);
	dossier_pin("k1", code, "00112233445566778899aabbccddeef0", again);
	assert_string_not_equal(pin, again);
	assert_int_equal(dossier_pin_shape(pin), 1);
	assert_int_equal(dossier_pin_shape("12345"), 0);
	assert_int_equal(dossier_pin_shape("1234567"), 0);
	assert_int_equal(dossier_pin_shape("12345a"), 0);
	assert_int_equal(dossier_pin_shape(""), 0);

	dossier_pin_hash(code, "123456", h);
	assert_int_equal(h[0], 0x5b);
	assert_int_equal(h[31], 0xfa);
	assert_int_equal(dossier_pin_check(code, "123456", h), 1);
	assert_int_equal(dossier_pin_check(code, "123457", h), 0);
	assert_int_equal(dossier_pin_check("000.00.31.H26-261129-0002",
	    "123456", h), 0);
}

/* ---- holders ---------------------------------------------------------- */

static struct field hfields[] = {
	{ .id = "school", .type = FT_UNIT, .unit_kind = UK_SCHOOL },
	{ .id = "note", .type = FT_TEXT },
};
static const struct form hform = { .id = "f", .fields = hfields,
    .nfields = 2 };

static void
test_holder(void **state)
{
	struct value	 rec[2];
	struct holder	 h;
	const char	*code;
	enum unit_kind	 kind = UK_SCHOOL;

	(void)state;
	memset(rec, 0, sizeof(rec));
	memset(&h, 0, sizeof(h));
	h.kind = HOLD_APPLICANT;
	assert_int_equal(dossier_holder_need(&h, &hform, rec, &code, &kind),
	    HN_APPLICANT);
	h.kind = HOLD_KIND;
	h.unit_kind = UK_DEPARTMENT;
	assert_int_equal(dossier_holder_need(&h, &hform, rec, &code, &kind),
	    HN_KIND);
	assert_int_equal(kind, UK_DEPARTMENT);
	h.kind = HOLD_FIELD;
	h.field = 0;
	/* No value yet. */
	assert_int_equal(dossier_holder_need(&h, &hform, rec, &code, &kind),
	    HN_ERROR);
	rec[0].type = V_STR;
	rec[0].s = "000.00.31.H26";
	rec[0].len = strlen(rec[0].s);
	assert_int_equal(dossier_holder_need(&h, &hform, rec, &code, &kind),
	    HN_UNIT);
	assert_string_equal(code, "000.00.31.H26");
	h.kind = HOLD_PARENT_OF_FIELD;
	assert_int_equal(dossier_holder_need(&h, &hform, rec, &code, &kind),
	    HN_PARENT);
	assert_string_equal(code, "000.00.31.H26");
	/* Not a unit field; out of range; a value of the wrong shape. */
	h.field = 1;
	rec[1] = rec[0];
	assert_int_equal(dossier_holder_need(&h, &hform, rec, &code, &kind),
	    HN_ERROR);
	h.field = 7;
	assert_int_equal(dossier_holder_need(&h, &hform, rec, &code, &kind),
	    HN_ERROR);
	h.field = 0;
	rec[0].s = "not a code";
	rec[0].len = strlen(rec[0].s);
	assert_int_equal(dossier_holder_need(&h, &hform, rec, &code, &kind),
	    HN_ERROR);
}

/* ---- the clock ---------------------------------------------------------- */

static void
test_clock(void **state)
{
	struct pauses	p;
	char		json[PAUSES_JSON_MAX];
	int		i;

	(void)state;
	memset(&p, 0, sizeof(p));
	assert_int_equal(dossier_paused(&p), 0);
	assert_int_equal(dossier_clock(&p, CLK_START, TUE_0900), 0);
	assert_int_equal(dossier_clock(&p, CLK_KEEP, TUE_0900), 0);
	assert_int_equal(p.n, 0);
	assert_int_equal(dossier_clock(&p, CLK_RESUME, TUE_1000), -1);
	assert_int_equal(dossier_clock(&p, CLK_PAUSE, TUE_1000), 0);
	assert_int_equal(dossier_paused(&p), 1);
	assert_int_equal(dossier_clock(&p, CLK_PAUSE, TUE_1000), -1);
	assert_int_equal(dossier_clock(&p, CLK_RESUME, TUE_1000 - 1), -1);
	dossier_pauses_json(&p, json);
	assert_string_equal(json, "[[1796094000,null]]");
	assert_int_equal(dossier_clock(&p, CLK_RESUME, WED_1000), 0);
	assert_int_equal(dossier_paused(&p), 0);
	dossier_pauses_json(&p, json);
	assert_string_equal(json, "[[1796094000,1796180400]]");
	/* Before the last interval ended: refused. */
	assert_int_equal(dossier_clock(&p, CLK_PAUSE, WED_1000 - 1), -1);
	/* A stop while running changes nothing; while paused, closes. */
	assert_int_equal(dossier_clock(&p, CLK_STOP, THU_0900), 0);
	assert_int_equal(p.n, 1);
	assert_int_equal(dossier_clock(&p, CLK_PAUSE, THU_0900), 0);
	assert_int_equal(dossier_clock(&p, CLK_STOP, FRI_0900), 0);
	assert_int_equal(p.n, 2);
	assert_int_equal(p.v[1].to, FRI_0900);
	assert_int_equal(dossier_clock(&p, 99, FRI_0900), -1);
	/* Bounded. */
	memset(&p, 0, sizeof(p));
	for (i = 0; i < PAUSES_MAX; i++) {
		assert_int_equal(dossier_clock(&p, CLK_PAUSE, 2 * i), 0);
		assert_int_equal(dossier_clock(&p, CLK_RESUME, 2 * i + 1), 0);
	}
	assert_int_equal(dossier_clock(&p, CLK_PAUSE, 2 * i), -1);
	assert_true(dossier_pauses_json(&p, json) < PAUSES_JSON_MAX);
}

static int
setup_vn(void **state)
{
	struct diags	d = { NULL, 0, 0 };

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
test_due(void **state)
{
	const struct calendar *cal = *state;
	struct workflow	 wf;
	struct pauses	 p;

	memset(&wf, 0, sizeof(wf));
	memset(&p, 0, sizeof(p));
	wf.deadline_days = 2;
	/* Tuesday 09:00 + 2 working days (960 min): Thursday 09:00. */
	assert_int_equal(dossier_due(cal, &wf, TUE_0900, &p), THU_0900);
	assert_int_equal(dossier_remaining(cal, TUE_0900, THU_0900, &p), 960);
	assert_int_equal(dossier_remaining(cal, THU_0900 + HOUR, THU_0900,
	    &p), -60);
	/* Paused from Tuesday 10:00: the due date is not known yet, the
	 * time left is frozen at the start of the pause. */
	assert_int_equal(dossier_clock(&p, CLK_PAUSE, TUE_1000), 0);
	assert_int_equal(dossier_due(cal, &wf, TUE_0900, &p), THU_0900);
	assert_int_equal(dossier_remaining(cal, FRI_0900, THU_0900, &p), 900);
	/* Resumed Wednesday 10:00: one working day later, Friday 09:00. */
	assert_int_equal(dossier_clock(&p, CLK_RESUME, WED_1000), 0);
	assert_int_equal(dossier_due(cal, &wf, TUE_0900, &p), FRI_0900);
	/* In hours. */
	wf.deadline_days = 0;
	wf.deadline_hours = 4;
	memset(&p, 0, sizeof(p));
	assert_int_equal(dossier_due(cal, &wf, TUE_0900, &p),
	    TUE_0900 + 5 * HOUR + 30 * 60);
	/* A year the calendar does not hold. */
	assert_int_equal(dossier_due(cal, &wf, 4102444800LL, &p), -1);
}

/* ---- access ------------------------------------------------------------- */

static void
test_access(void **state)
{
	struct access_facts a;

	(void)state;
	memset(&a, 0, sizeof(a));
	a.applicant_id = 5;
	a.holder_unit_id = 31;
	a.receiving_unit_id = 30;
	a.held_before = -1;

	a.viewer = VIEW_CITIZEN;
	a.user_id = 5;
	assert_int_equal(dossier_access(&a), ACC_ACT);
	a.user_id = 6;
	assert_int_equal(dossier_access(&a), ACC_NONE);
	a.user_id = 0;
	a.applicant_id = 0;
	assert_int_equal(dossier_access(&a), ACC_NONE);
	a.applicant_id = 5;

	a.viewer = VIEW_STAFF;
	a.user_id = 9;
	a.unit_id = 31;
	assert_int_equal(dossier_access(&a), ACC_ACT);
	a.unit_id = 30;
	assert_int_equal(dossier_access(&a), ACC_ACT);
	a.unit_id = 32;
	assert_int_equal(dossier_access(&a), ACC_HISTORY);
	a.held_before = 1;
	assert_int_equal(dossier_access(&a), ACC_ACT);
	a.held_before = 0;
	assert_int_equal(dossier_access(&a), ACC_NONE);
	a.unit_id = 0;
	a.holder_unit_id = 0;
	assert_int_equal(dossier_access(&a), ACC_NONE);

	a.viewer = VIEW_INSPECTOR;
	assert_int_equal(dossier_access(&a), ACC_READ);

	/* Partners: read-only, by scope, like staff of their unit. */
	a.viewer = VIEW_PARTNER;
	a.holder_unit_id = 31;
	a.unit_id = 0;
	a.held_before = -1;
	assert_int_equal(dossier_access(&a), ACC_NONE);
	a.may_read = 1;
	assert_int_equal(dossier_access(&a), ACC_STATUS);	/* no unit */
	a.unit_id = 31;
	assert_int_equal(dossier_access(&a), ACC_READ);
	a.unit_id = 32;
	assert_int_equal(dossier_access(&a), ACC_HISTORY);
	a.held_before = 0;
	assert_int_equal(dossier_access(&a), ACC_NONE);
	a.held_before = 1;
	assert_int_equal(dossier_access(&a), ACC_READ);
}

static void
test_status_names(void **state)
{
	int	s;

	(void)state;
	for (s = 1; s <= 10; s++) {
		assert_non_null(dossier_status_name(s));
		assert_non_null(dossier_status_name(s)->vi);
		assert_non_null(dossier_status_name(s)->en);
	}
	assert_string_equal(dossier_status_name(5)->vi,
	    "Yêu cầu bổ sung giấy tờ");
	assert_null(dossier_status_name(0));
	assert_null(dossier_status_name(11));
}

/* ---- stored data as a record --------------------------------------------- */

static struct option years[] = {
	{ "2023-2024", { NULL, NULL } }, { "2024-2025", { NULL, NULL } },
};
static struct option scopes[] = {
	{ "same-district", { NULL, NULL } }, { "other", { NULL, NULL } },
};
static struct field rfields[] = {
	{ .id = "grade", .type = FT_INTEGER },
	{ .id = "dob", .type = FT_DATE },
	{ .id = "years", .type = FT_CHECKBOX, .options = years,
	    .noptions = 2 },
	{ .id = "scope", .type = FT_RADIO, .options = scopes, .noptions = 2 },
	{ .id = "proof", .type = FT_FILE },
	{ .id = "ok", .type = FT_BOOLEAN },
	{ .id = "fee", .type = FT_DECIMAL },
	{ .id = "name", .type = FT_TEXT },
};
static const struct form rform = { .id = "r", .fields = rfields,
    .nfields = 8 };

static void
test_record(void **state)
{
	const struct input in[] = {
		{ "grade", "7", 1, NULL },
		{ "dob", "2012-09-26", 10, NULL },
		{ "years", "2024-2025", 9, NULL },
		{ "years", "2023-2024", 9, NULL },
		{ "years", "1999-2000", 9, NULL },
		{ "scope", "other", 5, NULL },
		{ "proof", NULL, 0, "a.pdf" },
		{ "proof", NULL, 0, "b.pdf" },
		{ "ok", "true", 4, NULL },
		{ "fee", "1.5000", 6, NULL },
		{ "unknown", "x", 1, NULL },
	};
	struct arena	*a = arena_new(4096);
	struct value	 rec[8];
	int64_t		 dob;

	(void)state;
	dossier_record(a, &rform, in, sizeof(in) / sizeof(in[0]), rec);
	assert_int_equal(rec[0].type, V_INT);
	assert_int_equal(rec[0].i, 7);
	assert_int_equal(rec[1].type, V_DATE);
	assert_int_equal(date_parse("2012-09-26", 10, &dob), 0);
	assert_int_equal(rec[1].i, dob);
	assert_int_equal(rec[2].type, V_LIST);
	assert_int_equal(rec[2].len, 2);
	/* In option order. */
	assert_string_equal(rec[2].list[0], "2023-2024");
	assert_string_equal(rec[2].list[1], "2024-2025");
	assert_int_equal(rec[3].type, V_STR);
	assert_ptr_equal(rec[3].s, scopes[1].value);	/* the option's own */
	assert_int_equal(rec[4].type, V_FILES);
	assert_int_equal(rec[4].i, 2);
	assert_int_equal(rec[5].type, V_BOOL);
	assert_int_equal(rec[5].i, 1);
	assert_int_equal(rec[6].type, V_DEC);
	assert_int_equal(rec[6].i, 15000);
	assert_int_equal(rec[7].type, V_NONE);
	/* What does not parse is left out. */
	{
		const struct input bad[] = {
			{ "grade", "seven", 5, NULL },
			{ "dob", "26/09/2012", 10, NULL },
			{ "scope", "elsewhere", 9, NULL },
		};

		dossier_record(a, &rform, bad, 3, rec);
		assert_int_equal(rec[0].type, V_NONE);
		assert_int_equal(rec[1].type, V_NONE);
		assert_int_equal(rec[3].type, V_NONE);
		assert_int_equal(rec[2].type, V_NONE);
	}
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_open_at),
		cmocka_unit_test(test_code),
		cmocka_unit_test(test_idem_key),
		cmocka_unit_test(test_pin),
		cmocka_unit_test(test_holder),
		cmocka_unit_test(test_clock),
		cmocka_unit_test_setup_teardown(test_due, setup_vn,
		    teardown_vn),
		cmocka_unit_test(test_access),
		cmocka_unit_test(test_status_names),
		cmocka_unit_test(test_record),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
