/*
 * test_pdf.c - doc/pdf.h without a signer: layouts parsed and refused
 * with a reason, rendered as PDF, and the incremental update refused
 * on what it cannot update; signing with no signer is PDF_UNAVAILABLE.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "base/arena.h"
#include "doc/pdf.h"
#include "sign/client.h"

static struct pdf_layout *
parse(struct arena *a, const char *xml, enum pdf_status *st,
    struct pdf_err *err)
{
	return pdf_layout_parse(a, xml, strlen(xml), st, err);
}

static void
layout_good(void **state)
{
	struct arena		*a = arena_new(4096);
	struct pdf_layout	*l;
	struct pdf_err		 err;
	enum pdf_status		 st;

	(void)state;
	l = parse(a, "<layout lang=\"vi\" title=\"T\"><title> Giấy  xác\n"
	    "nhận </title><p align=\"right\" bold=\"1\">a</p>"
	    "<table widths=\"30 70\"><row head=\"1\"><cell>x</cell><cell>y"
	    "</cell></row><row><cell>1</cell><cell>2</cell></row></table>"
	    "<signature-block><line>GIÁM ĐỐC</line><line>B</line>"
	    "</signature-block><qr caption=\"c\">https://x/v/1</qr>"
	    "<footer>f</footer></layout>", &st, &err);
	assert_non_null(l);
	assert_int_equal(st, PDF_OK);
	assert_string_equal(l->lang, "vi");
	assert_int_equal(l->n, 7);
	assert_int_equal(l->blocks[0].kind, PB_TITLE);
	assert_string_equal(l->blocks[0].text[0], "Giấy xác nhận");
	assert_int_equal(l->blocks[1].align, PA_RIGHT);
	assert_int_equal(l->blocks[1].bold, 1);
	assert_int_equal(l->blocks[2].kind, PB_ROW);
	assert_int_equal(l->blocks[2].head, 1);
	assert_int_equal(l->blocks[2].n, 2);
	assert_int_equal(l->blocks[2].width[1], 70);
	assert_int_equal(l->blocks[3].head, 0);
	assert_int_equal(l->blocks[4].kind, PB_SIGNATURE);
	assert_string_equal(l->blocks[4].text[0], "GIÁM ĐỐC");
	assert_int_equal(l->blocks[5].kind, PB_QR);
	assert_string_equal(l->blocks[5].text[1], "c");
	/* Decomposed input comes out composed (NFC). */
	l = parse(a, "<layout lang=\"vi\"><p>e\xcc\x82\xcc\x81</p></layout>",
	    &st, &err);
	assert_non_null(l);
	assert_string_equal(l->blocks[0].text[0], "ế");
	arena_free(a);
}

static void
layout_bad(void **state)
{
	static const struct {
		const char	*xml;
		enum pdf_status	 st;
		const char	*why;
	} cases[] = {
		{ "<layout><p>x</p></layout>", PDF_BAD_LAYOUT, "lang" },
		{ "<page lang=\"vi\"/>", PDF_BAD_LAYOUT, "root" },
		{ "<layout lang=\"vi\"><img/></layout>", PDF_BAD_LAYOUT,
		  "unknown element <img>" },
		{ "<layout lang=\"vi\"><p>x<b>y</b></p></layout>",
		  PDF_BAD_LAYOUT, "text only" },
		{ "<layout lang=\"vi\"><p color=\"red\">x</p></layout>",
		  PDF_BAD_LAYOUT, "unknown attribute \"color\"" },
		{ "<layout lang=\"vi\"><p align=\"middle\">x</p></layout>",
		  PDF_BAD_LAYOUT, "align" },
		{ "<layout lang=\"vi\"><table widths=\"30 60\"><row><cell>a"
		  "</cell><cell>b</cell></row></table></layout>",
		  PDF_BAD_LAYOUT, "widths" },
		{ "<layout lang=\"vi\"><table><row><cell>a</cell></row><row>"
		  "<cell>a</cell><cell>b</cell></row></table></layout>",
		  PDF_BAD_LAYOUT, "as many cells" },
		{ "<layout lang=\"vi\"><table><cell>a</cell></table></layout>",
		  PDF_BAD_LAYOUT, "<row> expected" },
		{ "<layout lang=\"vi\"><qr> </qr></layout>", PDF_BAD_LAYOUT,
		  "empty" },
		{ "<layout lang=\"vi\">text<p>x</p></layout>", PDF_BAD_LAYOUT,
		  "text between blocks" },
		{ "<layout lang=\"vi\"><p>&#1;</p></layout>", PDF_BAD_LAYOUT,
		  "" },
		{ "<layout lang=\"vi\"><p>", PDF_BAD_LAYOUT, "" },
		{ "<!DOCTYPE l [<!ENTITY e \"x\">]><layout lang=\"vi\"><p>&e;"
		  "</p></layout>", PDF_BAD_LAYOUT, "" },
	};
	struct arena	*a = arena_new(4096);
	struct pdf_err	 err;
	enum pdf_status	 st;
	size_t		 i;
	char		*big;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_null(parse(a, cases[i].xml, &st, &err));
		assert_int_equal(st, cases[i].st);
		assert_true(err.msg[0] != '\0');
		if (strstr(err.msg, cases[i].why) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.msg,
			    cases[i].why);
	}
	/* A paragraph over PDF_LAYOUT_MAX_TEXT bytes. */
	big = arena_alloc(a, PDF_LAYOUT_MAX_TEXT + 64);
	strcpy(big, "<layout lang=\"vi\"><p>");
	memset(big + strlen(big), 'x', PDF_LAYOUT_MAX_TEXT + 1);
	strcpy(big + strlen("<layout lang=\"vi\"><p>") + PDF_LAYOUT_MAX_TEXT + 1,
	    "</p></layout>");
	assert_null(parse(a, big, &st, &err));
	assert_int_equal(st, PDF_TOO_BIG);
	arena_free(a);
}

static unsigned char *
render(struct arena *a, const char *xml, size_t *n)
{
	struct pdf_layout	*l;
	struct pdf_err		 err;
	enum pdf_status		 st;
	unsigned char		*pdf;

	l = parse(a, xml, &st, &err);
	assert_non_null(l);
	st = pdf_render(a, l, &pdf_fonts_default, &pdf, n, &err);
	if (st != PDF_OK)
		fail_msg("render: %s", err.msg);
	return pdf;
}

static X509 *
self_signed(EVP_PKEY *key, const char *cn)
{
	X509	*x = X509_new();

	assert_non_null(x);
	X509_set_pubkey(x, key);
	X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN",
	    MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, X509_get_subject_name(x));
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600);
	assert_true(X509_sign(x, key, EVP_sha256()) > 0);
	return x;
}

static void
render_and_refusals(void **state)
{
	struct arena		*a = arena_new(1 << 16);
	struct pdf_fonts	 none = { "/nonexistent.ttf", "/nonexistent.ttf" };
	struct pdf_layout	*l;
	struct pdf_signer	 s = { 0 };
	struct pdf_err		 err;
	enum pdf_status		 st;
	unsigned char		*pdf, *out;
	size_t			 n, outlen;
	EVP_PKEY		*key;
	X509			*x, *ca;

	(void)state;
	pdf = render(a, "<layout lang=\"vi\"><title>Tiêu đề</title>"
	    "<qr>https://x/verify/ABC</qr></layout>", &n);
	assert_true(n > 1000);
	assert_memory_equal(pdf, "%PDF-", 5);
	/* Fonts that are not there: a refusal, not a crash. */
	l = parse(a, "<layout lang=\"vi\"><p>x</p></layout>", &st, &err);
	assert_int_equal(pdf_render(a, l, &none, &out, &outlen, &err),
	    PDF_RENDER);
	/* Not a PDF, or a PDF cut short: nothing to update. */
	assert_int_equal(pdf_sign(a, (const unsigned char *)"hello", 5, &s,
	    &out, &outlen, &err), PDF_UNSUPPORTED);
	assert_int_equal(pdf_sign(a, pdf, n - 40, &s, &out, &outlen, &err),
	    PDF_UNSUPPORTED);
	/* A whole PDF, a certificate, but no signer: 503's status. */
	key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	assert_non_null(key);
	x = self_signed(key, "unit");
	ca = self_signed(key, "ca");
	s.client = sign_client_new("/nonexistent/signer.sock", 200);
	s.unit = "000.00.01.H26";
	s.cert = x;
	s.ca = ca;
	s.when = 1700000000;
	st = pdf_sign(a, pdf, n, &s, &out, &outlen, &err);
	if (st != PDF_UNAVAILABLE)
		fail_msg("no signer: %s: %s", pdf_status_names[st], err.msg);
	sign_client_free(s.client);
	X509_free(x);
	X509_free(ca);
	EVP_PKEY_free(key);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(layout_good),
		cmocka_unit_test(layout_bad),
		cmocka_unit_test(render_and_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
