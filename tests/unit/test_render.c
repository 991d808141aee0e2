/*
 * test_render.c - pages from view models through the stylesheets of
 * templates/ (run from the repository root): every field type of a
 * form, escaping of anything a definition says, the language, and the
 * walls around XSLT (no file or network access from a stylesheet, no
 * include outside templates/, no DOCTYPE, every string in both
 * languages).
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
#include "web/web.h"
#include "web/pages/pages.h"
#include "web/render.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static struct templates	*tpl;
static struct arena	*arena;

static int
setup(void **state)
{
	struct diags	d = { NULL, 0, 0 };

	(void)state;
	if ((tpl = templates_load("templates", &d)) == NULL) {
		diags_print(&d, stderr);
		diags_free(&d);
		return -1;
	}
	arena = arena_new(16384);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	templates_free(tpl);
	arena_free(arena);
	return 0;
}

/* A page request: the transport's part in the arena. */
static void
mkreq(struct wreq *r, const char *path)
{
	struct req	*h = arena_calloc(arena, 1, sizeof(*h));

	memset(r, 0, sizeof(*r));
	h->arena = arena;
	h->path = path;
	h->query = "";
	h->ctype = "";
	h->accept = "text/html";
	h->request_id = "0123456789abcdef";
	r->h = h;
	r->app.arena = arena;
	r->app.request_id = h->request_id;
	r->templates = tpl;
}

/* ---- a service with every field type and hostile text ---------------- */

#define EVIL	"<script>alert(1)</script>&amp;\"'"

static struct option opts[] = {
	{ "a\"><b>", { "Lựa chọn <i>A</i>", "Option <i>A</i>" } },
	{ "b", { "Lựa chọn B", "Option B" } },
};

static const char *accept_types[] = { "application/pdf", "image/png" };
static int dummy_guard;

static struct field fields[FT__MAX];
static struct section sections[] = {
	{ "one", { "Phần " EVIL, "Part " EVIL } },
	{ "two", { "Phần hai", "Part two" } },
};
static struct form form;
static struct workflow wf;

static void
build_service(void)
{
	static char	ids[FT__MAX][16];
	size_t		i;

	memset(fields, 0, sizeof(fields));
	for (i = 0; i < FT__MAX; i++) {
		struct field *f = &fields[i];

		snprintf(ids[i], sizeof(ids[i]), "f%zu", i);
		f->id = ids[i];
		f->type = (enum ftype)i;
		f->section = i < FT__MAX / 2 ? 0 : 1;
		f->label.vi = "Nhãn " EVIL;
		f->label.en = "Label " EVIL;
		f->hint.vi = "Gợi ý " EVIL;
		f->hint.en = "Hint " EVIL;
		f->required = i % 2 == 0;
		if (f->type == FT_SELECT || f->type == FT_RADIO ||
		    f->type == FT_CHECKBOX) {
			f->options = opts;
			f->noptions = NELEM(opts);
		}
	}
	fields[FT_TEXT].pattern_src = "[0-9]{10}";
	fields[FT_TEXT].maxlen = 20;
	fields[FT_INTEGER].has_min = fields[FT_INTEGER].has_max = 1;
	fields[FT_INTEGER].min = 1;
	fields[FT_INTEGER].max = 12;
	fields[FT_DECIMAL].has_max = 1;
	fields[FT_DECIMAL].max = 10 * DEC_SCALE + 5000;	/* 10.5 */
	fields[FT_DATE].has_min = 1;
	fields[FT_DATE].min = date_from_ymd(2025, 1, 31);
	fields[FT_FILE].accept = accept_types;
	fields[FT_FILE].naccept = NELEM(accept_types);
	fields[FT_FILE].max_size = 5 << 20;
	fields[FT_FILE].max_count = 2;
	fields[FT_UNIT].unit_kind = UK_SCHOOL;
	fields[FT_EMAIL].required_if = (struct guard *)&dummy_guard;
	fields[FT_EMAIL].msg[RULE_REQUIRED].vi = "Khi cần " EVIL;
	fields[FT_EMAIL].msg[RULE_REQUIRED].en = "When needed " EVIL;
	fields[FT_CCCD].readonly = 1;

	memset(&form, 0, sizeof(form));
	form.id = "all-fields";
	form.title.vi = "Mẫu " EVIL;
	form.title.en = "Form " EVIL;
	form.sections = sections;
	form.nsections = NELEM(sections);
	form.fields = fields;
	form.nfields = FT__MAX;

	memset(&wf, 0, sizeof(wf));
	wf.code = "all-fields";
	wf.catalogue = "9.99";
	wf.name.vi = "Dịch vụ " EVIL;
	wf.name.en = "Service " EVIL;
	wf.legal_basis.vi = "Căn cứ " EVIL;
	wf.legal_basis.en = "Basis " EVIL;
	wf.form = &form;
	wf.fee = 1250000;
	wf.deadline_days = 1;
}

static char *
render_service(enum lang lang, const struct kvlist *values,
    const struct field_error *errs, size_t nerrs, const char *csrf)
{
	struct wreq	 r;
	struct view	*v;
	char		*html;
	size_t		 len;

	mkreq(&r, "/services/all-fields");
	r.csrf = csrf;
	build_service();
	v = pages_service(&r, lang, &wf, values, errs, nerrs);
	html = render_html(tpl, v, &len);
	assert_non_null(html);
	assert_int_equal(strlen(html), len);
	return html;
}

static int
count(const char *hay, const char *needle)
{
	int	n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void
every_field_type(void **state)
{
	char	*h;

	(void)state;
	h = render_service(LANG_VI, NULL, NULL, 0, NULL);
	assert_true(strncmp(h, "<!doctype html>\n<html lang=\"vi\">", 32) == 0);
	/* Sections are fieldsets; choice groups too. */
	assert_int_equal(count(h, "<fieldset class=\"section\""), 2);
	assert_int_equal(count(h, "<fieldset class=\"field group\""), 2);
	assert_non_null(strstr(h, "<input type=\"text\" id=\"f-f0\" "
	    "name=\"f0\""));
	assert_non_null(strstr(h, "<textarea rows=\"4\" id=\"f-f1\""));
	assert_non_null(strstr(h, "<input type=\"number\" inputmode=\"numeric\""
	    " step=\"1\" class=\"short\" id=\"f-f2\""));
	assert_non_null(strstr(h, "min=\"1\" max=\"12\""));
	assert_non_null(strstr(h, "inputmode=\"decimal\""));
	assert_non_null(strstr(h, "Giá trị từ 1 đến 12."));
	assert_non_null(strstr(h, "<input type=\"date\" class=\"short\" "
	    "id=\"f-f4\""));
	assert_non_null(strstr(h, "min=\"2025-01-31\""));
	assert_non_null(strstr(h, "<select id=\"f-f5\" name=\"f5\""));
	assert_non_null(strstr(h, "<input type=\"radio\" id=\"f-f6-1\" "
	    "name=\"f6\""));
	assert_non_null(strstr(h, "<input type=\"checkbox\" id=\"f-f7-2\" "
	    "name=\"f7\" value=\"b\">"));
	assert_non_null(strstr(h, "<input type=\"checkbox\" value=\"true\" "
	    "id=\"f-f8\" name=\"f8\""));
	/* CCCD readonly: shown, not sent. */
	assert_non_null(strstr(h, "<input type=\"text\" id=\"f-f9\" readonly"));
	assert_null(strstr(h, "name=\"f9\""));
	assert_non_null(strstr(h, "<input type=\"tel\" autocomplete=\"tel\""));
	assert_non_null(strstr(h, "<input type=\"email\""));
	assert_non_null(strstr(h, "data-unit-kind=\"school\" id=\"f-f12\""));
	assert_non_null(strstr(h, "<input type=\"file\" "
	    "accept=\"application/pdf,image/png\" id=\"f-f13\" name=\"f13\""));
	assert_non_null(strstr(h, "multiple"));
	assert_non_null(strstr(h, "enctype=\"multipart/form-data\""));
	/* Labels bound, hints described, required marked. */
	assert_int_equal(count(h, "<label for=\"f-f"), FT__MAX - 2 +
	    2 * (int)NELEM(opts));
	assert_non_null(strstr(h, "aria-describedby=\"f-f0-hint\""));
	assert_non_null(strstr(h, "<p class=\"hint\" id=\"f-f0-hint\">"));
	assert_true(count(h, "<span class=\"req\" aria-hidden=\"true\">*"
	    "</span>") >= FT__MAX / 2 - 1);
	assert_non_null(strstr(h, "pattern=\"[0-9]{10}\""));
	assert_non_null(strstr(h, "maxlength=\"20\""));
	/* The fee, Vietnamese style. */
	assert_non_null(strstr(h, "1.250.000 đồng"));
	assert_non_null(strstr(h, "1 ngày làm việc"));
	/* No session: no form token, a sign-in note. */
	assert_null(strstr(h, "name=\"csrf\""));
	assert_non_null(strstr(h, "name=\"idempotency_key\""));
	assert_true(strlen(h) < 30 * 1024);
}

static void
escaping(void **state)
{
	char	*h;

	(void)state;
	h = render_service(LANG_VI, NULL, NULL, 0, NULL);
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "<i>"));
	assert_null(strstr(h, "<b>"));
	assert_non_null(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt;"
	    "&amp;amp;\"'"));
	/* In attributes too (libxml2 quotes with ' when it can). */
	assert_non_null(strstr(h, "value='a\"&gt;&lt;b&gt;'"));
	assert_non_null(strstr(h, "<title>Dịch vụ &lt;script&gt;"));
}

static void
english(void **state)
{
	char	*h;

	(void)state;
	h = render_service(LANG_EN, NULL, NULL, 0, "to'k\"en");
	assert_true(strncmp(h, "<!doctype html>\n<html lang=\"en\">", 32) == 0);
	assert_non_null(strstr(h, "Label &lt;script&gt;"));
	assert_null(strstr(h, "Nhãn"));
	assert_non_null(strstr(h, "1,250,000 VND"));
	assert_non_null(strstr(h, "1 working day<"));
	assert_non_null(strstr(h, "Submit application"));
	assert_non_null(strstr(h, "href=\"/?lang=en\""));
	/* A session: its form token, escaped. */
	assert_non_null(strstr(h, "<input type=\"hidden\" name=\"csrf\" "
	    "value=\"to'k&quot;en\">"));
}

static void
values_and_errors(void **state)
{
	struct kvlist		 vals = { NULL, 0, 0 };
	struct kv		 kv;
	struct field_error	 errs[] = {
		{ "f0", RULE_PATTERN, "Sai <mẫu>", "Wrong <shape>" },
		{ "f6", RULE_REQUIRED, "Chọn một", "Choose one" },
		{ NULL, RULE_TYPE, "Lỗi chung", "General error" },
	};
	char			*h;

	(void)state;
	memset(&kv, 0, sizeof(kv));
	kv.key = "f0", kv.val = "12<3", kv.vallen = 4;
	kvlist_add(arena, &vals, &kv);
	kv.key = "f7", kv.val = "b", kv.vallen = 1;
	kvlist_add(arena, &vals, &kv);
	kv.key = "f1", kv.val = "line</textarea>", kv.vallen = 15;
	kvlist_add(arena, &vals, &kv);
	kv.key = "f5", kv.val = "b", kv.vallen = 1;
	kvlist_add(arena, &vals, &kv);
	h = render_service(LANG_VI, &vals, errs, NELEM(errs), NULL);
	assert_non_null(strstr(h, "value=\"12&lt;3\""));
	assert_non_null(strstr(h, "line&lt;/textarea&gt;</textarea>"));
	assert_non_null(strstr(h, "id=\"f-f7-2\" name=\"f7\" value=\"b\" "
	    "checked"));
	assert_non_null(strstr(h, "<option value=\"b\" selected>"));
	assert_non_null(strstr(h, "<div class=\"error-summary\" role=\"alert\">"));
	assert_non_null(strstr(h, "<a href=\"#f-f0\">"));
	assert_non_null(strstr(h, "<a href=\"#f-f6-1\">"));
	assert_non_null(strstr(h, "<li>Lỗi chung</li>"));
	assert_non_null(strstr(h, "id=\"f-f0-err\""));
	assert_non_null(strstr(h, "aria-describedby=\"f-f0-hint f-f0-err\" "
	    "aria-invalid=\"true\""));
	assert_non_null(strstr(h, "Sai &lt;mẫu&gt;"));
}

static void
language_choice(void **state)
{
	struct wreq	r;
	struct resp	w;
	struct kv	kv;
	enum lang	l;

	(void)state;
	mkreq(&r, "/");
	resp_init(&w);
	assert_int_equal(view_lang(&r, &w, &l), 0);
	assert_int_equal(l, LANG_VI);
	memset(&kv, 0, sizeof(kv));
	kv.key = "lang", kv.val = "en", kv.vallen = 2;
	kvlist_add(arena, &r.h->cookies, &kv);
	assert_int_equal(view_lang(&r, &w, &l), 0);
	assert_int_equal(l, LANG_EN);
	assert_int_equal(w.nheaders, 0);
	/* The parameter wins, and is remembered. */
	kv.val = "vi";
	kvlist_add(arena, &r.h->args, &kv);
	assert_int_equal(view_lang(&r, &w, &l), 0);
	assert_int_equal(l, LANG_VI);
	assert_int_equal(w.nheaders, 1);
	assert_string_equal(w.headers[0].name, "Set-Cookie");
	assert_non_null(strstr(w.headers[0].value, "lang=vi;"));
	/* Anything else is refused. */
	r.h->args.v[0].val = "fr";
	resp_init(&w);
	assert_int_equal(view_lang(&r, &w, &l), -1);
	assert_int_equal(w.status, 422);
}

/* The lookup answer as h_pages.c builds it: times in Vietnam time. */
static void
lookup_answer(void **state)
{
	struct wreq	 r;
	struct view	*v;
	xmlNodePtr	 l, res;
	char		*h;
	size_t		 len;

	(void)state;
	mkreq(&r, "/lookup");
	v = view_new(&r, PAGE_LOOKUP, LANG_VI);
	l = view_el(v->root, "lookup", NULL);
	view_attr(l, "asked", "1");
	view_attr(l, "code", "79.001-261129-0001");
	res = view_el(l, "result", NULL);
	view_attr(res, "code", "79.001-261129-0001");
	view_el(res, "service", "Xác nhận <bảng> điểm");
	view_el(res, "state", "Mới đăng ký");
	view_attr(view_el(res, "received", NULL), "at",
	    "2026-11-29T10:19:11+07:00");
	view_attr(view_el(res, "due", NULL), "at",
	    "2026-12-01T17:00:00+07:00");
	h = render_html(tpl, v, &len);
	assert_non_null(h);
	assert_non_null(strstr(h, "<dd>79.001-261129-0001</dd>"));
	assert_non_null(strstr(h, "Xác nhận &lt;bảng&gt; điểm"));
	assert_non_null(strstr(h, "<time datetime=\"2026-11-29T10:19:11+07:00\">"
	    "29/11/2026 10:19</time>"));
	assert_non_null(strstr(h, "01/12/2026 17:00"));
	assert_non_null(strstr(h, "Hẹn trả kết quả"));
	/* The form again below, the code kept, the PIN never. */
	assert_non_null(strstr(h, "value=\"79.001-261129-0001\""));
	assert_null(strstr(h, "name=\"pin\" required=\"required\" "
	    "autocomplete=\"off\" spellcheck=\"false\" class=\"medium\" "
	    "aria-describedby=\"f-pin-hint\" inputmode=\"numeric\" "
	    "maxlength=\"32\" value"));
}

/* ---- the walls --------------------------------------------------------- */

static char tmpdir_[64];

static void
put(const char *dir, const char *name, const char *text)
{
	char	 path[256];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

#define XSL_HEAD "<?xml version=\"1.0\"?>\n<xsl:stylesheet version=\"1.0\" " \
	"xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">\n"
#define XSL_TAIL "</xsl:stylesheet>\n"
#define STRINGS	"<strings><s id=\"a\"><vi>A</vi><en>A</en></s></strings>\n"

/* A templates directory whose every page is body; NULL if refused. */
static struct templates *
tpl_dir(const char *body, const char *strings, struct diags *d)
{
	char	 xsl[4096];
	size_t	 i;

	snprintf(tmpdir_, sizeof(tmpdir_), "/tmp/motcua-tpl-XXXXXX");
	assert_non_null(mkdtemp(tmpdir_));
	snprintf(xsl, sizeof(xsl), "%s%s%s", XSL_HEAD, body, XSL_TAIL);
	for (i = 0; i < PAGE__MAX; i++) {
		char name[64];

		snprintf(name, sizeof(name), "%s.xsl", page_names[i]);
		put(tmpdir_, name, xsl);
	}
	put(tmpdir_, "strings.xml", strings);
	put(tmpdir_, "secret.xml", "<secret>s3cr3t</secret>\n");
	return templates_load(tmpdir_, d);
}

static void
tpl_dir_rm(void)
{
	char	cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir_);
	assert_int_equal(system(cmd), 0);
}

/* Transform with t; the HTML, or NULL. */
static char *
try_render(struct templates *t)
{
	struct wreq	 r;
	struct view	*v;
	size_t		 len;

	mkreq(&r, "/");
	r.templates = t;
	v = view_new(&r, PAGE_CATALOGUE, LANG_VI);
	return render_html(t, v, &len);
}

static void
no_files_no_network(void **state)
{
	struct diags		 d = { NULL, 0, 0 };
	struct templates	*t;
	char			*h;
	const char		*reads[] = {
		"<xsl:template match=\"/\"><p><xsl:value-of "
		    "select=\"document('/etc/passwd')\"/>"
		    "<xsl:value-of select=\"document('secret.xml')\"/>"
		    "</p></xsl:template>\n",
		"<xsl:template match=\"/\"><p><xsl:value-of "
		    "select=\"document('http://127.0.0.1:9/x')\"/>"
		    "</p></xsl:template>\n",
	};
	size_t			 i;

	(void)state;
	for (i = 0; i < NELEM(reads); i++) {
		t = tpl_dir(reads[i], STRINGS, &d);
		assert_non_null(t);
		h = try_render(t);
		/* Refused: an error, or nothing read. */
		assert_true(h == NULL || (strstr(h, "root:") == NULL &&
		    strstr(h, "s3cr3t") == NULL));
		templates_free(t);
		tpl_dir_rm();
	}
	/* Writing a file (XSLT 1.1's xsl:document, which libxslt does
	 * in 1.0 stylesheets too): refused. */
	t = tpl_dir("<xsl:template match=\"/\"><xsl:document "
	    "href=\"/tmp/motcua-tpl-written\"><x/></xsl:document><p/>"
	    "</xsl:template>\n", STRINGS, &d);
	assert_non_null(t);
	assert_null(try_render(t));
	templates_free(t);
	assert_int_equal(access("/tmp/motcua-tpl-written", F_OK), -1);
	tpl_dir_rm();
	diags_free(&d);
}

static void
load_refusals(void **state)
{
	struct diags	d = { NULL, 0, 0 };

	(void)state;
	/* An include outside the directory. */
	assert_null(tpl_dir("<xsl:include href=\"/etc/passwd\"/>\n",
	    STRINGS, &d));
	assert_true(d.n > 0);
	tpl_dir_rm();
	diags_free(&d);
	/* A string without English. */
	assert_null(tpl_dir("<xsl:template match=\"/\"><p/></xsl:template>\n",
	    "<strings><s id=\"a\"><vi>A</vi></s></strings>\n", &d));
	assert_true(d.n > 0);
	assert_non_null(strstr(d.v[0].msg, "no <en>"));
	tpl_dir_rm();
	diags_free(&d);
	/* Twice the same string. */
	assert_null(tpl_dir("<xsl:template match=\"/\"><p/></xsl:template>\n",
	    "<strings><s id=\"a\"><vi>A</vi><en>A</en></s>"
	    "<s id=\"a\"><vi>A</vi><en>A</en></s></strings>\n", &d));
	assert_true(d.n > 0);
	tpl_dir_rm();
	diags_free(&d);
	/* An entity: no DOCTYPE at all. */
	assert_null(tpl_dir("<xsl:template match=\"/\"><p/></xsl:template>\n",
	    "<!DOCTYPE strings [<!ENTITY x SYSTEM \"/etc/passwd\">]>"
	    "<strings><s id=\"a\"><vi>&x;</vi><en>A</en></s></strings>\n",
	    &d));
	assert_true(d.n > 0);
	tpl_dir_rm();
	diags_free(&d);
	/* A stylesheet that does not compile. */
	assert_null(tpl_dir("<xsl:template match=\"/\"><xsl:value-of "
	    "select=\"((\"/></xsl:template>\n", STRINGS, &d));
	assert_true(d.n > 0);
	tpl_dir_rm();
	diags_free(&d);
}

/* Our stylesheets never turn escaping off. */
static void
no_disable_output_escaping(void **state)
{
	char	 path[128], buf[65536];
	size_t	 i, n;
	FILE	*f;

	(void)state;
	for (i = 0; i < PAGE__MAX + 1; i++) {
		snprintf(path, sizeof(path), "templates/%s.xsl",
		    i < PAGE__MAX ? page_names[i] : "layout");
		assert_non_null(f = fopen(path, "r"));
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		buf[n] = '\0';
		assert_null(strstr(buf, "disable-output-escaping"));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_field_type),
		cmocka_unit_test(escaping),
		cmocka_unit_test(english),
		cmocka_unit_test(values_and_errors),
		cmocka_unit_test(language_choice),
		cmocka_unit_test(lookup_answer),
		cmocka_unit_test(no_files_no_network),
		cmocka_unit_test(load_refusals),
		cmocka_unit_test(no_disable_output_escaping),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
