/*
 * h_accounts.c - accounts and sessions in the JSON API:
 *   POST   /api/v1/citizens          register a citizen
 *   POST   /api/v1/sessions          sign in: a token, and the cookie
 *   DELETE /api/v1/sessions/current  sign out
 *   GET    /api/v1/me                who is signed in (any kind)
 *   GET    /api/v1/citizens/me       the signed-in citizen's profile
 * The work of signing in and out is session.c's, shared with the pages.
 *
 * Registration is signup_citizen()'s (signup.h), shared with the
 * registration page: throttled per address (429 with Retry-After), and
 * a CCCD that has an account already is answered exactly like a new
 * registration (201, the same members), so it does not tell who has an
 * account.  (The owner simply signs in; whoever else tried cannot sign
 * in with their password.)
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/config.h"
#include "core/def.h"
#include "web/web.h"
#include "web/session.h"
#include "app/signup.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/db.h"

/* A text member of the JSON body, or of the form; NULL when absent. */
static const char *
member(const struct wreq *r, const char *name, size_t *len)
{
	const struct kv	*kv;
	json_t		*v;

	if (r->h->json != NULL) {
		if ((v = json_object_get(r->h->json, name)) == NULL ||
		    !json_is_string(v))
			return NULL;
		*len = json_string_length(v);
		return json_string_value(v);
	}
	if ((kv = req_field(r->h, name)) == NULL)
		return NULL;
	*len = kv->vallen;
	return kv->val;
}

/* Trimmed copy of a member; NULL when absent or blank. */
static char *
trimmed(struct wreq *r, const char *name)
{
	const char	*s;
	size_t		 n = 0;

	if ((s = member(r, name, &n)) == NULL)
		return NULL;
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n > 0 ? arena_strndup(r->app.arena, s, n) : NULL;
}

/* The helpers that answer with an error return -1, for "return". */
static int
invalid(struct wreq *r, struct resp *w, const char *field, const char *en,
    const char *vi)
{
	http_error(r->h, w, HERR_FIELD_INVALID, field, en, vi);
	return -1;
}

static int
missing(struct wreq *r, struct resp *w, const char *field)
{
	return invalid(r, w, field, "This field is required.",
	    "Trường này là bắt buộc.");
}

static int
unavailable(struct wreq *r, struct resp *w)
{
	http_error(r->h, w, HERR_UNAVAILABLE, NULL,
	    "The database cannot be reached; try again shortly.",
	    "Không kết nối được cơ sở dữ liệu; vui lòng thử lại sau.");
	resp_header(r->h, w, "Retry-After", "5");
	return -1;
}

static void
iso_time(int64_t t, char out[21])
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	gmtime_r(&tt, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The work is signup_citizen()'s (signup.h), shared with the page; the
 * first error names its field. */
static int
register_citizen(struct wreq *r, struct resp *w)
{
	struct signup_in in;
	struct signup	 s;
	size_t		 n = 0;

	memset(&in, 0, sizeof(in));
	in.cccd = member(r, "cccd", &n);
	in.full_name = member(r, "full_name", &n);
	in.phone = member(r, "phone", &n);
	in.email = member(r, "email", &n);
	in.password = member(r, "password", &in.pwlen);
	switch (signup_citizen(&r->app, &in, &s)) {
	case UC_OK:
		break;
	case UC_INVALID:
		return invalid(r, w, s.errs[0].field, s.errs[0].en,
		    s.errs[0].vi);
	case UC_THROTTLED:
		http_error(r->h, w, HERR_TOO_MANY_REQUESTS, NULL,
		    arena_printf(r->app.arena, "Too many registrations from this "
		    "address; try again in %d seconds.", s.retry_after),
		    arena_printf(r->app.arena, "Đăng ký quá nhiều lần từ địa chỉ "
		    "này; vui lòng thử lại sau %d giây.", s.retry_after));
		resp_header(r->h, w, "Retry-After", arena_printf(r->app.arena, "%d",
		    s.retry_after));
		return -1;
	case UC_UNAVAILABLE:
		return unavailable(r, w);
	default:
		abort();
	}
	resp_header(r->h, w, "Location", "/api/v1/citizens/me");
	resp_json(r->h, w, 201, json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?}",
	    "id", (json_int_t)s.id, "kind", "citizen", "cccd", s.cccd,
	    "full_name", s.full_name, "phone", s.phone, "email", s.email));
	return 0;
}

/* The principal as JSON: kind, name, unit, roles. */
static json_t *
principal_json(struct wreq *r, const struct actor *p)
{
	struct acct_unit u;
	json_t		*o, *roles;
	size_t		 i;
	int		 found = 0;

	o = json_pack("{s:s, s:I, s:s?}", "kind", actor_kind_names[p->kind],
	    "id", (json_int_t)p->user_id, "name", p->name);
	if (p->unit_id != 0 && acct_unit_by_id(r->app.db, r->app.arena, p->unit_id,
	    &u, &found) == DB_OK && found)
		json_object_set_new(o, "unit", json_pack("{s:I, s:s, s:s, "
		    "s:{s:s, s:s}}", "id", (json_int_t)u.id, "code", u.code,
		    "kind", u.kind, "name", "vi", u.name_vi, "en", u.name_en));
	else
		json_object_set_new(o, "unit", json_null());
	roles = json_array();
	for (i = 0; i < 64 && r->app.defs != NULL && i < r->app.defs->nroles; i++)
		if (p->roles & ((uint64_t)1 << i))
			json_array_append_new(roles,
			    json_string(r->app.defs->roles[i].id));
	json_object_set_new(o, "roles", roles);
	if (p->kind == ACTOR_PARTNER) {
		json_t *sc = json_array();

		for (i = 0; i < SCOPE__MAX; i++)
			if (p->scopes & SCOPE(i))
				json_array_append_new(sc,
				    json_string(scope_names[i]));
		json_object_set_new(o, "scopes", sc);
	}
	return o;
}

static int
signin(struct wreq *r, struct resp *w)
{
	struct signin	 s;
	const char	*pw;
	char		*cccd, *user, ts[21];
	size_t		 pwlen = 0;

	cccd = trimmed(r, "cccd");
	user = trimmed(r, "username");
	pw = member(r, "password", &pwlen);
	if (cccd != NULL && user != NULL)
		return invalid(r, w, "username", "Give a citizen ID or a user "
		    "name, not both.", "Chỉ nhập số CCCD hoặc tên đăng nhập, "
		    "không nhập cả hai.");
	if (cccd == NULL && user == NULL)
		return missing(r, w, "cccd");
	if (pw == NULL || pwlen == 0)
		return missing(r, w, "password");
	switch (uc_signin(&r->app, cccd != NULL ? cccd : user, pw, pwlen, session_token(r), &s)) {
	case UC_OK:
		break;
	case UC_UNAUTHENTICATED:
		http_error(r->h, w, HERR_UNAUTHENTICATED, NULL,
		    "The citizen ID, user name or password is wrong.",
		    "Số CCCD, tên đăng nhập hoặc mật khẩu không đúng.");
		return -1;
	case UC_THROTTLED:
		http_error(r->h, w, HERR_TOO_MANY_REQUESTS, NULL,
		    arena_printf(r->app.arena, "Too many failed sign-ins; try "
		    "again in %d seconds.", s.retry_after),
		    arena_printf(r->app.arena, "Đăng nhập sai quá nhiều lần; vui "
		    "lòng thử lại sau %d giây.", s.retry_after));
		resp_header(r->h, w, "Retry-After", arena_printf(r->app.arena, "%d",
		    s.retry_after));
		return -1;
	case UC_UNAVAILABLE:
		return unavailable(r, w);
	default:
		abort();
	}
	iso_time(s.expires_at, ts);
	session_cookie(r, w, s.token);
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_json(r->h, w, 201, json_pack("{s:s, s:s, s:s, s:o}",
	    "token", s.token, "csrf", s.csrf, "expires_at", ts,
	    "user", principal_json(r, &s.who)));
	return 0;
}

static int
signout(struct wreq *r, struct resp *w)
{
	if (uc_signout(&r->app, session_token(r)) != UC_OK)
		return unavailable(r, w);
	session_cookie_clear(r, w);
	w->status = 204;
	w->len = 0;
	return 0;
}

void
h_me(struct wreq *r, struct resp *w)
{
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_json(r->h, w, 200, principal_json(r, &r->app.actor));
}

static int
citizen_me(struct wreq *r, struct resp *w)
{
	struct acct_user u;
	int		 found;

	if (acct_by_id(r->app.db, r->app.arena, r->app.actor.user_id, &u, &found) !=
	    DB_OK)
		return unavailable(r, w);
	if (!found) {
		http_error(r->h, w, HERR_NOT_FOUND, NULL, "No such account.",
		    "Không có tài khoản này.");
		return -1;
	}
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_json(r->h, w, 200, json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?}",
	    "id", (json_int_t)u.id, "kind", "citizen", "cccd", u.login,
	    "full_name", u.full_name, "phone", u.phone, "email", u.email));
	return 0;
}

void
h_register(struct wreq *r, struct resp *w)
{
	(void)register_citizen(r, w);
}

void
h_signin(struct wreq *r, struct resp *w)
{
	(void)signin(r, w);
}

void
h_signout(struct wreq *r, struct resp *w)
{
	(void)signout(r, w);
}

void
h_citizen_me(struct wreq *r, struct resp *w)
{
	(void)citizen_me(r, w);
}
