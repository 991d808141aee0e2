/*
 * test_defs_forms.c - the form and catalogue compilers: the real files
 * load, and each kind of bad definition (written to a temporary
 * directory) is refused with the diagnostic that names the problem, at
 * its line, all problems of a file at once.
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

#include "core/def.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static char	 dir[] = "/tmp/test_defs_forms.XXXXXX";
static char	 path[256];

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/x.xml", dir);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(path);
	rmdir(dir);
	return 0;
}

/* Load xml as the one file; it must fail.  Returns the diagnostics
 * as "line: message\n" lines (static). */
static const char *
refused(const char *xml)
{
	static char	 out[8192];
	const char	*paths[1] = { path };
	struct diags	 d = { NULL, 0, 0 };
	struct defs	*defs;
	FILE		*fp;
	size_t		 i, len = 0;

	assert_non_null(fp = fopen(path, "w"));
	fputs(xml, fp);
	fclose(fp);
	defs = defs_load(paths, 1, "schemas", &d);
	if (defs != NULL)
		fprintf(stderr, "accepted:\n%s\n", xml);
	assert_null(defs);
	assert_true(d.n > 0);
	out[0] = '\0';
	for (i = 0; i < d.n && len < sizeof(out); i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len,
		    "%d: %s\n", d.v[i].line, d.v[i].msg);
	diags_free(&d);
	return out;
}

static void
expect(const char *diags, const char *want)
{
	if (strstr(diags, want) == NULL) {
		fprintf(stderr, "no \"%s\" in:\n%s", want, diags);
		fail();
	}
}

#define FORM(fields) \
	"<form xmlns='urn:motcua:def:1' id='f'>\n" \
	"<title lang='vi'>T</title><title lang='en'>T</title>\n" \
	"<section id='s'><title lang='vi'>S</title><title lang='en'>S</title>\n" \
	fields "</section></form>\n"
#define LABEL	"<label lang='vi'>L</label><label lang='en'>L</label>"
#define OPT(v)	"<option value='" v "'>" LABEL "</option>"
#define FIELD(attrs, body) \
	"<field " attrs ">" LABEL body "</field>\n"

static const struct bad {
	const char	*xml;
	const char	*diag;
} bad_forms[] = {
	{ FORM(FIELD("id='a' type='text'", OPT("x"))),
	    "field \"a\": options apply only to select, radio and checkbox" },
	{ FORM(FIELD("id='a' type='select'", "")),
	    "field \"a\": a select field needs options" },
	{ FORM(FIELD("id='a' type='radio'", OPT("x") OPT("x"))),
	    "field \"a\": option \"x\": given twice" },
	{ FORM(FIELD("id='a' type='text' accept='image/png'", "")),
	    "field \"a\": accept applies only to file fields" },
	{ FORM(FIELD("id='a' type='integer' max-size='10'", "")),
	    "field \"a\": max-size applies only to file fields" },
	{ FORM(FIELD("id='a' type='text' unit-kind='school'", "")),
	    "field \"a\": unit-kind applies only to unit fields" },
	{ FORM(FIELD("id='a' type='unit'", "")),
	    "field \"a\": a unit field needs unit-kind" },
	{ FORM(FIELD("id='a' type='date' minlength='2'", "")),
	    "field \"a\": minlength applies only to text and textarea" },
	{ FORM(FIELD("id='a' type='text' min='1'", "")),
	    "field \"a\": min applies only to integer, decimal and date" },
	{ FORM(FIELD("id='a' type='integer' min='10' max='9'", "")),
	    "field \"a\": min is greater than max" },
	{ FORM(FIELD("id='a' type='decimal' min='0.5' max='0.25'", "")),
	    "field \"a\": min is greater than max" },
	{ FORM(FIELD("id='a' type='date' min='2025-01-02' max='2025-01-01'",
	    "")), "field \"a\": min is greater than max" },
	{ FORM(FIELD("id='a' type='integer' min='1.5'", "")),
	    "field \"a\": min=\"1.5\" is not an integer" },
	{ FORM(FIELD("id='a' type='integer' max='01'", "")),
	    "field \"a\": max=\"01\" is not an integer" },
	{ FORM(FIELD("id='a' type='date' max='2025-02-30'", "")),
	    "field \"a\": max=\"2025-02-30\" is not a date" },
	{ FORM(FIELD("id='a' type='text' minlength='5' maxlength='4'", "")),
	    "field \"a\": minlength 5 is greater than maxlength 4" },
	{ FORM(FIELD("id='a' type='text' maxlength='0'", "")),
	    "field \"a\": maxlength=\"0\" is not a number from 1 to 100000" },
	{ FORM(FIELD("id='a' type='text' pattern='[0-9'", "")),
	    "field \"a\": pattern: " },
	{ FORM(FIELD("id='a' type='text'", "") FIELD("id='a' type='email'", "")),
	    "5: field \"a\": declared twice (first at line 4)" },
	{ FORM(FIELD("id='a' type='text' readonly='true'", "")),
	    "field \"a\": readonly without prefill" },
	{ FORM(FIELD("id='a' type='text' readonly='true' required='true'",
	    "<prefill source='applicant' column='full_name'/>")),
	    "field \"a\": readonly and required" },
	{ FORM(FIELD("id='a' type='text'",
	    "<prefill source='tax' column='full_name'/>")),
	    "field \"a\": prefill: no source \"tax\"" },
	{ FORM(FIELD("id='a' type='text'",
	    "<prefill source='applicant' column='address'/>")),
	    "field \"a\": prefill: source applicant has no column \"address\"" },
	{ FORM(FIELD("id='a' type='text'",
	    "<prefill source='applicant' column='cccd'/>")),
	    "field \"a\": prefill: applicant.cccd fills a cccd field, not a "
	    "text field" },
	{ FORM(FIELD("id='a' type='text'",
	    "<prefill source='applicant' column='full_name' key='b'/>")),
	    "field \"a\": prefill: source applicant takes no key" },
	{ FORM(FIELD("id='a' type='date'",
	    "<prefill source='student' column='date_of_birth'/>")),
	    "field \"a\": prefill: source student needs a key field" },
	{ FORM(FIELD("id='a' type='date'",
	    "<prefill source='student' column='date_of_birth' key='nope'/>")),
	    "field \"a\": prefill key \"nope\" is not a field" },
	{ FORM(FIELD("id='a' type='date'",
	    "<prefill source='student' column='date_of_birth' key='b'/>")
	    FIELD("id='b' type='integer'", "")),
	    "field \"a\": prefill key \"b\" must be another, editable text" },
	{ FORM(FIELD("id='a' type='file' max-size='10'", "")),
	    "field \"a\": a file field needs accept" },
	{ FORM(FIELD("id='a' type='file' accept='image/png'", "")),
	    "field \"a\": a file field needs max-size" },
	{ FORM(FIELD("id='a' type='file' accept='image/png image/png' "
	    "max-size='9'", "")), "field \"a\": accept: image/png given twice" },
	{ FORM(FIELD("id='a' type='file' accept='image/png' max-size='9' "
	    "max-count='21'", "")),
	    "field \"a\": max-count=\"21\" is not a number from 1 to 20" },
	{ FORM(FIELD("id='a' type='text' required='true' required-if=\"b = 1\"",
	    "") FIELD("id='b' type='integer'", "")),
	    "field \"a\": required and required-if together" },
	{ FORM(FIELD("id='a' type='text' required-if=\"nope = 1\"", "")),
	    "guard" },
	{ FORM(FIELD("id='a' type='text'",
	    "<message rule='min' lang='vi'>x</message>"
	    "<message rule='min' lang='en'>x</message>")),
	    "field \"a\": message for min, a rule this field cannot break" },
	{ FORM(FIELD("id='a' type='text' required='true'",
	    "<message rule='required' lang='vi'>x</message>")),
	    "field \"a\": message for required has no en text" },
	{ FORM(FIELD("id='a' type='text' required='true'",
	    "<message rule='required' lang='vi'>x</message>"
	    "<message rule='required' lang='vi'>y</message>")),
	    "field \"a\": message for required in vi given twice" },
	{ FORM("<field id='a' type='text'><label lang='vi'>L</label></field>"),
	    "field \"a\": no <label lang=\"en\">" },
	{ FORM("<field id='a' type='text'>" LABEL "<label lang='vi'>M</label>"
	    "</field>"), "field \"a\": <label lang=\"vi\"> given twice" },
	{ FORM("<field id='a' type='text'><label lang='vi'>  </label>"
	    "<label lang='en'>L</label></field>"),
	    "field \"a\": <label lang=\"vi\"> is blank" },
	{ FORM(FIELD("id='a' type='text'", "<hint lang='en'>h</hint>")),
	    "field \"a\": no <hint lang=\"vi\">" },
	{ FORM(FIELD("id='a' type='select'",
	    "<option value='x'><label lang='vi'>X</label></option>")),
	    "field \"a\": option \"x\": no <label lang=\"en\">" },
	{ "<form xmlns='urn:motcua:def:1' id='f'><title lang='vi'>T</title>"
	    "<section id='s'><title lang='vi'>S</title><title lang='en'>S</title>"
	    FIELD("id='a' type='text'", "") "</section></form>",
	    "form \"f\": no <title lang=\"en\">" },
	{ "<form xmlns='urn:motcua:def:1' id='f'><title lang='vi'>T</title>"
	    "<title lang='en'>T</title>"
	    "<section id='s'><title lang='vi'>S</title><title lang='en'>S</title>"
	    FIELD("id='a' type='text'", "") "</section>"
	    "<section id='s'><title lang='vi'>S</title><title lang='en'>S</title>"
	    FIELD("id='b' type='text'", "") "</section></form>",
	    "section \"s\": declared twice" },
	/* What the schema refuses. */
	{ FORM(FIELD("id='a' type='text' colour='red'", "")), "colour" },
	{ FORM(FIELD("id='A' type='text'", "")), "" },
	{ FORM(FIELD("id='a' type='money'", "")), "" },
	{ FORM(FIELD("id='a' type='file' accept='application/x-msdownload' "
	    "max-size='9'", "")), "" },
	{ FORM(FIELD("id='a' type='text'", "<note/>")), "" },
	{ FORM(FIELD("id='a' type='text'", "<label lang='fr'>L</label>")), "" },
	{ "<form xmlns='urn:motcua:def:1' id='f'><title lang='vi'>T</title>"
	    "<title lang='en'>T</title></form>", "" },
	/* Catalogues. */
	{ "<catalogue xmlns='urn:motcua:def:1'><role id='applicant' "
	    "units='school'><name lang='vi'>A</name><name lang='en'>A</name>"
	    "</role></catalogue>",
	    "role \"applicant\": built in, must not be declared" },
	{ "<catalogue xmlns='urn:motcua:def:1'>"
	    "<role id='clerk' units='school'><name lang='vi'>A</name>"
	    "<name lang='en'>A</name></role>\n"
	    "<role id='clerk' units='department'><name lang='vi'>B</name>"
	    "<name lang='en'>B</name></role></catalogue>",
	    "2: role \"clerk\": declared twice" },
	{ "<catalogue xmlns='urn:motcua:def:1'>"
	    "<role id='clerk' units='school school'><name lang='vi'>A</name>"
	    "<name lang='en'>A</name></role></catalogue>",
	    "role \"clerk\": unit kind \"school\" given twice" },
	{ "<catalogue xmlns='urn:motcua:def:1'>"
	    "<role id='clerk' units='school'><name lang='en'>A</name></role>"
	    "</catalogue>", "role \"clerk\": no <name lang=\"vi\">" },
	{ "<catalogue xmlns='urn:motcua:def:1'>"
	    "<document id='receipt'><name lang='vi'>A</name>"
	    "<name lang='en'>A</name></document>"
	    "<document id='receipt'><name lang='vi'>B</name>"
	    "<name lang='en'>B</name></document></catalogue>",
	    "document \"receipt\": declared twice" },
	{ "<catalogue xmlns='urn:motcua:def:1'><role id='x' units='village'>"
	    "<name lang='vi'>A</name><name lang='en'>A</name></role>"
	    "</catalogue>", "" },
};

static void
test_bad(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(bad_forms); i++)
		expect(refused(bad_forms[i].xml), bad_forms[i].diag);
}

/* Every problem of a file, not only the first. */
static void
test_all_reported(void **state)
{
	const char	*d;

	(void)state;
	d = refused(FORM(
	    FIELD("id='a' type='text' min='1'", OPT("x"))
	    FIELD("id='b' type='select' maxlength='3'", "")
	    FIELD("id='a' type='integer' min='5' max='4'", "")
	    FIELD("id='c' type='unit'", "")));
	expect(d, "4: field \"a\": min applies only to integer");
	expect(d, "4: field \"a\": options apply only to select");
	expect(d, "5: field \"b\": maxlength applies only to text");
	expect(d, "5: field \"b\": a select field needs options");
	expect(d, "6: field \"a\": declared twice (first at line 4)");
	expect(d, "6: field \"a\": min is greater than max");
	expect(d, "7: field \"c\": a unit field needs unit-kind");
}

static void
test_too_many_roles(void **state)
{
	char	*xml, *p;
	size_t	 i, sz = 100 * 128;

	(void)state;
	assert_non_null(p = xml = malloc(sz));
	p += sprintf(p, "<catalogue xmlns='urn:motcua:def:1'>\n");
	for (i = 0; i < ROLE_MAX; i++)
		p += sprintf(p, "<role id='r%zu' units='school'><name lang='vi'>"
		    "R</name><name lang='en'>R</name></role>\n", i);
	sprintf(p, "</catalogue>\n");
	/* 64 declared + the applicant: one too many. */
	expect(refused(xml), "65: role \"r63\": more than 64 roles");
	free(xml);
}

static void
test_two_forms_same_id(void **state)
{
	const char *const paths[] = { "forms/transcript-certification.xml",
	    path };
	struct diags	 d = { NULL, 0, 0 };
	FILE		*fp;

	(void)state;
	assert_non_null(fp = fopen(path, "w"));
	fputs("<form xmlns='urn:motcua:def:1' id='transcript-certification'>"
	    "<title lang='vi'>T</title><title lang='en'>T</title>"
	    "<section id='s'><title lang='vi'>S</title><title lang='en'>S"
	    "</title>" FIELD("id='a' type='text'", "") "</section></form>", fp);
	fclose(fp);
	assert_null(defs_load(paths, 2, "schemas", &d));
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "form \"transcript-certification\": "
	    "declared twice (also in forms/transcript-certification.xml)"));
	diags_free(&d);
}

static void
test_real(void **state)
{
	const char *const paths[] = { "forms", "workflows/catalogue.xml" };
	struct diags	 d = { NULL, 0, 0 };
	struct defs	*defs;
	const struct form *f;
	const struct field *fl;

	(void)state;
	defs = defs_load(paths, NELEM(paths), "schemas", &d);
	diags_print(&d, stderr);
	assert_non_null(defs);
	assert_int_equal(defs->nroles, 6);
	assert_string_equal(defs->roles[1].id, "clerk");
	assert_int_equal(defs->roles[1].unit_kinds, (1u << UK_DEPARTMENT) |
	    (1u << UK_DISTRICT_OFFICE) | (1u << UK_SCHOOL));
	assert_int_equal(defs_role(defs, "principal"), 3);
	assert_int_equal(defs->ndocs, 6);
	assert_string_equal(defs->docs[0].name.vi,
	    "Bản sao học bạ có chứng thực của nhà trường");
	assert_null(defs_form(defs, "nope"));

	assert_non_null(f = defs_form(defs, "transcript-certification"));
	assert_int_equal(f->nsections, 4);
	assert_int_equal(f->nfields, 16);
	assert_int_equal(strlen(f->digest), 64);
	assert_string_equal(f->title.vi, "Đề nghị cấp bản sao học bạ");
	fl = &f->fields[form_field(f, "student_name")];
	assert_true(fl->readonly);
	assert_string_equal(fl->prefill->source, "student");
	assert_int_equal(fl->prefill->key, form_field(f, "student_code"));
	assert_int_equal(f->fields[form_field(f, "applicant_name")].prefill->key,
	    DEF_NONE);
	assert_non_null(f->fields[form_field(f, "purpose_other")].required_if);
	assert_non_null(f->fields[form_field(f, "student_code")].pattern);
	fl = &f->fields[form_field(f, "authorization")];
	assert_int_equal(fl->naccept, 3);
	assert_int_equal(fl->max_size, 5242880);
	assert_int_equal(fl->max_count, 2);
	assert_int_equal(fl->section, 3);
	fl = &f->fields[form_field(f, "copies")];
	assert_true(fl->has_min && fl->has_max);
	assert_int_equal(fl->min, 1);
	assert_int_equal(fl->max, 10);
	assert_string_equal(fl->msg[RULE_MAX].en,
	    "At most 10 copies per application.");
	assert_null(fl->msg[RULE_MIN].vi);

	assert_non_null(f = defs_form(defs, "school-transfer"));
	assert_int_equal(f->nfields, 14);
	assert_int_equal(f->fields[form_field(f, "receiving_school")].unit_kind,
	    UK_SCHOOL);
	defs_free(defs);
	diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_all_reported),
		cmocka_unit_test(test_too_many_roles),
		cmocka_unit_test(test_two_forms_same_id),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
