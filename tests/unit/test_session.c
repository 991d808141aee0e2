/*
 * test_session.c - the first authorization wall without a database:
 * route kinds for anonymous requests, CSRF, the session cookie, the
 * error catalogue's entries for accounts.  (Signed-in requests need
 * PostgreSQL: tests/http/t_accounts.py.)
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
#include "store/db.h"
#include "web/web.h"
#include "web/session.h"

static struct config	 cfg;
static struct db	*db;

#define TOKEN	"0123456789abcdef0123456789abcdef" \
		"0123456789abcdef0123456789abcdef"

static int
setup(void **state)
{
	/* A database that cannot be reached, at once. */
	setenv("MOTCUA_DATABASE_URL", "host=/nonexistent dbname=x", 1);
	if (config_load(&cfg) == -1)
		return -1;
	db = db_open(cfg.database_url, 1000);
	*state = arena_new(8192);
	return 0;
}

static int
teardown(void **state)
{
	arena_free(*state);
	db_close(db);
	return 0;
}

static void
mkreq(struct wreq *r, struct arena *a, const struct route *rt,
    char **env)
{
	struct req	*h = arena_calloc(a, 1, sizeof(*h));

	memset(r, 0, sizeof(*r));
	h->arena = a;
	h->cfg = &cfg;
	h->ep = &rt->ep;
	h->method = rt->method;
	h->method_name = http_method_names[rt->method];
	h->path = rt->pattern;
	h->query = "";
	h->ctype = "";
	h->accept = "application/json";
	h->request_id = "0123456789abcdef";
	h->remote_addr = "192.0.2.1";
	h->env = env;
	h->site = r;
	r->h = h;
	r->route = rt;
	r->app.arena = a;
	r->app.cfg = &cfg;
	r->app.db = db;
	r->app.request_id = h->request_id;
	r->app.remote_addr = h->remote_addr;
}

static const char *
slug(const struct resp *w)
{
	static char	 buf[64];
	json_t		*j;
	json_error_t	 e;

	j = json_loadb(w->body, w->len, 0, &e);
	assert_non_null(j);
	strncpy(buf, json_string_value(json_object_get(j, "type")),
	    sizeof(buf) - 1);
	json_decref(j);
	return buf;
}

static const char *
header(const struct resp *w, const char *name)
{
	size_t	i;

	for (i = 0; i < w->nheaders; i++)
		if (strcmp(w->headers[i].name, name) == 0)
			return w->headers[i].value;
	return NULL;
}

static void
anonymous(void **state)
{
	struct wreq	r;
	struct resp	w;

	/* Open routes pass, without touching the database. */
	mkreq(&r, *state, &routes[ROUTE_API_SERVICES], NULL);
	resp_init(&w);
	assert_int_equal(session_check(&r, &w), 0);
	assert_int_equal(r.app.actor.kind, ACTOR_ANON);
	/* Routes for the signed-in: 401 with a Bearer challenge. */
	mkreq(&r, *state, &routes[ROUTE_API_ME], NULL);
	resp_init(&w);
	assert_int_equal(session_check(&r, &w), -1);
	assert_int_equal(w.status, 401);
	assert_string_equal(slug(&w), "/problems/unauthenticated");
	assert_string_equal(header(&w, "WWW-Authenticate"),
	    "Bearer realm=\"motcua\"");
	mkreq(&r, *state, &routes[ROUTE_API_CITIZEN_ME], NULL);
	resp_init(&w);
	assert_int_equal(session_check(&r, &w), -1);
	assert_int_equal(w.status, 401);
}

static void
credentials_without_database(void **state)
{
	char		*bearer[] = { "HTTP_AUTHORIZATION=Bearer " TOKEN, NULL };
	char		*bad[] = { "HTTP_AUTHORIZATION=Bearer xyz", NULL };
	struct wreq	 r;
	struct resp	 w;

	/* A token on an open route: served anonymously when the
	 * database is away. */
	mkreq(&r, *state, &routes[ROUTE_API_SERVICES], bearer);
	resp_init(&w);
	assert_int_equal(session_check(&r, &w), 0);
	assert_int_equal(r.app.actor.kind, ACTOR_ANON);
	/* On a route that needs it: 503, not 401. */
	mkreq(&r, *state, &routes[ROUTE_API_ME], bearer);
	resp_init(&w);
	assert_int_equal(session_check(&r, &w), -1);
	assert_int_equal(w.status, 503);
	assert_non_null(header(&w, "Retry-After"));
	/* A token of the wrong shape is no credential: 401. */
	mkreq(&r, *state, &routes[ROUTE_API_ME], bad);
	resp_init(&w);
	assert_int_equal(session_check(&r, &w), -1);
	assert_int_equal(w.status, 401);
}

/* The two steps of dispatch(): who (before the body), CSRF (after). */
static void
two_steps(void **state)
{
	char		*cookie[] = { "HTTP_COOKIE=a=1; " SESSION_COOKIE "="
			    TOKEN, NULL };
	char		*header[] = { "HTTP_COOKIE=" SESSION_COOKIE "=" TOKEN,
			    "HTTP_X_CSRF_TOKEN=" TOKEN, NULL };
	char		*bearer[] = { "HTTP_AUTHORIZATION=Bearer " TOKEN, NULL };
	struct wreq	 r;
	struct resp	 w;

	/* Anonymous, to a route for the signed-in: 401 at the first step
	 * (the body is not read yet). */
	mkreq(&r, *state, &routes[ROUTE_API_DOSSIER_SUBMIT], NULL);
	resp_init(&w);
	assert_int_equal(session_resolve(&r, &w), -1);
	assert_int_equal(w.status, 401);
	/* A cookie the database cannot check: 503 at the first step. */
	mkreq(&r, *state, &routes[ROUTE_API_DOSSIER_SUBMIT], cookie);
	resp_init(&w);
	assert_int_equal(session_resolve(&r, &w), -1);
	assert_int_equal(w.status, 503);
	/* Signed in by the cookie (as resolve would have): the second
	 * step wants the CSRF token. */
	mkreq(&r, *state, &routes[ROUTE_API_DOSSIER_SUBMIT], cookie);
	r.app.actor.kind = ACTOR_CITIZEN;
	r.csrf = TOKEN;
	resp_init(&w);
	assert_int_equal(session_csrf(&r, &w), -1);
	assert_int_equal(w.status, 403);
	mkreq(&r, *state, &routes[ROUTE_API_DOSSIER_SUBMIT], header);
	r.app.actor.kind = ACTOR_CITIZEN;
	r.csrf = TOKEN;
	resp_init(&w);
	assert_int_equal(session_csrf(&r, &w), 0);
	/* A bearer token carries no ambient authority: no CSRF token. */
	mkreq(&r, *state, &routes[ROUTE_API_DOSSIER_SUBMIT], bearer);
	r.app.actor.kind = ACTOR_CITIZEN;
	r.csrf = TOKEN;
	resp_init(&w);
	assert_int_equal(session_csrf(&r, &w), 0);
}

static void
csrf(void **state)
{
	struct wreq	r;

	mkreq(&r, *state, &routes[ROUTE_API_ME], NULL);
	assert_false(session_csrf_ok(&r, TOKEN));	/* no session */
	r.app.actor.kind = ACTOR_CITIZEN;
	r.csrf = TOKEN;
	assert_true(session_csrf_ok(&r, TOKEN));
	assert_false(session_csrf_ok(&r, NULL));
	assert_false(session_csrf_ok(&r, ""));
	assert_false(session_csrf_ok(&r, TOKEN "0"));
	assert_false(session_csrf_ok(&r, "0123456789abcdef"));
	assert_false(session_csrf_ok(&r, "1123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef"));
	r.csrf = "";
	assert_false(session_csrf_ok(&r, ""));
}

static void
cookie(void **state)
{
	char		*tls[] = { "HTTPS=on", NULL };
	struct wreq	 r;
	struct resp	 w;
	const char	*c;

	mkreq(&r, *state, &routes[ROUTE_API_SESSIONS], NULL);
	resp_init(&w);
	session_cookie(&r, &w, TOKEN);
	c = header(&w, "Set-Cookie");
	assert_non_null(c);
	assert_non_null(strstr(c, "motcua_session=" TOKEN "; Path=/; "));
	assert_non_null(strstr(c, "; HttpOnly"));
	assert_non_null(strstr(c, "; SameSite=Lax"));
	assert_null(strstr(c, "Secure"));
	mkreq(&r, *state, &routes[ROUTE_API_SESSIONS], tls);
	resp_init(&w);
	session_cookie(&r, &w, TOKEN);
	assert_non_null(strstr(header(&w, "Set-Cookie"), "; Secure"));
	resp_init(&w);
	session_cookie_clear(&r, &w);
	c = header(&w, "Set-Cookie");
	assert_non_null(strstr(c, "motcua_session=; "));
	assert_non_null(strstr(c, "Max-Age=0"));
	assert_non_null(strstr(c, "; Secure"));
}

static void
tables(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < ACTOR__MAX; i++)
		assert_non_null(actor_kind_names[i]);
	for (i = 0; i < SCOPE__MAX; i++)
		assert_non_null(scope_names[i]);
	assert_int_equal(herr_table[HERR_UNAUTHENTICATED].status, 401);
	assert_int_equal(herr_table[HERR_FORBIDDEN].status, 403);
	assert_int_equal(herr_table[HERR_CONFLICT].status, 409);
	assert_int_equal(herr_table[HERR_TOO_MANY_REQUESTS].status, 429);
	/* Registering and signing in need no sign-in. */
	for (i = 0; i < ROUTE__MAX; i++)
		if (routes[i].handler == h_signin || routes[i].handler ==
		    h_register)
			assert_int_equal(routes[i].who, WHO_ANYONE);
	assert_int_equal(routes[ROUTE_API_CITIZEN_ME].who, WHO(ACTOR_CITIZEN));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(anonymous),
		cmocka_unit_test(credentials_without_database),
		cmocka_unit_test(two_steps),
		cmocka_unit_test(csrf),
		cmocka_unit_test(cookie),
		cmocka_unit_test(tables),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
