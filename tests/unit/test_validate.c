/*
 * test_validate.c - validate_form() through the real loader, on a form
 * with a field of every type (written to a temporary directory): the
 * accept and reject edges of each rule, the normalised values, generic
 * messages; and the shared checkers (CCCD, phones, file types).  The
 * real forms: test_validate_forms.c.
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

static const char sink_xml[] =
"<form xmlns='urn:motcua:def:1' id='sink'>"
" <title lang='vi'>Thử</title><title lang='en'>Test</title>"
" <section id='s'><title lang='vi'>Mục</title><title lang='en'>Part</title>"
"  <field id='t' type='text' minlength='2' maxlength='5'>"
"   <label lang='vi'>Tên</label><label lang='en'>Name</label></field>"
"  <field id='ta' type='textarea' maxlength='6'>"
"   <label lang='vi'>Ghi chú</label><label lang='en'>Note</label></field>"
"  <field id='p' type='text' pattern='[A-Z]{2}[0-9]{3}'>"
"   <label lang='vi'>Mã</label><label lang='en'>Code</label></field>"
"  <field id='n' type='integer' min='-5' max='100'>"
"   <label lang='vi'>Số</label><label lang='en'>Number</label></field>"
"  <field id='big' type='integer'>"
"   <label lang='vi'>Lớn</label><label lang='en'>Big</label></field>"
"  <field id='dec' type='decimal' min='0' max='10.5'>"
"   <label lang='vi'>Điểm</label><label lang='en'>Score</label></field>"
"  <field id='d' type='date' min='2000-01-01' max='2030-12-31'>"
"   <label lang='vi'>Ngày</label><label lang='en'>Date</label></field>"
"  <field id='sel' type='select'>"
"   <label lang='vi'>Chọn</label><label lang='en'>Pick</label>"
"   <option value='a'><label lang='vi'>A</label><label lang='en'>A</label></option>"
"   <option value='b'><label lang='vi'>B</label><label lang='en'>B</label></option>"
"   <option value='c'><label lang='vi'>C</label><label lang='en'>C</label></option>"
"  </field>"
"  <field id='cb' type='checkbox'>"
"   <label lang='vi'>Hộp</label><label lang='en'>Boxes</label>"
"   <option value='x'><label lang='vi'>X</label><label lang='en'>X</label></option>"
"   <option value='y'><label lang='vi'>Y</label><label lang='en'>Y</label></option>"
"   <option value='z'><label lang='vi'>Z</label><label lang='en'>Z</label></option>"
"  </field>"
"  <field id='b' type='boolean'>"
"   <label lang='vi'>Có</label><label lang='en'>Yes</label></field>"
"  <field id='bq' type='boolean' required='true'>"
"   <label lang='vi'>Cam kết</label><label lang='en'>Pledge</label></field>"
"  <field id='id' type='cccd'>"
"   <label lang='vi'>CCCD</label><label lang='en'>ID</label></field>"
"  <field id='ph' type='phone'>"
"   <label lang='vi'>Số điện thoại</label><label lang='en'>Phone</label></field>"
"  <field id='em' type='email'>"
"   <label lang='vi'>Thư</label><label lang='en'>Email</label></field>"
"  <field id='u' type='unit' unit-kind='school'>"
"   <label lang='vi'>Trường</label><label lang='en'>School</label></field>"
"  <field id='att' type='file' accept='application/pdf image/png'"
"      max-size='100' max-count='2'>"
"   <label lang='vi'>Tệp</label><label lang='en'>File</label></field>"
"  <field id='req' type='text' required='true'>"
"   <label lang='vi'>Bắt buộc</label><label lang='en'>Must</label></field>"
"  <field id='cond' type='text' required-if=\"sel = 'c'\">"
"   <label lang='vi'>Khi C</label><label lang='en'>If C</label></field>"
"  <field id='ro' type='text' readonly='true'>"
"   <label lang='vi'>Chỉ đọc</label><label lang='en'>Read-only</label>"
"   <prefill source='applicant' column='full_name'/></field>"
" </section>"
"</form>";

static struct defs	*defs;
static const struct form *sink;
static struct arena	*a;
static char		 dir[] = "/tmp/test_validate.XXXXXX";

static int
setup(void **state)
{
	const char		*paths[1];
	struct diags		 d = { NULL, 0, 0 };
	char			 path[256];
	FILE			*fp;

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/sink.xml", dir);
	if ((fp = fopen(path, "w")) == NULL)
		return -1;
	fputs(sink_xml, fp);
	fclose(fp);
	paths[0] = path;
	defs = defs_load(paths, 1, "schemas", &d);
	diags_print(&d, stderr);
	diags_free(&d);
	unlink(path);
	rmdir(dir);
	if (defs == NULL || (sink = defs_form(defs, "sink")) == NULL)
		return -1;
	a = arena_new(64 * 1024);
	return 0;
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

/* One value on top of the minimum the sink form needs. */
struct vcase {
	const char	*name;
	const char	*val;
	enum rule	 rule;
	const char	*json;	/* expected "name":value, or ABSENT */
};

static const struct vcase cases[] = {
	/* text: 2..5 characters, not bytes; trimmed; one line. */
	{ "t", "ab", OK, "\"t\":\"ab\"" },
	{ "t", "  ab \t", OK, "\"t\":\"ab\"" },
	{ "t", "a", RULE_MINLEN, NULL },
	{ "t", "Đặng", OK, "\"t\":\"Đặng\"" },
	{ "t", "Nguyễ", OK, "\"t\":\"Nguyễ\"" },
	{ "t", "Nguyễn", RULE_MAXLEN, NULL },
	{ "t", "Nguye\xcc\x82\xcc\x83n", RULE_MAXLEN, NULL },	/* NFC: 6 */
	/* Decomposed (NFD, 7 code points), kept composed (NFC, 5). */
	{ "t", "Nguye\xcc\x82\xcc\x83", OK, "\"t\":\"Nguy\xe1\xbb\x85\"" },
	/* The maximum typed decomposed: 5 bytes a character ("ễ" as
	 * e + 2 marks), 9 (Hangul "각" as 3 jamo), counted in NFC. */
#define E_NFD	"e\xcc\x82\xcc\x83"
#define GAK_NFD	"\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8"
	{ "t", E_NFD E_NFD E_NFD E_NFD E_NFD, OK, "\"t\":\"ễễễễễ\"" },
	{ "t", E_NFD E_NFD E_NFD E_NFD E_NFD E_NFD, RULE_MAXLEN, NULL },
	{ "t", GAK_NFD GAK_NFD GAK_NFD GAK_NFD GAK_NFD, OK,
	    "\"t\":\"각각각각각\"" },
	{ "ta", "o\xcc\x82\xcc\x80o\xcc\x82\xcc\x80o\xcc\x82\xcc\x80"
	    "o\xcc\x82\xcc\x80o\xcc\x82\xcc\x80o\xcc\x82\xcc\x80", OK,
	    "\"ta\":\"ồồồồồồ\"" },
	{ "t", "a\"\\b", OK, "\"t\":\"a\\\"\\\\b\"" },
	{ "t", "a\nb", RULE_TYPE, NULL },
	{ "t", "a\x01" "b", RULE_TYPE, NULL },
	/* One line a person reads as it is shown (base/utf8.h
	 * utf8_name): no tab inside, no bidi control, nothing
	 * invisible; a textarea keeps its tabs. */
	{ "t", "a\tb", RULE_TYPE, NULL },
	{ "t", "An\xe2\x80\xae" "nA", RULE_TYPE, NULL },	/* U+202E */
	{ "t", "An\xe2\x81\xa6" "nA", RULE_TYPE, NULL },	/* U+2066 */
	{ "t", "An\xe2\x80\x8f", RULE_TYPE, NULL },		/* U+200F */
	{ "t", "An\xe2\x80\x8b", RULE_TYPE, NULL },		/* U+200B */
	{ "t", "An\xe2\x80\x8d", RULE_TYPE, NULL },		/* U+200D */
	{ "t", "An\xef\xbb\xbf", RULE_TYPE, NULL },		/* U+FEFF */
	{ "t", "An\xc2\x85", RULE_TYPE, NULL },		/* U+0085 */
	{ "t", "\xc3\x28", RULE_TYPE, NULL },
	{ "t", "\xed\xa0\x80", RULE_TYPE, NULL },	/* a surrogate */
	{ "t", "   ", OK, ABSENT },
	/* textarea: CRLF and CR become LF, then 6 characters at most. */
	{ "ta", "ab\r\ncd", OK, "\"ta\":\"ab\\ncd\"" },
	{ "ta", "ab\rcd", OK, "\"ta\":\"ab\\ncd\"" },
	{ "ta", "a\tb", OK, "\"ta\":\"a\\tb\"" },
	{ "ta", "abc\r\ndef", RULE_MAXLEN, NULL },
	{ "ta", "ồồồồồồ", OK, "\"ta\":\"ồồồồồồ\"" },
	{ "ta", "ồồồồồồồ", RULE_MAXLEN, NULL },
	/* pattern, anchored at both ends. */
	{ "p", "AB123", OK, "\"p\":\"AB123\"" },
	{ "p", "ab123", RULE_PATTERN, NULL },
	{ "p", "AB1234", RULE_PATTERN, NULL },
	{ "p", "xAB123", RULE_PATTERN, NULL },
	/* integer -5..100. */
	{ "n", "0", OK, "\"n\":0" },
	{ "n", "100", OK, "\"n\":100" },
	{ "n", "-5", OK, "\"n\":-5" },
	{ "n", " 42 ", OK, "\"n\":42" },
	{ "n", "101", RULE_MAX, NULL },
	{ "n", "-6", RULE_MIN, NULL },
	{ "n", "01", RULE_TYPE, NULL },
	{ "n", "-0", RULE_TYPE, NULL },
	{ "n", "1e3", RULE_TYPE, NULL },
	{ "n", "+1", RULE_TYPE, NULL },
	{ "n", "1.0", RULE_TYPE, NULL },
	{ "n", "-", RULE_TYPE, NULL },
	{ "n", "1 000", RULE_TYPE, NULL },
	{ "big", "9223372036854775807", OK, "\"big\":9223372036854775807" },
	{ "big", "-9223372036854775808", OK, "\"big\":-9223372036854775808" },
	{ "big", "9223372036854775808", RULE_TYPE, NULL },
	{ "big", "-9223372036854775809", RULE_TYPE, NULL },
	{ "big", "99999999999999999999", RULE_TYPE, NULL },
	/* decimal 0..10.5, '.' or the Vietnamese ',', 4 places. */
	{ "dec", "2,5", OK, "\"dec\":2.5" },
	{ "dec", "2.50", OK, "\"dec\":2.5" },
	{ "dec", "3", OK, "\"dec\":3" },
	{ "dec", "0.0001", OK, "\"dec\":0.0001" },
	{ "dec", "10.5", OK, "\"dec\":10.5" },
	{ "dec", "10,5001", RULE_MAX, NULL },
	{ "dec", "-0.5", RULE_MIN, NULL },
	{ "dec", "1.23456", RULE_TYPE, NULL },
	{ "dec", "1.", RULE_TYPE, NULL },
	{ "dec", ".5", RULE_TYPE, NULL },
	{ "dec", "1,000.5", RULE_TYPE, NULL },
	{ "dec", "1.2.3", RULE_TYPE, NULL },
	{ "dec", "007", RULE_TYPE, NULL },
	{ "dec", "-0.0", RULE_TYPE, NULL },
	/* dates 2000-01-01..2030-12-31. */
	{ "d", "2024-02-29", OK, "\"d\":\"2024-02-29\"" },
	{ "d", "2000-01-01", OK, "\"d\":\"2000-01-01\"" },
	{ "d", "2025-02-29", RULE_TYPE, NULL },
	{ "d", "2024-04-31", RULE_TYPE, NULL },
	{ "d", "1999-12-31", RULE_MIN, NULL },
	{ "d", "2031-01-01", RULE_MAX, NULL },
	{ "d", "2024-2-29", RULE_TYPE, NULL },
	{ "d", "29/02/2024", RULE_TYPE, NULL },
	{ "d", "2024-02-29T00:00", RULE_TYPE, NULL },
	/* select. */
	{ "sel", "a", OK, "\"sel\":\"a\"" },
	{ "sel", "d", RULE_OPTION, NULL },
	{ "sel", "A", RULE_OPTION, NULL },
	{ "sel", "ab", RULE_OPTION, NULL },
	{ "sel", "", OK, ABSENT },
	/* boolean spellings; absent is false. */
	{ "b", "true", OK, "\"b\":true" },
	{ "b", "on", OK, "\"b\":true" },
	{ "b", "1", OK, "\"b\":true" },
	{ "b", "false", OK, "\"b\":false" },
	{ "b", "0", OK, "\"b\":false" },
	{ "b", "", OK, "\"b\":false" },
	{ "b", "yes", RULE_TYPE, NULL },
	{ "b", "True", RULE_TYPE, NULL },
	/* CCCD: province, century digit, length, digits only. */
	{ "id", "001099012345", OK, "\"id\":\"001099012345\"" },
	{ "id", "096204000001", OK, NULL },
	{ "id", "079301000001", OK, NULL },
	{ "id", "000099012345", RULE_TYPE, NULL },
	{ "id", "097099012345", RULE_TYPE, NULL },
	{ "id", "003099012345", RULE_TYPE, NULL },
	{ "id", "001499012345", RULE_TYPE, NULL },
	{ "id", "00109901234", RULE_TYPE, NULL },
	{ "id", "0010990123456", RULE_TYPE, NULL },
	{ "id", "00109901234a", RULE_TYPE, NULL },
	{ "id", "001 099 012345", RULE_TYPE, NULL },
	/* phones: every written form -> +84. */
	{ "ph", "0912345678", OK, "\"ph\":\"+84912345678\"" },
	{ "ph", "+84912345678", OK, "\"ph\":\"+84912345678\"" },
	{ "ph", "84912345678", OK, "\"ph\":\"+84912345678\"" },
	{ "ph", "091 234 5678", OK, "\"ph\":\"+84912345678\"" },
	{ "ph", "091.234.5678", OK, "\"ph\":\"+84912345678\"" },
	{ "ph", "091-234-5678", OK, "\"ph\":\"+84912345678\"" },
	{ "ph", "+84 91 234 5678", OK, "\"ph\":\"+84912345678\"" },
	{ "ph", "0312345678", OK, "\"ph\":\"+84312345678\"" },
	{ "ph", "0512345678", OK, "\"ph\":\"+84512345678\"" },
	{ "ph", "0712345678", OK, "\"ph\":\"+84712345678\"" },
	{ "ph", "0812345678", OK, "\"ph\":\"+84812345678\"" },
	{ "ph", "091234567", RULE_TYPE, NULL },
	{ "ph", "09123456789", RULE_TYPE, NULL },
	{ "ph", "0112345678", RULE_TYPE, NULL },
	{ "ph", "0212345678", RULE_TYPE, NULL },
	{ "ph", "02438251234", RULE_TYPE, NULL },	/* a landline */
	{ "ph", "01234567890", RULE_TYPE, NULL },	/* old 11 digits */
	{ "ph", "+840912345678", RULE_TYPE, NULL },
	{ "ph", "+0912345678", RULE_TYPE, NULL },
	{ "ph", "8412345678", RULE_TYPE, NULL },
	{ "ph", "(091)2345678", RULE_TYPE, NULL },
	{ "ph", "0912345678+", RULE_TYPE, NULL },
	/* email: strict, domain lower-cased. */
	{ "em", "Me@Example.VN", OK, "\"em\":\"Me@example.vn\"" },
	{ "em", "a.b+c_d%e-f@sub.example.com", OK, NULL },
	{ "em", "a@x.xn--p1ai", OK, NULL },
	{ "em", "a@b", RULE_TYPE, NULL },
	{ "em", "a@b.c", RULE_TYPE, NULL },
	{ "em", "a@x.123", RULE_TYPE, NULL },
	{ "em", "a..b@x.vn", RULE_TYPE, NULL },
	{ "em", ".a@x.vn", RULE_TYPE, NULL },
	{ "em", "a.@x.vn", RULE_TYPE, NULL },
	{ "em", "a@-x.vn", RULE_TYPE, NULL },
	{ "em", "a@x-.vn", RULE_TYPE, NULL },
	{ "em", "a@x..vn", RULE_TYPE, NULL },
	{ "em", "a@x.vn.", RULE_TYPE, NULL },
	{ "em", "a b@x.vn", RULE_TYPE, NULL },
	{ "em", "a@@x.vn", RULE_TYPE, NULL },
	{ "em", "a\"b@x.vn", RULE_TYPE, NULL },
	{ "em", "nguyễn@x.vn", RULE_TYPE, NULL },
	{ "em", "@x.vn", RULE_TYPE, NULL },
	/* unit codes: shape, then the callback. */
	{ "u", "000.00.31.H26", OK, "\"u\":\"000.00.31.H26\"" },
	{ "u", "H26", OK, NULL },
	{ "u", "h26", RULE_TYPE, NULL },
	{ "u", ".H26", RULE_TYPE, NULL },
	{ "u", "H26.", RULE_TYPE, NULL },
	{ "u", "H..26", RULE_TYPE, NULL },
	{ "u", "H 26", RULE_TYPE, NULL },
	{ "u", "REFUSED", RULE_UNIT, NULL },
	/* conditional: required when sel = 'c'. */
	{ "cond", "x", OK, "\"cond\":\"x\"" },
	/* readonly: ignored, whatever it holds. */
	{ "ro", "\xff not even UTF-8", OK, ABSENT },
};

static void
test_values(void **state)
{
	struct input	 v[3];
	struct vresult	 r;
	size_t		 i;

	(void)state;
	v[0] = in("req", "x");
	v[1] = in("bq", "on");
	for (i = 0; i < NELEM(cases); i++) {
		v[2] = in(cases[i].name, cases[i].val);
		if (check(sink, v, 3, cases[i].name, cases[i].rule, &r) != 0 ||
		    cases[i].json == NULL)
			continue;
		if (strcmp(cases[i].json, ABSENT) == 0) {
			char key[32];

			snprintf(key, sizeof(key), "\"%s\":", cases[i].name);
			assert_null(strstr(r.json, key));
		} else if (strstr(r.json, cases[i].json) == NULL) {
			fprintf(stderr, "%s has no %s\n", r.json,
			    cases[i].json);
			fail();
		}
	}
}

static void
test_minimal_json(void **state)
{
	struct input	 v[2] = { in("req", " Lê "), in("bq", "1") };
	struct vresult	 r;

	(void)state;
	check(sink, v, 2, NULL, OK, &r);
	assert_string_equal(r.json, "{\"b\":false,\"bq\":true,\"req\":\"Lê\"}");
	assert_int_equal(r.rec[form_field(sink, "req")].type, V_STR);
	assert_int_equal(r.rec[form_field(sink, "req")].len, 3);
	assert_int_equal(r.rec[form_field(sink, "t")].type, V_NONE);
}

static void
test_required(void **state)
{
	struct input	 v[3] = { in("req", "x"), in("bq", "0"),
	    in("sel", "c") };
	struct vresult	 r;

	(void)state;
	check(sink, v, 1, "bq", RULE_REQUIRED, &r);	/* absent: false */
	check(sink, v, 2, "bq", RULE_REQUIRED, &r);	/* "0" */
	assert_string_equal(r.errors[0].msg_vi, "Vui lòng xác nhận Cam kết.");
	v[1] = in("bq", "true");
	check(sink, v + 1, 1, "req", RULE_REQUIRED, &r);
	assert_string_equal(r.errors[0].msg_vi, "Vui lòng nhập Bắt buộc.");
	assert_string_equal(r.errors[0].msg_en, "Please enter Must.");
	v[0] = in("req", " \t ");
	check(sink, v, 2, "req", RULE_REQUIRED, &r);
	/* required-if: sel = 'c' needs cond; sel = 'b' does not. */
	v[0] = in("req", "x");
	check(sink, v, 3, "cond", RULE_REQUIRED, &r);
	v[2] = in("sel", "b");
	check(sink, v, 3, NULL, OK, &r);
}

static void
test_repeats_and_unknown(void **state)
{
	struct input	 v[6] = { in("req", "x"), in("bq", "on") };
	struct vresult	 r;

	(void)state;
	v[2] = in("t", "ab");
	v[3] = in("t", "cd");
	check(sink, v, 4, "t", RULE_TYPE, &r);
	v[2] = file("t", "a.pdf", "%PDF-1.7", 8);
	check(sink, v, 3, "t", RULE_TYPE, &r);
	v[2] = in("att", "not a file");
	check(sink, v, 3, "att", RULE_TYPE, &r);
	v[2] = in("zz", "1");
	v[3] = in("zz", "2");
	check(sink, v, 4, "zz", RULE_TYPE, &r);	/* once */
	assert_string_equal(r.errors[0].msg_en, "This form has no such field.");
	/* Embedded NULs: not an option, not text. */
	v[2] = in("sel", "a");
	v[2].len = 2;
	check(sink, v, 3, "sel", RULE_OPTION, &r);
	v[2] = in("t", "ab");
	v[2].len = 3;
	check(sink, v, 3, "t", RULE_TYPE, &r);
	v[2] = in("em", "a@x.vn");
	v[2].len = 6;
	v[2].val = "a\0@x.vn";
	check(sink, v, 3, "em", RULE_TYPE, &r);
	v[2] = in("bad\xff", "1");
	check(sink, v, 3, "?", RULE_TYPE, &r);
	/* Unknown names first, then fields in form order. */
	v[2] = in("zz", "1");
	v[3] = in("n", "x");
	v[4] = in("t", "a");
	arena_reset(a);
	assert_int_equal(validate_form(a, sink, v, 5, NULL, NULL, &r), -1);
	assert_int_equal(r.nerrors, 3);
	assert_string_equal(r.errors[0].field, "zz");
	assert_string_equal(r.errors[1].field, "t");
	assert_string_equal(r.errors[2].field, "n");
}

static void
test_checkbox(void **state)
{
	struct input	 v[6] = { in("req", "x"), in("bq", "on") };
	struct vresult	 r;
	size_t		 k = form_field(sink, "cb");

	(void)state;
	v[2] = in("cb", "z");
	v[3] = in("cb", "x");
	check(sink, v, 4, NULL, OK, &r);
	assert_non_null(strstr(r.json, "\"cb\":[\"x\",\"z\"]"));
	assert_int_equal(r.rec[k].type, V_LIST);
	assert_int_equal(r.rec[k].len, 2);
	assert_string_equal(r.rec[k].list[0], "x");
	v[3] = in("cb", "z");
	check(sink, v, 4, "cb", RULE_TYPE, &r);		/* twice */
	v[3] = in("cb", "w");
	check(sink, v, 4, "cb", RULE_OPTION, &r);
	v[2] = in("cb", "");
	check(sink, v, 3, NULL, OK, &r);
	assert_null(strstr(r.json, "\"cb\""));
}

static void
test_files(void **state)
{
	static const char png[] = "\x89PNG\r\n\x1a\n....";
	static const char exe[] = "MZ\x90\0\3\0\0\0 This program cannot";
	struct input	 v[6] = { in("req", "x"), in("bq", "on") };
	struct vresult	 r;
	char		 big[101];
	size_t		 k = form_field(sink, "att");

	(void)state;
	v[2] = file("att", "C:\\Users\\lan\\đơn.pdf", "%PDF-1.4\n", 9);
	v[3] = file("att", "a.png", png, sizeof(png) - 1);
	check(sink, v, 4, NULL, OK, &r);
	assert_non_null(strstr(r.json, "\"att\":[{\"name\":\"đơn.pdf\","
	    "\"type\":\"application/pdf\",\"size\":9,\"sha256\":\""));
	assert_non_null(strstr(r.json, "{\"name\":\"a.png\",\"type\":"
	    "\"image/png\",\"size\":12,"));
	assert_int_equal(r.rec[k].type, V_FILES);
	assert_int_equal(r.rec[k].i, 2);
	/* An empty file input sends an empty part: no file. */
	v[2] = file("att", "", "", 0);
	check(sink, v, 3, NULL, OK, &r);
	assert_null(strstr(r.json, "\"att\""));
	/* By content, not by name. */
	v[2] = file("att", "giay-to.pdf", exe, sizeof(exe) - 1);
	check(sink, v, 3, "att", RULE_FILE_TYPE, &r);
	assert_string_equal(r.errors[0].msg_vi, "Tệp: chỉ nhận tệp PDF, PNG.");
	v[2] = file("att", "a.jpg", "\xff\xd8\xff\xe0", 4);	/* not accepted */
	check(sink, v, 3, "att", RULE_FILE_TYPE, &r);
	memset(big, 'x', sizeof(big));
	memcpy(big, "%PDF-", 5);
	v[2] = file("att", "a.pdf", big, 100);
	check(sink, v, 3, NULL, OK, &r);
	v[2] = file("att", "a.pdf", big, 101);
	check(sink, v, 3, "att", RULE_FILE_SIZE, &r);
	assert_string_equal(r.errors[0].msg_en,
	    "File: each file must be at most 100 bytes.");
	v[2] = file("att", "a.pdf", "%PDF-", 5);
	v[3] = v[4] = v[2];
	check(sink, v, 5, "att", RULE_FILE_COUNT, &r);
	v[2] = file("att", "a\x01.pdf", "%PDF-", 5);
	check(sink, v, 3, "att", RULE_FILE_NAME, &r);
	v[2] = file("att", "\xc0\xaf.pdf", "%PDF-", 5);
	check(sink, v, 3, "att", RULE_FILE_NAME, &r);
	v[2] = file("att", "dir/", "%PDF-", 5);
	check(sink, v, 3, "att", RULE_FILE_NAME, &r);
}

/* Validate v[0..n); refused, with one error on field "att" under the
 * rule named rule (by name: rules may be added). */
static void
refused_file(struct input *v, size_t n, const char *rule)
{
	struct vresult	 r;

	arena_reset(a);
	assert_int_equal(validate_form(a, sink, v, n, unit_ok, NULL, &r), -1);
	assert_int_equal(r.nerrors, 1);
	assert_string_equal(r.errors[0].field, "att");
	assert_string_equal(rule_names[r.errors[0].rule], rule);
}

/*
 * The review: a file's stored name is given back on download, where
 * its extension decides what opens it, so it must agree with the type
 * found in the content; and what staff read as a file name must be
 * what is stored (no bidi controls, nothing invisible).
 */
static void
test_file_names(void **state)
{
	static const char png[] = "\x89PNG\r\n\x1a\n....";
	static const struct {
		const char	*name;
		const char	*rule;	/* NULL: accepted */
	} pdfs[] = {
		{ "x.pdf", NULL },
		{ "SCAN.PDF", NULL },
		{ "gi\xe1\xba\xa5y t\xe1\xbb\x9d.Pdf", NULL },	/* giấy tờ */
		{ "a.b.pdf", NULL },
		{ "x.html", "file-extension" },
		{ "x.pdf.html", "file-extension" },
		{ "x.htm", "file-extension" },
		{ "x.png", "file-extension" },
		{ "x", "file-extension" },
		{ "x.pdf.", "file-extension" },
		{ "x.pdf ", "file-extension" },
		{ "pdf", "file-extension" },
		/* Shown as "xfdp.html": U+202E reverses what follows. */
		{ "x\xe2\x80\xaelmth.pdf", "file-name" },
		{ "x\xe2\x81\xa7lmth.pdf", "file-name" },		/* U+2067 */
		{ "x\xe2\x80\x8e.pdf", "file-name" },		/* U+200E */
		{ "x\xd8\x9c.pdf", "file-name" },			/* U+061C */
		{ "x\xe2\x80\x8b.pdf", "file-name" },		/* U+200B */
		{ "x\xe2\x80\x8c.pdf", "file-name" },		/* U+200C */
		{ "x\xe2\x81\xa0.pdf", "file-name" },		/* U+2060 */
		{ "\xef\xbb\xbfx.pdf", "file-name" },		/* U+FEFF */
		{ "x\ty.pdf", "file-name" },
		{ "x\ny.pdf", "file-name" },
		{ "x\x7fy.pdf", "file-name" },
		{ "x\xc2\x9by.pdf", "file-name" },			/* C1 CSI */
	};
	struct input	 v[3] = { in("req", "x"), in("bq", "on") };
	struct vresult	 r;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(pdfs); i++) {
		print_message("file name %zu\n", i);
		v[2] = file("att", pdfs[i].name, "%PDF-1.4\n", 9);
		if (pdfs[i].rule == NULL)
			check(sink, v, 3, NULL, OK, &r);
		else
			refused_file(v, 3, pdfs[i].rule);
	}
	v[2] = file("att", "a.png", png, sizeof(png) - 1);
	check(sink, v, 3, NULL, OK, &r);
	v[2] = file("att", "a.pdf", png, sizeof(png) - 1);
	refused_file(v, 3, "file-extension");
	/* The reason, in both languages, from the accepted types. */
	v[2] = file("att", "x.html", "%PDF-1.4\n", 9);
	refused_file(v, 3, "file-extension");
	arena_reset(a);
	(void)validate_form(a, sink, v, 3, unit_ok, NULL, &r);
	assert_string_equal(r.errors[0].msg_vi, "Tệp: phần mở rộng của tên "
	    "tệp phải đúng với loại tệp: .pdf cho PDF, .png cho PNG.");
	assert_string_equal(r.errors[0].msg_en, "File: the file name must end "
	    "in the extension of the file's type: .pdf for PDF, .png for PNG.");
	v[2] = file("att", "x\xe2\x80\xaelmth.pdf", "%PDF-1.4\n", 9);
	arena_reset(a);
	(void)validate_form(a, sink, v, 3, unit_ok, NULL, &r);
	assert_non_null(strstr(r.errors[0].msg_en, "text-direction"));
	assert_non_null(strstr(r.errors[0].msg_vi, "đổi chiều văn bản"));
}

static void
test_checkers(void **state)
{
	char	out[13];

	(void)state;
	assert_int_equal(check_cccd("001099012345", 12), 0);
	assert_int_equal(check_cccd("096399999999", 12), 0);
	assert_int_equal(check_cccd("095099012345", 12), 0);
	assert_int_equal(check_cccd("090099012345", 12), -1);
	assert_int_equal(check_cccd("001099012345", 11), -1);
	assert_int_equal(normalize_phone("0987654321", 10, out), 0);
	assert_string_equal(out, "+84987654321");
	assert_int_equal(normalize_phone("0987654321", 9, out), -1);
	assert_int_equal(normalize_phone("0612345678", 10, out), -1);
	assert_int_equal(normalize_phone("0412345678", 10, out), -1);
	assert_string_equal(sniff_mime("%PDF-1.7", 8), "application/pdf");
	assert_string_equal(sniff_mime("\xff\xd8\xff\xdb", 4), "image/jpeg");
	assert_string_equal(sniff_mime("GIF87a", 6), "image/gif");
	assert_string_equal(sniff_mime("GIF89a..", 8), "image/gif");
	assert_string_equal(sniff_mime("RIFF\0\0\0\0WEBPVP8 ", 16),
	    "image/webp");
	assert_null(sniff_mime("RIFF\0\0\0\0WAVEfmt ", 16));
	assert_null(sniff_mime("RIFF\0\0\0\0WEB", 11));
	assert_null(sniff_mime("\x89PNG\r\n\x1a", 7));
	assert_null(sniff_mime("%PDF", 4));
	assert_null(sniff_mime("", 0));
	assert_null(sniff_mime("MZ\x90", 3));
}

static void
test_bound_messages(void **state)
{
	struct input	 v[3] = { in("req", "x"), in("bq", "on") };
	struct vresult	 r;

	(void)state;
	v[2] = in("d", "1999-12-31");
	check(sink, v, 3, "d", RULE_MIN, &r);
	assert_string_equal(r.errors[0].msg_vi,
	    "Ngày không được trước ngày 01/01/2000.");
	assert_string_equal(r.errors[0].msg_en,
	    "Date must not be before 2000-01-01.");
	v[2] = in("dec", "11");
	check(sink, v, 3, "dec", RULE_MAX, &r);
	assert_string_equal(r.errors[0].msg_vi,
	    "Điểm không được lớn hơn 10,5.");
	assert_string_equal(r.errors[0].msg_en, "Score must be at most 10.5.");
	v[2] = in("t", "Nguyễn Văn");
	check(sink, v, 3, "t", RULE_MAXLEN, &r);
	assert_string_equal(r.errors[0].msg_vi,
	    "Tên không được dài quá 5 ký tự.");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_minimal_json),
		cmocka_unit_test(test_required),
		cmocka_unit_test(test_repeats_and_unknown),
		cmocka_unit_test(test_checkbox),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_file_names),
		cmocka_unit_test(test_checkers),
		cmocka_unit_test(test_bound_messages),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
