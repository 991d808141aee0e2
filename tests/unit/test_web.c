/*
 * test_web.c - the request layer without FastCGI: routing, allowlists,
 * body parsing by Content-Type, error documents, responses, config.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "base/arena.h"
#include "base/config.h"
#include "web/web.h"

static struct config cfg;

static int
setup(void **state)
{
	setenv("MOTCUA_DIAG", "1", 1);
	if (config_load(&cfg) == -1)
		return -1;
	*state = arena_new(8192);
	return 0;
}

static int
teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static void
mkreq(struct req *r, struct arena *a, enum http_method m, const char *path)
{
	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->cfg = &cfg;
	r->method = m;
	r->method_name = http_method_names[m];
	r->path = path;
	r->query = "";
	r->ctype = "";
	r->accept = "application/json";
	r->request_id = "0123456789abcdef";
}

/* The route of a request (web/router.c). */
static const struct route *
route_of(struct req *h, const struct config *c, enum herr *e)
{
	struct wreq	r;

	memset(&r, 0, sizeof(r));
	r.h = h;
	r.app.arena = h->arena;
	return router_match(&r, c, e);
}

/* Parse the response body as JSON (owned by the caller). */
static json_t *
body_json(const struct resp *w)
{
	json_t		*j;
	json_error_t	 e;

	j = json_loadb(w->body, w->len, 0, &e);
	assert_non_null(j);
	return j;
}

static void
assert_problem(const struct resp *w, int status, const char *type,
    const char *field)
{
	json_t	*j;

	assert_int_equal(w->status, status);
	assert_string_equal(w->ctype, "application/problem+json");
	j = body_json(w);
	assert_string_equal(json_string_value(json_object_get(j, "type")),
	    type);
	assert_int_equal(json_integer_value(json_object_get(j, "status")),
	    status);
	assert_non_null(json_object_get(j, "title"));
	assert_non_null(json_object_get(j, "title_vi"));
	if (field != NULL)
		assert_string_equal(json_string_value(json_object_get(j,
		    "field")), field);
	json_decref(j);
}

static void
router_literal_and_method(void **state)
{
	struct req	 r;
	enum herr	 e;

	mkreq(&r, *state, METHOD_GET, "/healthz");
	assert_ptr_equal(route_of(&r, &cfg, &e), &routes[ROUTE_HEALTHZ]);
	mkreq(&r, *state, METHOD_HEAD, "/healthz");
	assert_ptr_equal(route_of(&r, &cfg, &e), &routes[ROUTE_HEALTHZ]);
	mkreq(&r, *state, METHOD_POST, "/healthz");
	assert_null(route_of(&r, &cfg, &e));
	assert_int_equal(e, HERR_METHOD);
	mkreq(&r, *state, METHOD_GET, "/healthz/");
	assert_null(route_of(&r, &cfg, &e));
	assert_int_equal(e, HERR_NOT_FOUND);
	mkreq(&r, *state, METHOD_GET, "/health");
	assert_null(route_of(&r, &cfg, &e));
	/* "/" is the catalogue page; nothing else at the root. */
	mkreq(&r, *state, METHOD_GET, "/");
	assert_ptr_equal(route_of(&r, &cfg, &e),
	    &routes[ROUTE_PAGE_CATALOGUE]);
	mkreq(&r, *state, METHOD_GET, "//");
	assert_null(route_of(&r, &cfg, &e));
	assert_int_equal(e, HERR_NOT_FOUND);
}

static void
router_diag_needs_config(void **state)
{
	struct req	 r;
	enum herr	 e;
	struct config	 off = cfg;

	off.diag = 0;
	mkreq(&r, *state, METHOD_POST, "/_diag/echo");
	assert_non_null(route_of(&r, &cfg, &e));
	assert_null(route_of(&r, &off, &e));
	assert_int_equal(e, HERR_NOT_FOUND);
}

static struct resp
run_checks(struct req *r)
{
	struct resp	w;

	resp_init(&w);
	if (body_parse(r, &w) == 0 && params_check(r, &w) == 0)
		w.status = 0;	/* accepted */
	return w;
}

static void
echo_req(struct req *r, struct arena *a, const char *ctype,
    const char *body)
{
	mkreq(r, a, METHOD_POST, "/_diag/echo");
	r->ep = &routes[ROUTE_DIAG_ECHO].ep;
	r->ctype = ctype;
	r->body = body;
	r->bodylen = strlen(body);
}

static void
allowlist_accepts_known_keys(void **state)
{
	struct req	r;
	struct resp	w;

	echo_req(&r, *state, "application/x-www-form-urlencoded",
	    "name=Nguy%E1%BB%85n&tag=a&tag=b");
	r.query = "q=x";
	w = run_checks(&r);
	assert_int_equal(w.status, 0);
	assert_int_equal(r.form.n, 3);
	assert_string_equal(req_field(&r, "name")->val, "Nguyễn");
	assert_string_equal(req_arg(&r, "q")->val, "x");
}

static void
allowlist_refuses_unknown_repeated_and_bad_text(void **state)
{
	struct req	r;
	struct resp	w;

	echo_req(&r, *state, "application/x-www-form-urlencoded", "nam=x");
	w = run_checks(&r);
	assert_problem(&w, 400, "/problems/unknown-parameter", "nam");

	echo_req(&r, *state, "application/x-www-form-urlencoded",
	    "name=a&name=b");
	w = run_checks(&r);
	assert_problem(&w, 400, "/problems/repeated-parameter", "name");

	echo_req(&r, *state, "application/x-www-form-urlencoded",
	    "name=%C0%80");
	w = run_checks(&r);
	assert_problem(&w, 400, "/problems/invalid-text", "name");

	echo_req(&r, *state, "application/x-www-form-urlencoded",
	    "note=a%00b");
	w = run_checks(&r);
	assert_problem(&w, 400, "/problems/invalid-text", "note");

	echo_req(&r, *state, "application/x-www-form-urlencoded", "file=x");
	w = run_checks(&r);
	assert_problem(&w, 422, "/problems/invalid-field", "file");

	echo_req(&r, *state, "application/x-www-form-urlencoded", "");
	r.query = "q=1&zz=2";
	w = run_checks(&r);
	assert_problem(&w, 400, "/problems/unknown-parameter", "zz");
}

static void
allowlist_lengths(void **state)
{
	struct req	 r;
	struct resp	 w;
	char		*body;

	/* name: at most 200 bytes. */
	body = arena_alloc(*state, 300);
	strcpy(body, "name=");
	memset(body + 5, 'a', 200);
	body[205] = '\0';
	echo_req(&r, *state, "application/x-www-form-urlencoded", body);
	w = run_checks(&r);
	assert_int_equal(w.status, 0);
	body[205] = 'a';
	body[206] = '\0';
	echo_req(&r, *state, "application/x-www-form-urlencoded", body);
	w = run_checks(&r);
	assert_problem(&w, 413, "/problems/field-too-large", "name");
}

static const char mp[] =
    "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n"
    "L\xc3\xaa\r\n--XyZ\r\nContent-Disposition: form-data; "
    "name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: "
    "application/pdf\r\n\r\n%PDF\x00\x01\r\n--XyZ--\r\n";

static void
body_types(void **state)
{
	struct req	r;
	struct resp	w;

	echo_req(&r, *state, "text/plain", "name=x");
	w = run_checks(&r);
	assert_problem(&w, 415, "/problems/unsupported-media-type", NULL);

	mkreq(&r, *state, METHOD_GET, "/healthz");
	r.ep = &routes[ROUTE_HEALTHZ].ep;
	r.ctype = "application/json";
	r.body = "{}";
	r.bodylen = 2;
	w = run_checks(&r);
	assert_problem(&w, 415, "/problems/unsupported-media-type", NULL);

	echo_req(&r, *state, "multipart/form-data", "--x\r\n");
	w = run_checks(&r);
	assert_problem(&w, 400, "/problems/malformed-body", NULL);

	echo_req(&r, *state, "multipart/form-data; boundary=XyZ", mp);
	r.bodylen = sizeof(mp) - 1;	/* the file holds a NUL */
	w = run_checks(&r);
	assert_int_equal(w.status, 0);
	assert_string_equal(req_field(&r, "name")->val, "Lê");
	assert_string_equal(req_field(&r, "file")->filename, "a.pdf");
	assert_int_equal(req_field(&r, "file")->vallen, 6);

	echo_req(&r, *state, "multipart/form-data; boundary=XyZ",
	    "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n"
	    "abc");
	w = run_checks(&r);
	assert_problem(&w, 400, "/problems/malformed-body", NULL);
}

static void
json_bodies(void **state)
{
	struct req	 r;
	struct resp	 w;
	char		*deep;
	int		 i;

	echo_req(&r, *state, "application/json",
	    "{\"name\":\"\xc4\x90\xe1\xba\xb7ng\",\"data\":{\"a\":[1,2]}}");
	w = run_checks(&r);
	assert_int_equal(w.status, 0);
	assert_non_null(r.json);

	echo_req(&r, *state, "application/json", "{\"name\":1}");
	w = run_checks(&r);
	assert_problem(&w, 422, "/problems/invalid-field", "name");

	echo_req(&r, *state, "application/json", "{\"other\":\"x\"}");
	w = run_checks(&r);
	assert_problem(&w, 400, "/problems/unknown-parameter", "other");

	echo_req(&r, *state, "application/json", "[1]");
	w = run_checks(&r);
	assert_problem(&w, 400, "/problems/malformed-body", NULL);

	echo_req(&r, *state, "application/json", "{\"name\":\"a\",\"name\":\"b\"}");
	w = run_checks(&r);
	assert_problem(&w, 400, "/problems/malformed-body", NULL);

	echo_req(&r, *state, "application/json", "{\"name\":\"a\\u0000b\"}");
	w = run_checks(&r);
	assert_int_not_equal(w.status, 0);
	assert_int_equal(w.status / 100, 4);

	deep = arena_alloc(*state, 200);
	strcpy(deep, "{\"data\":");
	for (i = 0; i < 40; i++)
		strcat(deep, "[");
	for (i = 0; i < 40; i++)
		strcat(deep, "]");
	strcat(deep, "}");
	echo_req(&r, *state, "application/json", deep);
	w = run_checks(&r);
	assert_problem(&w, 400, "/problems/nesting-too-deep", NULL);
}

static void
cookies_and_query(void **state)
{
	struct req	 r;
	struct resp	 w;
	char		*env[] = { "HTTP_COOKIE=sid=abc; lang=vi", NULL };

	echo_req(&r, *state, "application/x-www-form-urlencoded", "");
	r.env = env;
	r.query = "q=%E1%BA%A1";
	w = run_checks(&r);
	assert_int_equal(w.status, 0);
	assert_int_equal(r.cookies.n, 2);
	assert_string_equal(r.cookies.v[1].val, "vi");
	assert_string_equal(req_arg(&r, "q")->val, "ạ");

	r.query = "q=%zz";
	r.args.n = 0;
	w = run_checks(&r);
	assert_problem(&w, 400, "/problems/malformed-body", NULL);
}

static void
errors_html_for_browsers(void **state)
{
	struct req	r;
	struct resp	w;

	mkreq(&r, *state, METHOD_GET, "/x<script>");
	r.accept = "text/html,application/xhtml+xml,application/json;q=0.9";
	resp_init(&w);
	http_error(&r, &w, HERR_NOT_FOUND, "<b>", "a & b", "c");
	assert_int_equal(w.status, 404);
	assert_string_equal(w.ctype, "text/html; charset=utf-8");
	assert_non_null(strstr(w.body, "Không tìm thấy"));
	assert_non_null(strstr(w.body, "&lt;b&gt;"));
	assert_non_null(strstr(w.body, "a &amp; b"));
	assert_null(strstr(w.body, "<b>"));

	mkreq(&r, *state, METHOD_GET, "/api/v1/x");
	r.accept = "";
	resp_init(&w);
	http_error(&r, &w, HERR_UNAVAILABLE, NULL, NULL, NULL);
	assert_problem(&w, 503, "/problems/unavailable", NULL);
}

static void
every_error_has_a_row(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < HERR__MAX; i++) {
		assert_true(herr_table[i].status >= 400 &&
		    herr_table[i].status < 600);
		assert_non_null(herr_table[i].slug);
		assert_non_null(herr_table[i].title_en);
		assert_non_null(herr_table[i].title_vi);
		assert_string_not_equal(http_reason(herr_table[i].status),
		    "Unknown");
	}
	for (i = 0; i < ROUTE__MAX; i++) {
		assert_int_equal(routes[i].ep.id, i);
		assert_non_null(routes[i].handler);
	}
}

static void
responses(void **state)
{
	struct req	 r;
	struct resp	 w;
	int		 i;

	mkreq(&r, *state, METHOD_GET, "/");
	resp_init(&w);
	for (i = 0; i < 1000; i++)
		resp_printf(&r, &w, "%04d,", i);
	assert_int_equal(w.len, 5000);
	assert_memory_equal(w.body + 4995, "0999,", 5);
	resp_redirect(&r, &w, 303, "/x");
	assert_int_equal(w.status, 303);
	assert_string_equal(w.headers[0].name, "Location");
}

static void
config_rejects_bad_values(void **state)
{
	struct config	c;

	(void)state;
	setenv("MOTCUA_WORKERS", "abc", 1);
	assert_int_equal(config_load(&c), -1);
	setenv("MOTCUA_WORKERS", "1000", 1);
	assert_int_equal(config_load(&c), -1);
	setenv("MOTCUA_WORKERS", "3", 1);
	assert_int_equal(config_load(&c), 0);
	assert_int_equal(c.workers, 3);
	setenv("MOTCUA_WORKERS", "0", 1);
	assert_int_equal(config_load(&c), 0);
	assert_true(c.workers >= 1);
	unsetenv("MOTCUA_WORKERS");
	setenv("MOTCUA_BODY_MAX", "12", 1);
	assert_int_equal(config_load(&c), -1);
	unsetenv("MOTCUA_BODY_MAX");
}

/* MOTCUA_PUBLIC_URL: an absolute http(s) URL, no query or fragment;
 * the links append to it without its trailing '/'. */
static void
config_public_url(void **state)
{
	static const char *const bad[] = {
		"example.vn", "ftp://example.vn", "http://", "https://:443",
		"https://example.vn?x=1", "https://example.vn/a?b",
		"https://example.vn/#top", "https://ex ample.vn",
		"https://example.vn:port", "https://user@example.vn",
		"https://example.vn/a b", "javascript:alert(1)",
		"https://example.vn\\@evil.example", "//evil.example",
	};
	struct config	c;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setenv("MOTCUA_PUBLIC_URL", bad[i], 1);
		if (config_load(&c) != -1)
			fail_msg("accepted %s", bad[i]);
	}
	setenv("MOTCUA_PUBLIC_URL", "https://dvc.example.vn/motcua/", 1);
	assert_int_equal(config_load(&c), 0);
	assert_string_equal(c.public_url, "https://dvc.example.vn/motcua");
	setenv("MOTCUA_PUBLIC_URL", "http://[::1]:8080", 1);
	assert_int_equal(config_load(&c), 0);
	assert_string_equal(c.public_url, "http://[::1]:8080");
	unsetenv("MOTCUA_PUBLIC_URL");
	assert_int_equal(config_load(&c), 0);
	assert_string_equal(c.public_url, "http://127.0.0.1:8080");
}

/* RFC 6266 with an RFC 5987 filename*: ASCII kept but quotes,
 * backslashes and slashes; one '_' per other character. */
static void
content_disposition(void **state)
{
	struct arena	*a = *state;

	assert_string_equal(http_content_disposition(a, "scan.pdf"),
	    "attachment; filename=\"scan.pdf\"; filename*=UTF-8''scan.pdf");
	assert_string_equal(http_content_disposition(a,
	    "Giấy \"ủy\" q/u\\y.pdf"),
	    "attachment; filename=\"Gi_y __y_ q_u_y.pdf\"; "
	    "filename*=UTF-8''Gi%E1%BA%A5y%20%22%E1%BB%A7y%22%20q%2Fu%5Cy.pdf");
	assert_string_equal(http_content_disposition(a, "a;b\r\n%.png"),
	    "attachment; filename=\"a;b__%.png\"; "
	    "filename*=UTF-8''a%3Bb%0D%0A%25.png");
	assert_string_equal(http_content_disposition(a, "Đơn"),
	    "attachment; filename=\"__n\"; filename*=UTF-8''%C4%90%C6%A1n");
	assert_string_equal(http_content_disposition(a, ""),
	    "attachment; filename=\"_\"; filename*=UTF-8''");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(router_literal_and_method),
		cmocka_unit_test(router_diag_needs_config),
		cmocka_unit_test(allowlist_accepts_known_keys),
		cmocka_unit_test(allowlist_refuses_unknown_repeated_and_bad_text),
		cmocka_unit_test(allowlist_lengths),
		cmocka_unit_test(body_types),
		cmocka_unit_test(json_bodies),
		cmocka_unit_test(cookies_and_query),
		cmocka_unit_test(errors_html_for_browsers),
		cmocka_unit_test(every_error_has_a_row),
		cmocka_unit_test(responses),
		cmocka_unit_test(config_rejects_bad_values),
		cmocka_unit_test(config_public_url),
		cmocka_unit_test(content_disposition),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
