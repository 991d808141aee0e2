/*
 * session.c - see session.h.
 */
#include <jansson.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/arena.h"
#include "base/config.h"
#include "base/hash.h"
#include "base/log.h"
#include "base/password.h"
#include "core/def.h"
#include "next.h"
#include "parse.h"
#include "session.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/db.h"

const char *const scope_names[SCOPE__MAX] = {
	[SCOPE_LOOKUP] = "lookup",
	[SCOPE_DOSSIERS_READ] = "dossiers:read",
	[SCOPE_DOSSIERS_WRITE] = "dossiers:write",
};

const char *const who_kind_names[WHO__MAX] = {
	[WHO_ANON] = "anonymous",
	[WHO_CITIZEN] = "citizen",
	[WHO_STAFF] = "staff",
	[WHO_INSPECTOR] = "inspector",
	[WHO_PARTNER] = "partner",
};

/* last_seen_at is written at most this often (less under a short idle
 * timeout, so that a session in use never looks idle). */
#define TOUCH_EVERY_S	60

static int
token_shape(const char *s)
{
	return s != NULL && strlen(s) == SESSION_TOKEN_LEN &&
	    strspn(s, "0123456789abcdef") == SESSION_TOKEN_LEN;
}

/* "Bearer TOKEN" (scheme without case, RFC 9110), or NULL. */
static const char *
bearer(const struct req *r)
{
	const char	*h = req_env(r, "HTTP_AUTHORIZATION");

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
 * not from r->cookies: session_resolve() runs before body_parse().
 */
static const char *
credential(const struct req *r, int *cookie)
{
	struct kvlist	 jar;
	struct perr_info e;
	const char	*t, *h;
	size_t		 i;

	*cookie = 0;
	if ((t = bearer(r)) != NULL)
		return token_shape(t) ? t : NULL;
	if ((h = req_env(r, "HTTP_COOKIE")) == NULL)
		return NULL;
	memset(&jar, 0, sizeof(jar));
	if (cookie_parse(r->arena, h, strlen(h), &cookie_limits, &jar,
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

static enum who_kind
kind_of(const char *s)
{
	if (s == NULL)
		return WHO_ANON;
	if (strcmp(s, "citizen") == 0)
		return WHO_CITIZEN;
	if (strcmp(s, "staff") == 0)
		return WHO_STAFF;
	if (strcmp(s, "inspector") == 0)
		return WHO_INSPECTOR;
	return WHO_ANON;
}

/* "a,b,c" -> a mask of bit indices found by lookup; unknown ignored. */
static uint64_t
mask_of(struct arena *a, const char *list, size_t (*lookup)(const void *,
    const char *), const void *arg)
{
	char		*s, *tok, *save = NULL;
	uint64_t	 m = 0;
	size_t		 i;

	if (list == NULL || *list == '\0')
		return 0;
	s = arena_strdup(a, list);
	for (tok = strtok_r(s, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		if ((i = lookup(arg, tok)) < 64)
			m |= (uint64_t)1 << i;
	return m;
}

static size_t
role_lookup(const void *defs, const char *id)
{
	return defs != NULL ? defs_role(defs, id) : DEF_NONE;
}

static size_t
scope_lookup(const void *arg, const char *id)
{
	size_t	i;

	(void)arg;
	for (i = 0; i < SCOPE__MAX; i++)
		if (strcmp(scope_names[i], id) == 0)
			return i;
	return DEF_NONE;
}

static void
principal_of(struct req *r, const struct acct_user *u, const char *csrf,
    struct principal *p)
{
	memset(p, 0, sizeof(*p));
	p->kind = kind_of(u->kind);
	p->user_id = u->id;
	p->unit_id = p->kind == WHO_STAFF ? u->unit_id : 0;
	p->roles = p->kind == WHO_STAFF ?
	    mask_of(r->arena, u->roles, role_lookup, r->defs) : 0;
	p->name = u->full_name;
	p->csrf = csrf;
}

/* Find who holds the token: -1 when the database failed. */
static int
resolve(struct req *r, const char *token)
{
	struct acct_session	 s;
	struct acct_partner	 t;
	char			 hash[SHA256_HEX_LEN + 1];
	int			 found, idle = r->cfg->session_idle_s;
	int			 touch = idle >= 4 * TOUCH_EVERY_S ?
				    TOUCH_EVERY_S : idle / 4;

	sha256_hex(token, strlen(token), hash);
	if (acct_session_get(r->db, r->arena, hash, idle, touch, &s,
	    &found) != DB_OK)
		return -1;
	if (found && kind_of(s.user.kind) != WHO_ANON) {
		principal_of(r, &s.user, s.csrf, &r->who);
		if (s.stale && acct_session_touch(r->db, hash) != DB_OK)
			log_msg(LOG_WARN, "session: last_seen not written");
		return 0;
	}
	if (acct_partner_get(r->db, r->arena, hash, &t, &found) != DB_OK)
		return -1;
	if (found) {
		memset(&r->who, 0, sizeof(r->who));
		r->who.kind = WHO_PARTNER;
		r->who.user_id = t.id;
		r->who.unit_id = t.unit_id;
		r->who.name = t.name;
		r->who.scopes = (unsigned)mask_of(r->arena, t.scopes,
		    scope_lookup, NULL);
	}
	return 0;
}

void
audit_entry_of(const struct req *r, struct audit_entry *e,
    const char *action, const char *object, const char *detail_json)
{
	memset(e, 0, sizeof(*e));
	e->actor_id = r->who.kind != WHO_ANON ? r->who.user_id : 0;
	e->actor_kind = who_kind_names[r->who.kind];
	e->action = action;
	e->object = object;
	e->detail_json = detail_json;
	e->request_id = r->request_id;
	e->ip = r->remote_addr;
}

int
session_audit(struct req *r, const char *action, const char *object,
    const char *detail_json)
{
	struct audit_entry	e;

	audit_entry_of(r, &e, action, object, detail_json);
	if (audit_add(r->db, &e) != DB_OK) {
		log_msg(LOG_ERROR, "audit: %s not recorded (request %s)",
		    action, r->request_id);
		return -1;
	}
	return 0;
}

static const char *
json_text(struct arena *a, json_t *j)
{
	char		*s = json_dumps(j, JSON_COMPACT);
	const char	*out;

	json_decref(j);
	if (s == NULL)
		abort();
	out = arena_strdup(a, s);
	free(s);
	return out;
}

static void
refuse(struct req *r, struct resp *w, enum herr e, const char *reason,
    const char *en, const char *vi)
{
	const char	*detail;

	detail = json_text(r->arena, json_pack("{s:s, s:s, s:s, s:i, s:s}",
	    "route", r->route->name, "method", r->method_name,
	    "path", r->path, "status", herr_table[e].status,
	    "reason", reason));
	if (db_ready(r->db) == DB_OK)
		(void)session_audit(r, "access.denied", r->path, detail);
	else
		log_msg(LOG_ERROR, "audit: refusal not recorded (request %s)",
		    r->request_id);
	http_error(r, w, e, NULL, en, vi);
	if (e == HERR_UNAUTHENTICATED)
		resp_header(r, w, "WWW-Authenticate",
		    "Bearer realm=\"motcua\"");
}

/*
 * An anonymous browser asking for a page that needs sign-in: 303 to
 * /signin with the page as "next" (next.h), audited like a refusal.
 */
static void
to_signin(struct req *r, struct resp *w)
{
	const struct kv	*lang = req_arg(r, "lang");
	const char	*detail;

	detail = json_text(r->arena, json_pack("{s:s, s:s, s:s, s:i, s:s}",
	    "route", r->route->name, "method", r->method_name,
	    "path", r->path, "status", 303, "reason", "unauthenticated"));
	if (db_ready(r->db) != DB_OK ||
	    session_audit(r, "access.denied", r->path, detail) == -1)
		log_msg(LOG_ERROR, "audit: refusal not recorded (request %s)",
		    r->request_id);
	resp_header(r, w, "Cache-Control", "no-store");
	resp_redirect(r, w, 303, next_link(r->arena, "/signin",
	    lang != NULL && strcmp(lang->val, "en") == 0,
	    next_of_request(r)));
}

int
session_csrf_ok(const struct req *r, const char *given)
{
	size_t	n;

	if (r->who.csrf == NULL || given == NULL)
		return 0;
	n = strlen(r->who.csrf);
	return strlen(given) == n && n > 0 &&
	    CRYPTO_memcmp(given, r->who.csrf, n) == 0;
}

/*
 * The second wall (store/db.h, db_context): the rows this request's
 * statements may reach, whatever they ask for.  A partner token without
 * dossiers:read reaches what the anonymous do; its id is a token's, not
 * a user's.
 */
static void
context(struct req *r)
{
	const struct principal	*p = &r->who;
	enum who_kind		 kind = p->kind;
	const char		*h;

	/* Tests of the first wall alone (MOTCUA_DIAG only, as the test
	 * clock): the database lets the request read every row. */
	if (r->cfg->diag && (h = req_env(r, "HTTP_X_MOTCUA_WALL2")) != NULL &&
	    strcmp(h, "off") == 0) {
		db_context(r->db, who_kind_names[WHO_INSPECTOR], 0, 0);
		return;
	}
	if (kind == WHO_PARTNER &&
	    !(p->scopes & SCOPE(SCOPE_DOSSIERS_READ)))
		kind = WHO_ANON;
	db_context(r->db, who_kind_names[kind],
	    kind == WHO_ANON || kind == WHO_PARTNER ? 0 : p->user_id,
	    kind == WHO_ANON ? 0 : p->unit_id);
}

int
session_resolve(struct req *r, struct resp *w)
{
	const struct route	*rt = r->route;
	const char		*token;
	int			 cookie;

	memset(&r->who, 0, sizeof(r->who));
	if ((token = credential(r, &cookie)) != NULL) {
		if (db_ready(r->db) != DB_OK || resolve(r, token) == -1) {
			memset(&r->who, 0, sizeof(r->who));
			if (rt->who != WHO_ANYONE) {
				http_error(r, w, HERR_UNAVAILABLE, NULL,
				    "The database cannot be reached; try "
				    "again shortly.", "Không kết nối được cơ "
				    "sở dữ liệu; vui lòng thử lại sau.");
				resp_header(r, w, "Retry-After", "5");
				return -1;
			}
		}
	}
	context(r);
	if (rt->who != WHO_ANYONE && !(rt->who & WHO(r->who.kind))) {
		if (r->who.kind == WHO_ANON && (rt->flags & RF_PAGE) &&
		    (r->method == METHOD_GET || r->method == METHOD_HEAD))
			to_signin(r, w);
		else if (r->who.kind == WHO_ANON)
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
session_csrf(struct req *r, struct resp *w)
{
	const struct route	*rt = r->route;
	const struct kv		*f;
	const char		*given;
	int			 cookie;

	(void)credential(r, &cookie);
	if (!(rt->flags & RF_CSRF) && !(cookie && rt->who != WHO_ANYONE &&
	    r->method != METHOD_GET && r->method != METHOD_HEAD))
		return 0;
	if (!cookie && r->who.kind != WHO_ANON)
		return 0;	/* a bearer token: no ambient authority */
	given = req_env(r, "HTTP_X_CSRF_TOKEN");
	if (given == NULL && (f = req_field(r, "csrf")) != NULL)
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
session_check(struct req *r, struct resp *w)
{
	if (session_resolve(r, w) == -1)
		return -1;
	return session_csrf(r, w);
}

/* A CCCD as typed, or a user name in lower case; trimmed. */
static char *
normal_login(struct arena *a, const char *s)
{
	size_t	 n;
	char	*out, *p;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	out = arena_strndup(a, s, n);
	for (p = out; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return out;
}

/* Looks like a login (12 digits, or a user name): fit for the trail. */
static int
login_shape(const char *s)
{
	size_t	n = strlen(s);

	if (n == 12 && strspn(s, "0123456789") == 12)
		return 1;
	return n >= 3 && n <= 32 &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

/* The audit entry of a sign-in attempt (object: "user:ID" if known). */
static void
signin_entry(struct req *r, struct audit_entry *e, const char *action,
    int64_t user_id, const char *kind, const char *login,
    const char *reason)
{
	json_t	*d = json_object();

	memset(e, 0, sizeof(*e));
	if (login_shape(login))
		json_object_set_new(d, "login", json_string(login));
	if (reason != NULL)
		json_object_set_new(d, "reason", json_string(reason));
	e->actor_id = user_id;
	e->actor_kind = kind;
	e->action = action;
	e->object = user_id != 0 ? arena_printf(r->arena, "user:%lld",
	    (long long)user_id) : NULL;
	e->detail_json = json_text(r->arena, d);
	e->request_id = r->request_id;
	e->ip = r->remote_addr;
}

/*
 * A new session for u (the sign-in's end, or a registration's): ends
 * the token the request came with, clears the account's failures
 * (key_a) and takes back the address's attempt (key_b, may be NULL),
 * audited "signin" (detail reason, may be NULL).
 */
static enum signin_status
open_session(struct req *r, const struct acct_user *u, const char *login,
    const char *key_a, const char *key_b, const char *reason,
    struct signin *out)
{
	const struct config	*cfg = r->cfg;
	struct audit_entry	 e;
	const char		*old;
	char			 hash[SHA256_HEX_LEN + 1];
	char			 oldhash[SHA256_HEX_LEN + 1];
	int			 cookie;

	random_hex(out->token, SESSION_TOKEN_LEN / 2);
	random_hex(out->csrf, SESSION_TOKEN_LEN / 2);
	sha256_hex(out->token, SESSION_TOKEN_LEN, hash);
	out->expires_at = (int64_t)time(NULL) + cfg->session_max_s;
	/* Renewal: the token the request came with ends here. */
	if ((old = credential(r, &cookie)) != NULL)
		sha256_hex(old, strlen(old), oldhash);
	signin_entry(r, &e, "signin", u->id, u->kind, login, reason);
	if (acct_signin(r->db, u->id, old != NULL ? oldhash : NULL, hash,
	    out->csrf, cfg->session_idle_s, cfg->session_max_s, key_a, key_b,
	    &e) != DB_OK)
		return SIGNIN_UNAVAILABLE;
	principal_of(r, u, arena_strdup(r->arena, out->csrf), &out->who);
	return SIGNIN_OK;
}

enum signin_status
session_signin(struct req *r, const char *login_in, const char *pw,
    size_t pwlen, struct signin *out)
{
	const struct config	*cfg = r->cfg;
	struct acct_user	 u;
	struct audit_entry	 e;
	const char		*login, *key_a, *key_b;
	int			 found, ok;

	memset(out, 0, sizeof(*out));
	login = normal_login(r->arena, login_in);
	key_a = arena_printf(r->arena, "account:%s", login);
	key_b = arena_printf(r->arena, "address:%s", r->remote_addr);
	/* Checked and counted at once (before the password is): parallel
	 * guesses cannot all pass the check.  A success takes it back. */
	if (acct_fail_take(r->db, key_a, cfg->signin_account_max, key_b,
	    cfg->signin_address_max, cfg->signin_window_s,
	    &out->retry_after) != DB_OK)
		return SIGNIN_UNAVAILABLE;
	if (out->retry_after > 0) {
		signin_entry(r, &e, "signin.throttled", 0, "anonymous", login,
		    NULL);
		if (audit_add(r->db, &e) != DB_OK)
			log_msg(LOG_ERROR, "audit: signin.throttled not "
			    "recorded (request %s)", r->request_id);
		return SIGNIN_THROTTLED;
	}
	if (acct_by_login(r->db, r->arena, login, &u, &found) != DB_OK)
		return SIGNIN_UNAVAILABLE;
	if (found)
		ok = password_verify(u.password_hash, pw, pwlen);
	else {
		password_dummy_verify(pw, pwlen);
		ok = 0;
	}
	if (!ok || u.disabled || kind_of(u.kind) == WHO_ANON) {
		signin_entry(r, &e, "signin.failed", found ? u.id : 0,
		    "anonymous", login, !found ? "unknown account" :
		    !ok ? "wrong password" : "disabled");
		return acct_signin_failed(r->db, &e) == DB_OK ? SIGNIN_WRONG :
		    SIGNIN_UNAVAILABLE;
	}

	return open_session(r, &u, login, key_a, key_b, NULL, out);
}

enum signin_status
session_start(struct req *r, int64_t user_id, struct signin *out)
{
	struct acct_user	 u;
	int			 found = 0;

	memset(out, 0, sizeof(*out));
	if (acct_by_id(r->db, r->arena, user_id, &u, &found) != DB_OK)
		return SIGNIN_UNAVAILABLE;
	if (!found || u.disabled || kind_of(u.kind) == WHO_ANON)
		return SIGNIN_WRONG;
	return open_session(r, &u, u.login, arena_printf(r->arena,
	    "account:%s", u.login), NULL, "registration", out);
}

int
session_signout(struct req *r)
{
	struct audit_entry e;
	const char	*token;
	char		 hash[SHA256_HEX_LEN + 1];
	int64_t		 uid;
	int		 cookie;

	if ((token = credential(r, &cookie)) == NULL)
		return 0;
	sha256_hex(token, strlen(token), hash);
	audit_entry_of(r, &e, "signout", NULL, NULL);
	return acct_signout(r->db, hash, &e, &uid) == DB_OK ? 0 : -1;
}

static int
secure(const struct req *r)
{
	const char	*h = req_env(r, "HTTPS");

	return h != NULL && strcasecmp(h, "on") == 0;
}

void
session_cookie(struct req *r, struct resp *w, const char *token)
{
	resp_header(r, w, "Set-Cookie", arena_printf(r->arena,
	    "%s=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Lax%s",
	    SESSION_COOKIE, token, r->cfg->session_max_s,
	    secure(r) ? "; Secure" : ""));
}

void
session_cookie_clear(struct req *r, struct resp *w)
{
	resp_header(r, w, "Set-Cookie", arena_printf(r->arena,
	    "%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax%s",
	    SESSION_COOKIE, secure(r) ? "; Secure" : ""));
}
