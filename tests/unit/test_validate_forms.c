/*
 * test_validate_forms.c - validate_form() over the two real forms
 * (forms/, loaded with the catalogue; run from the repository root):
 * the exact normalised JSON, required-if both ways, readonly fields
 * ignored, attachments by content, size and count, and the messages
 * the forms define.
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

#include "base/arena.h"
#include "core/def.h"
#include "core/validate.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define OK		RULE__MAX
#define ABSENT		"\x01"	/* expect: the field is not in the JSON */

static struct defs	*defs;
static const struct form *transcript, *transfer;
static struct arena	*a;

static int
setup(void **state)
{
	const char *const	 paths[] = { "forms", "workflows/catalogue.xml" };
	struct diags		 d = { NULL, 0, 0 };

	(void)state;
	defs = defs_load(paths, NELEM(paths), "schemas", &d);
	diags_print(&d, stderr);
	diags_free(&d);
	if (defs == NULL)
		return -1;
	transcript = defs_form(defs, "transcript-certification");
	transfer = defs_form(defs, "school-transfer");
	a = arena_new(64 * 1024);
	return transcript && transfer ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	defs_free(defs);
	arena_free(a);
	return 0;
}

static int
unit_ok(void *arg, enum unit_kind k, const char *code)
{
	(void)arg;
	return k == UK_SCHOOL && strcmp(code, "REFUSED") != 0;
}

static struct input
in(const char *name, const char *val)
{
	struct input	 i = { name, val, strlen(val), NULL };

	return i;
}

static struct input
file(const char *name, const char *filename, const char *val, size_t len)
{
	struct input	 i = { name, val, len, filename };

	return i;
}

/* Validate; on failure, exactly one error, on field with rule. */
static int
check(const struct form *f, const struct input *v, size_t n,
    const char *field, enum rule rule, struct vresult *r)
{
	int	 rc;

	arena_reset(a);
	rc = validate_form(a, f, v, n, unit_ok, NULL, r);
	if (rule == OK) {
		if (rc != 0)
			fprintf(stderr, "unexpected error: %s %s\n",
			    r->errors[0].field, rule_names[r->errors[0].rule]);
		assert_int_equal(rc, 0);
		assert_non_null(r->json);
		assert_int_equal(strlen(r->json), r->jsonlen);
		assert_int_equal(r->nerrors, 0);
	} else {
		assert_int_equal(rc, -1);
		assert_null(r->json);
		if (r->nerrors != 1 || strcmp(r->errors[0].field, field) != 0 ||
		    r->errors[0].rule != rule)
			fprintf(stderr, "%s: expected %s, got %zu errors, first "
			    "%s %s\n", field, rule_names[rule], r->nerrors,
			    r->nerrors ? r->errors[0].field : "-",
			    r->nerrors ? rule_names[r->errors[0].rule] : "-");
		assert_int_equal(r->nerrors, 1);
		assert_string_equal(r->errors[0].field, field);
		assert_int_equal(r->errors[0].rule, rule);
		assert_non_null(r->errors[0].msg_vi);
		assert_non_null(r->errors[0].msg_en);
	}
	return rc;
}

/* A complete transcript application, in the order of the form. */
static size_t
transcript_inputs(struct input *v)
{
	size_t	n = 0;

	v[n++] = in("applicant_relation", "parent");
	v[n++] = in("applicant_name", "Tên giả mạo");	/* readonly */
	v[n++] = in("applicant_cccd", "not a number");	/* readonly */
	v[n++] = in("phone", "0912 345 678");
	v[n++] = in("email", "Lan.Nguyen@Example.EDU.VN");
	v[n++] = in("school", "000.00.31.H26");
	v[n++] = in("student_code", "0123456789");
	v[n++] = in("school_years", "2024-2025");
	v[n++] = in("school_years", "2020-2021");
	v[n++] = in("copies", "2");
	v[n++] = in("purpose", "further-study");
	v[n++] = in("delivery", "post");
	v[n++] = in("postal_address", "Số 1 Đại Cồ Việt,\r\nHai Bà Trưng, "
	    "Hà Nội");
	return n;
}

static void
test_transcript(void **state)
{
	struct input	 v[16];
	struct vresult	 r;
	size_t		 n = transcript_inputs(v);

	(void)state;
	check(transcript, v, n, NULL, OK, &r);
	assert_string_equal(r.json, "{"
	    "\"applicant_relation\":\"parent\","
	    "\"phone\":\"+84912345678\","
	    "\"email\":\"Lan.Nguyen@example.edu.vn\","
	    "\"school\":\"000.00.31.H26\","
	    "\"student_code\":\"0123456789\","
	    "\"school_years\":[\"2020-2021\",\"2024-2025\"],"
	    "\"copies\":2,"
	    "\"purpose\":\"further-study\","
	    "\"delivery\":\"post\","
	    "\"postal_address\":\"Số 1 Đại Cồ Việt,\\nHai Bà Trưng, Hà Nội\""
	    "}");
	assert_int_equal(r.rec[form_field(transcript, "applicant_name")].type,
	    V_NONE);
	assert_int_equal(r.rec[form_field(transcript, "copies")].i, 2);
}

static void
test_transcript_rules(void **state)
{
	struct input	 v[20];
	struct vresult	 r;
	size_t		 n = transcript_inputs(v);

	(void)state;
	v[12] = in("postal_address", "");
	check(transcript, v, n, "postal_address", RULE_REQUIRED, &r);
	assert_string_equal(r.errors[0].msg_vi,
	    "Vui lòng nhập địa chỉ để nhận kết quả qua bưu điện.");
	v[11] = in("delivery", "electronic");
	check(transcript, v, n, NULL, OK, &r);
	v[10] = in("purpose", "other");
	check(transcript, v, n, "purpose_other", RULE_REQUIRED, &r);
	assert_string_equal(r.errors[0].msg_en, "Please state the purpose.");
	v[n] = in("purpose_other", "Hồ sơ xin học bổng của tỉnh");
	check(transcript, v, n + 1, NULL, OK, &r);
	v[10] = in("purpose", "scholarship");
	v[9] = in("copies", "11");
	check(transcript, v, n, "copies", RULE_MAX, &r);
	assert_string_equal(r.errors[0].msg_vi,
	    "Mỗi lần đề nghị được cấp tối đa 10 bản sao.");
	v[9] = in("copies", "0");
	check(transcript, v, n, "copies", RULE_MIN, &r);
	assert_string_equal(r.errors[0].msg_vi, "Số bản sao phải từ 1 trở lên.");
	assert_string_equal(r.errors[0].msg_en,
	    "Number of copies must be at least 1.");
	v[9] = in("copies", "1");
	v[6] = in("student_code", "012345678");
	check(transcript, v, n, "student_code", RULE_PATTERN, &r);
	assert_string_equal(r.errors[0].msg_en,
	    "The student code has exactly 10 digits.");
	v[6] = in("student_code", "0123456789");
	v[3] = in("phone", "024 3825 1234");
	check(transcript, v, n, "phone", RULE_TYPE, &r);
	assert_string_equal(r.errors[0].msg_vi, "Số điện thoại di động gồm 10 "
	    "chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.");
	v[3] = in("phone", "");
	check(transcript, v, n, "phone", RULE_REQUIRED, &r);
	assert_string_equal(r.errors[0].msg_vi,
	    "Vui lòng nhập Số điện thoại di động.");
	assert_string_equal(r.errors[0].msg_en, "Please enter Mobile phone.");
}

static void
test_transcript_guardian(void **state)
{
	struct input	 v[20];
	struct vresult	 r;
	size_t		 n = transcript_inputs(v);
	char		*big;

	(void)state;
	v[0] = in("applicant_relation", "guardian");
	check(transcript, v, n, "authorization", RULE_REQUIRED, &r);
	assert_string_equal(r.errors[0].msg_en,
	    "A guardian must attach proof of guardianship.");
	v[n] = file("authorization", "quyet-dinh.pdf", "%PDF-1.4 ...", 12);
	check(transcript, v, n + 1, NULL, OK, &r);
	v[n] = file("authorization", "quyet-dinh.pdf", "MZ\x90\0", 4);
	check(transcript, v, n + 1, "authorization", RULE_FILE_TYPE, &r);
	big = calloc(1, 5242881);
	assert_non_null(big);
	memcpy(big, "%PDF-", 5);
	v[n] = file("authorization", "scan.pdf", big, 5242881);
	check(transcript, v, n + 1, "authorization", RULE_FILE_SIZE, &r);
	assert_string_equal(r.errors[0].msg_vi, "Giấy tờ chứng minh quyền giám "
	    "hộ: mỗi tệp không được lớn hơn 5 MB.");
	v[n] = file("authorization", "scan.pdf", big, 5242880);
	check(transcript, v, n + 1, NULL, OK, &r);
	v[n + 1] = v[n + 2] = v[n];
	check(transcript, v, n + 3, "authorization", RULE_FILE_COUNT, &r);
	free(big);
}

static void
test_transcript_empty(void **state)
{
	static const char *const required[] = {
		"applicant_relation", "phone", "school", "student_code",
		"school_years", "copies", "purpose", "delivery",
	};
	struct vresult	 r;
	size_t		 i;

	(void)state;
	arena_reset(a);
	assert_int_equal(validate_form(a, transcript, NULL, 0, NULL, NULL,
	    &r), -1);
	assert_int_equal(r.nerrors, NELEM(required));
	for (i = 0; i < NELEM(required); i++) {
		assert_string_equal(r.errors[i].field, required[i]);
		assert_int_equal(r.errors[i].rule, RULE_REQUIRED);
	}
	assert_string_equal(r.errors[4].msg_vi,
	    "Vui lòng chọn Năm học cần cấp bản sao.");
}

static void
test_transfer(void **state)
{
	struct input	 v[16];
	struct vresult	 r;
	size_t		 n = 0;

	(void)state;
	v[n++] = in("phone", "+84 398 765 432");
	v[n++] = in("pupil_code", "2012345678");
	v[n++] = in("grade", "7");
	v[n++] = in("sending_school", "H26.01");
	v[n++] = in("receiving_school", "H26.02");
	v[n++] = in("scope", "same-district");
	v[n++] = in("reason", "Gia đình chuyển nơi ở.");
	v[n++] = in("start_date", "2025-09-05");
	check(transfer, v, n, NULL, OK, &r);
	assert_string_equal(r.json, "{\"phone\":\"+84398765432\","
	    "\"pupil_code\":\"2012345678\",\"grade\":7,"
	    "\"sending_school\":\"H26.01\",\"receiving_school\":\"H26.02\","
	    "\"scope\":\"same-district\","
	    "\"reason\":\"Gia đình chuyển nơi ở.\","
	    "\"start_date\":\"2025-09-05\"}");
	v[5] = in("scope", "other-province");
	check(transfer, v, n, "residence_proof", RULE_REQUIRED, &r);
	v[n] = file("residence_proof", "ct07.png", "\x89PNG\r\n\x1a\n", 8);
	check(transfer, v, n + 1, NULL, OK, &r);
	v[2] = in("grade", "13");
	check(transfer, v, n + 1, "grade", RULE_MAX, &r);
	v[2] = in("grade", "7");
	v[4] = in("receiving_school", "REFUSED");
	check(transfer, v, n + 1, "receiving_school", RULE_UNIT, &r);
	assert_string_equal(r.errors[0].msg_en,
	    "Receiving school: no such unit.");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transcript),
		cmocka_unit_test(test_transcript_rules),
		cmocka_unit_test(test_transcript_guardian),
		cmocka_unit_test(test_transcript_empty),
		cmocka_unit_test(test_transfer),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
