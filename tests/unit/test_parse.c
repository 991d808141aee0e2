/*
 * test_parse.c - urlencoded, cookie, multipart and JSON body parsers:
 * the accept and the refuse side of every rule and limit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "base/arena.h"
#include "http/parse.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct parse_limits lim = {
	.max_fields = 4, .max_key = 8, .max_val = 16, .max_file = 32,
	.max_depth = 3,
};

typedef int (*kvparser)(struct arena *, const char *, size_t,
    const struct parse_limits *, struct kvlist *, struct perr_info *);

/* One input, what it gives: rc, code, field, count, first pair. */
struct kvcase {
	const char	*in;
	int		 rc;
	enum perr	 code;
	const char	*field;
	size_t		 n;
	const char	*k0;
	const char	*v0;
	size_t		 v0len;		/* when v0 holds a NUL */
};

static void
run_kvcases(kvparser fn, const struct kvcase *c, size_t nc)
{
	struct arena		*a = arena_new(4096);
	struct kvlist		 l;
	struct perr_info	 e;
	size_t			 i;

	for (i = 0; i < nc; i++, arena_reset(a)) {
		memset(&l, 0, sizeof(l));
		print_message("case %zu: \"%s\"\n", i, c[i].in);
		assert_int_equal(fn(a, c[i].in, strlen(c[i].in), &lim, &l,
		    &e), c[i].rc);
		assert_string_equal(perr_names[e.code],
		    perr_names[c[i].code]);
		if (c[i].rc == -1) {
			assert_string_equal(e.field, c[i].field);
			assert_int_equal(l.n, 0);
			continue;
		}
		assert_int_equal(l.n, c[i].n);
		if (c[i].k0 == NULL)
			continue;
		assert_string_equal(l.v[0].key, c[i].k0);
		assert_int_equal(l.v[0].keylen, strlen(c[i].k0));
		assert_int_equal(l.v[0].vallen, c[i].v0len ? c[i].v0len :
		    strlen(c[i].v0));
		assert_memory_equal(l.v[0].val, c[i].v0, l.v[0].vallen + 1);
		assert_null(l.v[0].filename);
		assert_null(l.v[0].ctype);
	}
	arena_free(a);
}

static void
test_urlenc(void **state)
{
	static const struct kvcase c[] = {
		{ "", 0, PERR_OK, NULL, 0, NULL, NULL, 0 },
		{ "&&", 0, PERR_OK, NULL, 0, NULL, NULL, 0 },
		{ "a", 0, PERR_OK, NULL, 1, "a", "", 0 },
		{ "a=", 0, PERR_OK, NULL, 1, "a", "", 0 },
		{ "=b", -1, PERR_SYNTAX, "", 0, NULL, NULL, 0 },
		{ "a=1&=b", -1, PERR_SYNTAX, "", 0, NULL, NULL, 0 },
		{ "a=1&&b=2", 0, PERR_OK, NULL, 2, "a", "1", 0 },
		{ "a=1=2", 0, PERR_OK, NULL, 1, "a", "1=2", 0 },
		{ "a=%41%4a%4A%6b%6B", 0, PERR_OK, NULL, 1, "a", "AJJkk", 0 },
		{ "a=%c4%91%C3%A0", 0, PERR_OK, NULL, 1, "a", "đà", 0 },
		{ "a+b=x+y%2B", 0, PERR_OK, NULL, 1, "a b", "x y+", 0 },
		{ "a=%00", 0, PERR_OK, NULL, 1, "a", "\0", 1 },
		{ "a=%4", -1, PERR_SYNTAX, "a", 0, NULL, NULL, 0 },
		{ "a=%", -1, PERR_SYNTAX, "a", 0, NULL, NULL, 0 },
		{ "a=%zz", -1, PERR_SYNTAX, "a", 0, NULL, NULL, 0 },
		{ "a=%4g", -1, PERR_SYNTAX, "a", 0, NULL, NULL, 0 },
		{ "%zz=1", -1, PERR_SYNTAX, "", 0, NULL, NULL, 0 },
		{ "a%00=1", -1, PERR_SYNTAX, "", 0, NULL, NULL, 0 },
		{ "a=1&b=2&c=3&d=4", 0, PERR_OK, NULL, 4, "a", "1", 0 },
		{ "a=1&b=2&c=3&d=4&e", -1, PERR_TOO_MANY, "e", 0, NULL, NULL,
		  0 },
		{ "abcdefgh=1", 0, PERR_OK, NULL, 1, "abcdefgh", "1", 0 },
		{ "abcdefghi=1", -1, PERR_KEY_LONG, "abcdefghi", 0, NULL, NULL,
		  0 },
		{ "%41%42%43%44%45%46%47%48", 0, PERR_OK, NULL, 1, "ABCDEFGH",
		  "", 0 },
		{ "%41%42%43%44%45%46%47%48%49", -1, PERR_KEY_LONG,
		  "ABCDEFGHI", 0, NULL, NULL, 0 },
		{ "a=0123456789abcdef", 0, PERR_OK, NULL, 1, "a",
		  "0123456789abcdef", 0 },
		{ "a=0123456789abcdefg", -1, PERR_VAL_LONG, "a", 0, NULL, NULL,
		  0 },
		{ "a=%30123456789abcde%66", 0, PERR_OK, NULL, 1, "a",
		  "0123456789abcdef", 0 },
	};

	(void)state;
	run_kvcases(urlenc_parse, c, NELEM(c));
}

static void
test_cookie(void **state)
{
	static const struct kvcase c[] = {
		{ "", 0, PERR_OK, NULL, 0, NULL, NULL, 0 },
		{ "a=1; b=2", 0, PERR_OK, NULL, 2, "a", "1", 0 },
		{ "  a = 1 ;b=2 ;", 0, PERR_OK, NULL, 2, "a", "1", 0 },
		{ "a=\"q v\"", 0, PERR_OK, NULL, 1, "a", "q v", 0 },
		{ "a=\"", 0, PERR_OK, NULL, 1, "a", "\"", 0 },
		{ "a=%41+", 0, PERR_OK, NULL, 1, "a", "%41+", 0 },
		{ "a=", 0, PERR_OK, NULL, 1, "a", "", 0 },
		{ "a; =b; b=1", 0, PERR_OK, NULL, 1, "b", "1", 0 },
		{ "a=1=2", 0, PERR_OK, NULL, 1, "a", "1=2", 0 },
		{ "a=1;b=2;c=3;d=4", 0, PERR_OK, NULL, 4, "a", "1", 0 },
		{ "a=1;b=2;c=3;d=4;e=5", 0, PERR_OK, NULL, 4, "a", "1", 0 },
		{ "abcdefgh=1", 0, PERR_OK, NULL, 1, "abcdefgh", "1", 0 },
		{ "abcdefghi=1; b=2", 0, PERR_OK, NULL, 1, "b", "2", 0 },
		{ "a=\"0123456789abcdef\"", 0, PERR_OK, NULL, 1, "a",
		  "0123456789abcdef", 0 },
		{ "a=0123456789abcdefg; c=3", 0, PERR_OK, NULL, 1, "c", "3", 0 },
	};

	(void)state;
	run_kvcases(cookie_parse, c, NELEM(c));
}

/* Errors name the key, cut to 63 bytes on a UTF-8 boundary. */
static void
test_field(void **state)
{
	struct arena		*a = arena_new(4096);
	struct parse_limits	 l0 = lim;
	struct kvlist		 l;
	struct perr_info	 e;
	char			 in[128];

	(void)state;
	l0.max_key = 100;
	l0.max_fields = 0;
	memset(in, 'k', 62);
	memcpy(in + 62, "ễ=1", 6);
	memset(&l, 0, sizeof(l));
	assert_int_equal(urlenc_parse(a, in, strlen(in), &l0, &l, &e), -1);
	assert_int_equal(e.code, PERR_TOO_MANY);
	assert_int_equal(strlen(e.field), 62);
	in[62] = 'k';
	in[63] = 'k';
	assert_int_equal(urlenc_parse(a, in, strlen(in), &l0, &l, &e), -1);
	assert_int_equal(strlen(e.field), 63);

	/* A list is appended to, and left as it was on error. */
	assert_int_equal(urlenc_parse(a, "x=1", 3, &lim, &l, &e), 0);
	assert_int_equal(urlenc_parse(a, "y=2&z=%", 7, &lim, &l, &e), -1);
	assert_int_equal(e.offset, 6);
	assert_int_equal(l.n, 1);
	assert_int_equal(urlenc_parse(a, "y=2&z=3", 7, &lim, &l, &e), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[2].val, "3");
	arena_free(a);
}

static void
test_perr_names(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < PERR__MAX; i++)
		assert_non_null(perr_names[i]);
	assert_string_equal(perr_names[PERR_SYNTAX], "syntax");
	assert_string_equal(perr_names[PERR_JSON], "json");
}

static void
test_boundary(void **state)
{
	static const struct {
		const char	*ctype;
		const char	*want;
	} c[] = {
		{ "multipart/form-data; boundary=abc", "abc" },
		{ "Multipart/Form-Data;BOUNDARY=\"a b:c\"", "a b:c" },
		{ "multipart/form-data; charset=utf-8; boundary="
		  "----WebKitFormBoundary7MA4YWxkTrZu0gW",
		  "----WebKitFormBoundary7MA4YWxkTrZu0gW" },
		{ "multipart/form-data; boundary=\"a\\\"b\"", NULL },
		{ "multipart/form-data; boundary=\"(a/b)?\"", "(a/b)?" },
		{ "multipart/form-data; boundary=x;", "x" },
		{ "multipart/form-data; boundary=\"\"", NULL },
		{ "multipart/form-data; boundary=", NULL },
		{ "multipart/form-data", NULL },
		{ "multipart/mixed; boundary=abc", NULL },
		{ "text/plain; boundary=abc", NULL },
		{ "multipart/form-data; boundary=a; boundary=b", NULL },
		{ "multipart/form-data; boundary=\"abc", NULL },
		{ "multipart/form-data; boundary=\"ab \"", NULL },
		{ "multipart/form-data; boundary=a@b", NULL },
		{ "multipart/form-data; boundary", NULL },
		{ "multipart/form-data; boundary=0123456789012345678901234567"
		  "890123456789012345678901234567890123456789",
		  "0123456789012345678901234567890123456789012345678901234567"
		  "890123456789" },
		{ "multipart/form-data; boundary=0123456789012345678901234567"
		  "8901234567890123456789012345678901234567890", NULL },
	};
	struct arena	*a = arena_new(4096);
	const char	*b;
	size_t		 i;

	(void)state;
	assert_null(multipart_boundary(a, NULL));
	for (i = 0; i < NELEM(c); i++) {
		print_message("case %zu: %s\n", i, c[i].ctype);
		b = multipart_boundary(a, c[i].ctype);
		if (c[i].want == NULL)
			assert_null(b);
		else
			assert_string_equal(b, c[i].want);
	}
	arena_free(a);
}

#define CD	"Content-Disposition: form-data; "

static const struct mpcase {
	const char	*body;
	int		 rc;
	enum perr	 code;
	const char	*field;
	size_t		 n;
} mpc[] = {
	{ "--XyZ--", 0, PERR_OK, NULL, 0 },
	{ "--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ\r\n"
	  CD "name=b\r\n\r\n\r\n--XyZ--\r\n", 0, PERR_OK, NULL, 2 },
	{ "preamble\r\n--XyZ \t\r\n" CD "name=a\r\n\r\nv\r\n--XyZ--"
	  "epilogue\r\n--XyZ\r\ngarbage", 0, PERR_OK, NULL, 1 },
	{ "--XyZ\r\ncontent-disposition: FORM-DATA; NAME=a\r\n"
	  "X-Other: 1\r\n\r\nv\r\n--XyZ--", 0, PERR_OK, NULL, 1 },
	{ "", -1, PERR_TRUNCATED, "", 0 },
	{ "no delimiter here", -1, PERR_TRUNCATED, "", 0 },
	{ "--XyZ", -1, PERR_TRUNCATED, "", 0 },
	{ "--XyZ-", -1, PERR_TRUNCATED, "", 0 },
	{ "--XyZ\r\n" CD "name=a", -1, PERR_TRUNCATED, "", 0 },
	{ "--XyZ\r\n" CD "name=a\r\n\r\n", -1, PERR_TRUNCATED, "a", 0 },
	{ "--XyZ\r\n" CD "name=a\r\n\r\nhalf a val", -1, PERR_TRUNCATED,
	  "a", 0 },
	{ "--XyZ\r\n" CD "name=a\r\n\r\nv\r\n--XyZ", -1, PERR_TRUNCATED,
	  "", 0 },
	{ "--XyZ\r\n" CD "name=a\r\n\r\nv\r\n--XyZ\r\n", -1,
	  PERR_TRUNCATED, "", 0 },
	{ "--XyZW\r\n", -1, PERR_SYNTAX, "", 0 },
	{ "--XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n--XyZ--", -1,
	  PERR_SYNTAX, "", 0 },
	{ "--XyZ\r\n\r\nv\r\n--XyZ--", -1, PERR_SYNTAX, "", 0 },
	{ "--XyZ\r\n" CD "filename=\"f\"\r\n\r\nv\r\n--XyZ--", -1,
	  PERR_SYNTAX, "", 0 },
	{ "--XyZ\r\n" CD "name=\"\"\r\n\r\nv\r\n--XyZ--", -1, PERR_SYNTAX,
	  "", 0 },
	{ "--XyZ\r\n" CD "name=\"a\r\n\r\nv\r\n--XyZ--", -1, PERR_SYNTAX,
	  "", 0 },
	{ "--XyZ\r\n" CD "name=a; name=b\r\n\r\nv\r\n--XyZ--", -1,
	  PERR_SYNTAX, "", 0 },
	{ "--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n"
	  "--XyZ--", -1, PERR_SYNTAX, "", 0 },
	{ "--XyZ\r\n" CD "name=a\r\n  folded\r\n\r\nv\r\n--XyZ--", -1,
	  PERR_SYNTAX, "", 0 },
	{ "--XyZ\r\n" CD "name=a\r\nno colon\r\n\r\nv\r\n--XyZ--", -1,
	  PERR_SYNTAX, "", 0 },
	{ "--XyZ\r\n" CD "name=a\r\n" CD "name=b\r\n\r\nv\r\n--XyZ--", -1,
	  PERR_SYNTAX, "", 0 },
	{ "--XyZ\r\n" CD "name=abcdefgh\r\n\r\nv\r\n--XyZ--", 0, PERR_OK,
	  NULL, 1 },
	{ "--XyZ\r\n" CD "name=abcdefghi\r\n\r\nv\r\n--XyZ--", -1,
	  PERR_KEY_LONG, "abcdefghi", 0 },
	{ "--XyZ\r\n" CD "name=t\r\n\r\n0123456789abcdef\r\n--XyZ--", 0,
	  PERR_OK, NULL, 1 },
	{ "--XyZ\r\n" CD "name=t\r\n\r\n0123456789abcdefg\r\n--XyZ--", -1,
	  PERR_VAL_LONG, "t", 0 },
	{ "--XyZ\r\n" CD "name=t\r\n\r\n0123456789abcdefg", -1,
	  PERR_TRUNCATED, "t", 0 },
	{ "--XyZ\r\n" CD "name=t\r\n\r\n0123456789abcdefghijklmnop", -1,
	  PERR_VAL_LONG, "t", 0 },
	{ "--XyZ\r\n" CD "name=f; filename=x\r\n\r\n"
	  "0123456789abcdef0123456789abcdef\r\n--XyZ--", 0, PERR_OK, NULL, 1 },
	{ "--XyZ\r\n" CD "name=f; filename=x\r\n\r\n"
	  "0123456789abcdef0123456789abcdef!\r\n--XyZ--", -1, PERR_FILE_LONG,
	  "f", 0 },
	{ "--XyZ\r\n" CD "name=a\r\n\r\n\r\n--XyZ\r\n" CD "name=b\r\n\r\n"
	  "\r\n--XyZ\r\n" CD "name=c\r\n\r\n\r\n--XyZ\r\n" CD "name=d\r\n\r\n"
	  "\r\n--XyZ--", 0, PERR_OK, NULL, 4 },
	{ "--XyZ\r\n" CD "name=a\r\n\r\n\r\n--XyZ\r\n" CD "name=b\r\n\r\n"
	  "\r\n--XyZ\r\n" CD "name=c\r\n\r\n\r\n--XyZ\r\n" CD "name=d\r\n\r\n"
	  "\r\n--XyZ\r\n" CD "name=e\r\n\r\n\r\n--XyZ--", -1, PERR_TOO_MANY,
	  "e", 0 },
};

static void
test_multipart_table(void **state)
{
	struct arena		*a = arena_new(4096);
	struct kvlist		 l;
	struct perr_info	 e;
	size_t			 i;

	(void)state;
	for (i = 0; i < NELEM(mpc); i++, arena_reset(a)) {
		memset(&l, 0, sizeof(l));
		print_message("case %zu\n", i);
		assert_int_equal(multipart_parse(a, "XyZ", mpc[i].body,
		    strlen(mpc[i].body), &lim, &l, &e), mpc[i].rc);
		assert_string_equal(perr_names[e.code],
		    perr_names[mpc[i].code]);
		assert_int_equal(l.n, mpc[i].n);
		if (mpc[i].rc == -1)
			assert_string_equal(e.field, mpc[i].field);
	}
	arena_free(a);
}

static void
test_multipart_values(void **state)
{
	/* The file holds NUL, 0xff and "\r\n--" not followed by XyZ. */
	static const char file[] = "\0\r\n--\r\n--Xy\r\n--xyz\xff";
	static const char body[] =
	    "--XyZ\r\n" CD "name=\"q\\\"n\\\\\"\r\n\r\nv1\r\n"
	    "--XyZ\r\n" CD "name=f; filename=\"C:\\x\\\"y.bin\"\r\n"
	    "Content-Type:  application/octet-stream \r\n\r\n"
	    "\0\r\n--\r\n--Xy\r\n--xyz\xff\r\n"
	    "--XyZ\r\n" CD "filename=\"\"; name=\"e\"\r\n\r\n"
	    "\r\n--XyZ--\r\n";
	struct arena		*a = arena_new(4096);
	struct kvlist		 l;
	struct perr_info	 e;

	(void)state;
	memset(&l, 0, sizeof(l));
	assert_int_equal(multipart_parse(a, "XyZ", body, sizeof(body) - 1,
	    &lim, &l, &e), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].key, "q\"n\\");
	assert_int_equal(l.v[0].keylen, 4);
	assert_string_equal(l.v[0].val, "v1");
	assert_int_equal(l.v[0].vallen, 2);
	assert_null(l.v[0].filename);
	assert_null(l.v[0].ctype);
	assert_string_equal(l.v[1].key, "f");
	assert_string_equal(l.v[1].filename, "C:\\x\"y.bin");
	assert_string_equal(l.v[1].ctype, "application/octet-stream");
	assert_int_equal(l.v[1].vallen, sizeof(file) - 1);
	assert_memory_equal(l.v[1].val, file, sizeof(file));
	assert_string_equal(l.v[2].key, "e");
	assert_string_equal(l.v[2].filename, "");
	assert_int_equal(l.v[2].vallen, 0);

	/* A longer boundary that starts like ours is not a delimiter. */
	assert_int_equal(multipart_parse(a, "XyZW", body, sizeof(body) - 1,
	    &lim, &l, &e), -1);
	assert_int_equal(e.code, PERR_TRUNCATED);
	assert_int_equal(l.n, 3);
	arena_free(a);
}

/* A NUL in a filename, quoted or not, would cut it short where it is
 * read as a C string ("a.pdf\0.html" read as "a.pdf"): refused, with
 * the part's name. */
static void
test_multipart_filename_nul(void **state)
{
	static const char quoted[] =
	    "--XyZ\r\n" CD "name=t\r\n\r\nv\r\n"
	    "--XyZ\r\n" CD "name=f; filename=\"a.pdf\0.html\"\r\n\r\n"
	    "%PDF-\r\n--XyZ--\r\n";
	static const char token[] =
	    "--XyZ\r\n" CD "name=f; filename=a.pdf\0.html\r\n\r\n"
	    "%PDF-\r\n--XyZ--\r\n";
	struct arena		*a = arena_new(4096);
	struct kvlist		 l;
	struct perr_info	 e;

	(void)state;
	memset(&l, 0, sizeof(l));
	assert_int_equal(multipart_parse(a, "XyZ", quoted, sizeof(quoted) - 1,
	    &lim, &l, &e), -1);
	assert_int_equal(e.code, PERR_SYNTAX);
	assert_string_equal(e.field, "f");
	assert_int_equal(l.n, 0);
	assert_int_equal(multipart_parse(a, "XyZ", token, sizeof(token) - 1,
	    &lim, &l, &e), -1);
	assert_int_equal(e.code, PERR_SYNTAX);
	assert_string_equal(e.field, "f");
	arena_free(a);
}

/* Part headers: 8 KiB in all is accepted, one byte more is not. */
static void
test_multipart_headers(void **state)
{
	struct arena		*a = arena_new(4096);
	struct kvlist		 l;
	struct perr_info	 e;
	char			 buf[9000];
	size_t			 h, n;
	int			 i;

	(void)state;
	for (i = 0; i < 2; i++) {
		n = (size_t)snprintf(buf, sizeof(buf), "--XyZ\r\n" CD
		    "name=a\r\nX-Pad: ");
		h = n - 7;
		memset(buf + n, 'p', 8192 - h + (size_t)i);
		n += 8192 - h + (size_t)i;
		memcpy(buf + n, "\r\n\r\nv\r\n--XyZ--", 14);
		n += 14;
		memset(&l, 0, sizeof(l));
		assert_int_equal(multipart_parse(a, "XyZ", buf, n, &lim, &l,
		    &e), i == 0 ? 0 : -1);
		assert_int_equal(e.code, i == 0 ? PERR_OK : PERR_SYNTAX);
	}
	assert_int_equal(multipart_parse(a, NULL, "", 0, &lim, &l, &e), -1);
	assert_int_equal(e.code, PERR_BOUNDARY);
	assert_int_equal(multipart_parse(a, "", "", 0, &lim, &l, &e), -1);
	assert_int_equal(e.code, PERR_BOUNDARY);
	memset(buf, 'b', 71);
	buf[71] = '\0';
	assert_int_equal(multipart_parse(a, buf, "", 0, &lim, &l, &e), -1);
	assert_int_equal(e.code, PERR_BOUNDARY);
	arena_free(a);
}

static void
test_json(void **state)
{
	static const struct {
		const char	*in;
		int		 rc;
		enum perr	 code;
		size_t		 off;	/* for PERR_DEPTH */
	} c[] = {
		{ "{}", 0, PERR_OK, 0 },
		{ " {\"a\": [1, 2.5, null, true]}\n", 0, PERR_OK, 0 },
		{ "[[[1]]]", 0, PERR_OK, 0 },
		{ "[[[[1]]]]", -1, PERR_DEPTH, 3 },
		{ "{\"a\":{\"b\":{\"c\":1}}}", 0, PERR_OK, 0 },
		{ "{\"a\":{\"b\":{\"c\":{}}}}", -1, PERR_DEPTH, 15 },
		{ "[[],[],[[]],[[]]]", 0, PERR_OK, 0 },
		{ "[\"[[[[{{{{\"]", 0, PERR_OK, 0 },
		{ "[\"\\\"[[[[\", \"\\\\\", [[1]]]", 0, PERR_OK, 0 },
		{ "[\"\\\\\"[[[[]]]]]", -1, PERR_DEPTH, 7 },
		{ "{\"đặng\": \"Nguyễn\"}", 0, PERR_OK, 0 },
		{ "{\"a\":1,\"a\":2}", -1, PERR_JSON, 0 },
		{ "{} x", -1, PERR_JSON, 0 },
		{ "{}{}", -1, PERR_JSON, 0 },
		{ "", -1, PERR_JSON, 0 },
		{ "{\"a\":", -1, PERR_JSON, 0 },
		{ "[\"\xff\"]", -1, PERR_JSON, 0 },
		{ "[\"\xc0\x80\"]", -1, PERR_JSON, 0 },
		{ "[\"\xed\xa0\x80\"]", -1, PERR_JSON, 0 },
		{ "[\"\\u0000\"]", -1, PERR_JSON, 0 },
		{ "]]]]]", -1, PERR_JSON, 0 },
	};
	/* Strings at any depth, raw or \\u-escaped, come out in NFC;
	 * keys as sent. */
	static const char nfd[] = "{\"e\\u0302\": [{\"k\": "
	    "\"Nguye\\u0302\\u0303n\"}, \"o\xcc\x82\xcc\x80\"], \"s\": \"abc\"}";
	struct arena		*a = arena_new(4096);
	struct perr_info	 e;
	void			*j;
	json_t			*arr;
	size_t			 i;

	(void)state;
	for (i = 0; i < NELEM(c); i++, arena_reset(a)) {
		print_message("case %zu: %s\n", i, c[i].in);
		assert_int_equal(jsonbody_parse(a, c[i].in, strlen(c[i].in),
		    &lim, &j, &e), c[i].rc);
		assert_string_equal(perr_names[e.code],
		    perr_names[c[i].code]);
		if (c[i].rc == 0) {
			assert_non_null(j);
			assert_true(json_is_object((json_t *)j) ||
			    json_is_array((json_t *)j));
		} else
			assert_null(j);
		if (c[i].code == PERR_DEPTH)
			assert_int_equal(e.offset, c[i].off);
	}
	/* The reference belongs to the arena: the leak checker agrees. */
	assert_int_equal(jsonbody_parse(a, "{\"k\":[1]}", 9, &lim, &j, &e), 0);
	assert_int_equal(json_integer_value(json_array_get(
	    json_object_get(j, "k"), 0)), 1);
	assert_int_equal(jsonbody_parse(a, "{\"k\" 1}", 7, &lim, &j, &e), -1);
	assert_in_range(e.offset, 4, 7);	/* jansson: bytes read */
	arena_reset(a);
	assert_int_equal(jsonbody_parse(a, nfd, strlen(nfd), &lim, &j, &e),
	    0);
	assert_non_null(arr = json_object_get(j, "e\xcc\x82"));
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(arr, 0), "k")), "Nguy\xe1\xbb\x85n");
	assert_string_equal(json_string_value(json_array_get(arr, 1)),
	    "\xe1\xbb\x93");
	assert_string_equal(json_string_value(json_object_get(j, "s")), "abc");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_perr_names),
		cmocka_unit_test(test_urlenc),
		cmocka_unit_test(test_cookie),
		cmocka_unit_test(test_field),
		cmocka_unit_test(test_boundary),
		cmocka_unit_test(test_multipart_table),
		cmocka_unit_test(test_multipart_values),
		cmocka_unit_test(test_multipart_filename_nul),
		cmocka_unit_test(test_multipart_headers),
		cmocka_unit_test(test_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
