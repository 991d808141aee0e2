/*
 * session.c - see session.h.
 */
#include <jansson.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "app/audit.h"
#include "app/json.h"
#include "app/session.h"
#include "base/arena.h"
#include "base/config.h"
#include "base/log.h"
#include "http/metrics.h"
#include "http/parse.h"
#include "store/db.h"
#include "web/next.h"
#include "web/session.h"

static int
token_shape(const char *s)
{
	return s != NULL && strlen(s) == SESSION_TOKEN_LEN &&
	    strspn(s, "0123456789abcdef") == SESSION_TOKEN_LEN;
}

/* "Bearer TOKEN" (scheme without case, RFC 9110), or NULL. */
static const char *
bearer(const struct wreq *r)
{
	const char	*h = req_env(r->h, "HTTP_AUTHORIZATION");

	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
		return NULL;
	h += 7;
	while (*h == ' ')
		h++;
	return h;
}

/* The limits body.c parses the Cookie header with (so that the
 * cookies seen here, before the body is read, are the same). */
static const struct parse_limits cookie_limits = {
	.max_fields = 32, .max_key = 64, .max_val = 4096,
	.max_file = 0, .max_depth = 0,
};

/*
 * The token the request carries: the bearer token, else the first
 * session cookie of the right shape (the header may hold several).
 * *cookie tells which.  NULL: none.  The Cookie header is read here,
 * not from r->h->cookies: session_resolve() runs before body_parse().
 */
const char *
session_credential(const struct wreq *r, int *cookie)
{
	struct kvlist	 jar;
	struct perr_info e;
	const char	*t, *h;
	size_t		 i;

	*cookie = 0;
	if ((t = bearer(r)) != NULL)
		return token_shape(t) ? t : NULL;
	if ((h = req_env(r->h, "HTTP_COOKIE")) == NULL)
		return NULL;
	memset(&jar, 0, sizeof(jar));
	if (cookie_parse(r->app.arena, h, strlen(h), &cookie_limits, &jar,
	    &e) == -1)
		return NULL;
	for (i = 0; i < jar.n; i++)
		if (strcmp(jar.v[i].key, SESSION_COOKIE) == 0 &&
		    token_shape(jar.v[i].val)) {
			*cookie = 1;
			return jar.v[i].val;
		}
	return NULL;
}

const char *
session_token(const struct wreq *r)
{
	int	cookie;

	return session_credential(r, &cookie);
}

void
session_audit_refusal(struct wreq *r, const char *object,
    const char *detail_json)
{
	int	suppressed;

	if (db_ready(r->app.db) != DB_OK ||
	    app_audit_refusal(&r->app, object, detail_json,
	    &suppressed) != DB_OK)
		log_msg(LOG_ERROR, "audit: refusal not recorded (request %s)",
		    r->app.request_id);
	else if (suppressed)
		metrics_audit_suppressed();
}

static void
refuse(struct wreq *r, struct resp *w, enum herr e, const char *reason,
    const char *en, const char *vi)
{
	const char	*detail;

	detail = app_json_text(r->app.arena, json_pack("{s:s, s:s, s:s, s:i, s:s}",
	    "route", r->route->ep.name, "method", r->h->method_name,
	    "path", r->h->path, "status", herr_table[e].status,
	    "reason", reason));
	session_audit_refusal(r, r->h->path, detail);
	http_error(r->h, w, e, NULL, en, vi);
	if (e == HERR_UNAUTHENTICATED)
		resp_header(r->h, w, "WWW-Authenticate",
		    "Bearer realm=\"motcua\"");
}

/*
 * An anonymous browser asking for a page that needs sign-in: 303 to
 * /signin with the page as "next" (next.h), audited like a refusal.
 */
static void
to_signin(struct wreq *r, struct resp *w)
{
	const struct kv	*lang = req_arg(r->h, "lang");
	const char	*detail;

	detail = app_json_text(r->app.arena, json_pack("{s:s, s:s, s:s, s:i, s:s}",
	    "route", r->route->ep.name, "method", r->h->method_name,
	    "path", r->h->path, "status", 303, "reason", "unauthenticated"));
	session_audit_refusal(r, r->h->path, detail);
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_redirect(r->h, w, 303, next_link(r->app.arena, "/signin",
	    lang != NULL && strcmp(lang->val, "en") == 0,
	    next_of_request(r)));
}

int
session_csrf_ok(const struct wreq *r, const char *given)
{
	size_t	n;

	if (r->csrf == NULL || given == NULL)
		return 0;
	n = strlen(r->csrf);
	return strlen(given) == n && n > 0 &&
	    CRYPTO_memcmp(given, r->csrf, n) == 0;
}

/*
 * The second wall (store/db.h, db_context): the rows this request's
 * statements may reach, whatever they ask for.  A partner token without
 * dossiers:read reaches what the anonymous do; its id is a token's, not
 * a user's.
 */
static void
context(struct wreq *r)
{
	struct actor		 p = r->app.actor;
	const char		*h;

	/* Tests of the first wall alone (MOTCUA_DIAG only, as the test
	 * clock): the database lets the request read every row. */
	if (r->app.cfg->diag && (h = req_env(r->h, "HTTP_X_MOTCUA_WALL2")) != NULL &&
	    strcmp(h, "off") == 0) {
		db_context(r->app.db, actor_kind_names[ACTOR_INSPECTOR], 0, 0);
		return;
	}
	app_act_as(&r->app, &p);
}

int
session_resolve(struct wreq *r, struct resp *w)
{
	const struct route	*rt = r->route;
	const char		*token;
	int			 cookie;

	memset(&r->app.actor, 0, sizeof(r->app.actor));
	r->csrf = NULL;
	if ((token = session_credential(r, &cookie)) != NULL) {
		if (db_ready(r->app.db) != DB_OK || uc_whois(&r->app, token,
		    &r->app.actor, &r->csrf) != UC_OK) {
			memset(&r->app.actor, 0, sizeof(r->app.actor));
			if (rt->who != WHO_ANYONE) {
				http_error(r->h, w, HERR_UNAVAILABLE, NULL,
				    "The database cannot be reached; try "
				    "again shortly.", "Không kết nối được cơ "
				    "sở dữ liệu; vui lòng thử lại sau.");
				resp_header(r->h, w, "Retry-After", "5");
				return -1;
			}
		}
	}
	context(r);
	if (rt->who != WHO_ANYONE && !(rt->who & WHO(r->app.actor.kind))) {
		if (r->app.actor.kind == ACTOR_ANON && (rt->flags & RF_PAGE) &&
		    (r->h->method == METHOD_GET || r->h->method == METHOD_HEAD))
			to_signin(r, w);
		else if (r->app.actor.kind == ACTOR_ANON)
			refuse(r, w, HERR_UNAUTHENTICATED, "unauthenticated",
			    "Sign in first (or your session has ended).",
			    "Vui lòng đăng nhập (hoặc phiên làm việc đã hết "
			    "hạn).");
		else
			refuse(r, w, HERR_FORBIDDEN, "kind",
			    "Your account may not use this.",
			    "Tài khoản của bạn không được dùng chức năng này.");
		return -1;
	}
	return 0;
}

int
session_csrf(struct wreq *r, struct resp *w)
{
	const struct route	*rt = r->route;
	const struct kv		*f;
	const char		*given;
	int			 cookie;

	(void)session_credential(r, &cookie);
	if (!(rt->flags & RF_CSRF) && !(cookie && rt->who != WHO_ANYONE &&
	    r->h->method != METHOD_GET && r->h->method != METHOD_HEAD))
		return 0;
	if (!cookie && r->app.actor.kind != ACTOR_ANON)
		return 0;	/* a bearer token: no ambient authority */
	given = req_env(r->h, "HTTP_X_CSRF_TOKEN");
	if (given == NULL && (f = req_field(r->h, "csrf")) != NULL)
		given = f->val;
	if (!session_csrf_ok(r, given)) {
		refuse(r, w, HERR_FORBIDDEN, "csrf",
		    "The form has expired; reload the page and try again.",
		    "Biểu mẫu đã hết hạn; vui lòng tải lại trang và thử lại.");
		return -1;
	}
	return 0;
}

int
session_check(struct wreq *r, struct resp *w)
{
	if (session_resolve(r, w) == -1)
		return -1;
	return session_csrf(r, w);
}

static int
secure(const struct wreq *r)
{
	const char	*h = req_env(r->h, "HTTPS");

	return h != NULL && strcasecmp(h, "on") == 0;
}

void
session_cookie(struct wreq *r, struct resp *w, const char *token)
{
	resp_header(r->h, w, "Set-Cookie", arena_printf(r->app.arena,
	    "%s=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Lax%s",
	    SESSION_COOKIE, token, r->app.cfg->session_max_s,
	    secure(r) ? "; Secure" : ""));
}

void
session_cookie_clear(struct wreq *r, struct resp *w)
{
	resp_header(r->h, w, "Set-Cookie", arena_printf(r->app.arena,
	    "%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax%s",
	    SESSION_COOKIE, secure(r) ? "; Secure" : ""));
}
