/*
 * account.c - accounts in pages (render.h):
 *   GET  /signin     the sign-in form (keeps "next", next.h)
 *   POST /signin     sign in: 303 to a safe "next", else /my (citizens)
 *                    or /inbox (staff, inspectors)
 *   POST /signout    sign out (csrf): 303 to /
 *   GET  /register   the registration form of a citizen
 *   POST /register   register (signup_citizen(), the code of POST
 *                    /api/v1/citizens): signed in, 303 to a safe "next"
 *                    or /my; or the form again with its errors
 *
 * Both POSTs are anonymous, so they cannot carry a CSRF token; login
 * CSRF (a foreign site signing the browser into an account of its
 * choosing) is refused by the origin instead (same_origin).
 *
 * A CCCD that has an account already is answered like a new one
 * (signup.h): the same 303 to the same place, but without a session
 * (the browser is not signed into someone else's account), so the page
 * it lands on asks it to sign in.  The form says so beforehand.
 */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "web/web.h"
#include "web/next.h"
#include "web/pages/pages.h"
#include "web/render.h"
#include "web/session.h"
#include "app/notify.h"
#include "app/signup.h"

/* The host of an absolute URL ("https://host:port/path"), in the arena. */
static const char *
url_host(struct wreq *r, const char *url)
{
	const char	*p, *e;

	if ((p = strstr(url, "://")) == NULL)
		return NULL;
	p += 3;
	e = p + strcspn(p, "/?#");
	return arena_strndup(r->app.arena, p, (size_t)(e - p));
}

/*
 * Login CSRF: a browser names the page a form came from in Origin on
 * every POST (and our pages also send Referer, Referrer-Policy
 * same-origin); its host must be ours.  "null" (a sandboxed frame, a
 * page that hides its address) is foreign, and so is a POST that names
 * no origin at all: else an attacker's page could sign a victim's
 * browser into the attacker's account.
 */
static int
same_origin(struct wreq *r)
{
	const char	*host = req_env(r->h, "HTTP_HOST");
	const char	*origin = req_env(r->h, "HTTP_ORIGIN");
	const char	*from;

	if (origin == NULL)
		origin = req_env(r->h, "HTTP_REFERER");
	if (origin == NULL || host == NULL || strcmp(origin, "null") == 0 ||
	    (from = url_host(r, origin)) == NULL)
		return 0;
	return strcmp(from, host) == 0;
}

/* Refused by the origin: audited, 1. */
static int
foreign(struct wreq *r, const char *page)
{
	if (same_origin(r))
		return 0;
	session_audit_refusal(r, page, "{\"reason\":\"origin\"}");
	return 1;
}

/* Trimmed text of a form field, "" when absent. */
static const char *
field_text(struct wreq *r, const char *name)
{
	const struct kv	*kv = req_field(r->h, name);
	const char	*s;
	size_t		 n;

	if (kv == NULL)
		return "";
	s = kv->val;
	n = kv->vallen;
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_strndup(r->app.arena, s, n);
}

/* The "next" of the query (GET) or of the form (POST), when safe. */
static const char *
next_given(struct wreq *r)
{
	const struct kv	*kv = r->h->method == METHOD_POST ?
			    req_field(r->h, "next") : req_arg(r->h, "next");

	return kv != NULL && next_safe(kv->val) ? kv->val : NULL;
}

/* Signed in: to next, else the default of the kind, in the language. */
static void
go_on(struct wreq *r, struct resp *w, enum lang lang, enum actor_kind kind,
    const char *next)
{
	const char	*to;

	resp_header(r->h, w, "Cache-Control", "no-store");
	if (next != NULL)
		to = next;
	else if (kind == ACTOR_CITIZEN || kind == ACTOR_ANON)
		to = lang == LANG_EN ? "/my?lang=en" : "/my";
	else
		to = lang == LANG_EN ? "/inbox?lang=en" : "/inbox";
	resp_redirect(r->h, w, 303, to);
}

/* ---- sign-in and sign-out ------------------------------------------ */

static struct view *
signin_view(struct wreq *r, enum lang lang, const char *login,
    const char *error_field, const char *what)
{
	struct view	*v;
	xmlNodePtr	 s, e;
	const char	*next = next_given(r);

	v = view_new(r, PAGE_SIGNIN, lang);
	view_attr(v->root, "path", "/signin");
	s = view_el(v->root, "signin", NULL);
	view_attr(s, "login", login);
	view_attr(s, "next", next);
	view_attr(s, "register", next_link(r->app.arena, "/register",
	    lang == LANG_EN, next));
	if (what != NULL) {
		e = view_el(s, "error", NULL);
		view_attr(e, "field", error_field);
		view_attr(e, "what", what);
	}
	return v;
}

void
h_page_signin_form(struct wreq *r, struct resp *w)
{
	enum lang	lang;

	if (view_lang(r, w, &lang) == -1)
		return;
	render(signin_view(r, lang, NULL, NULL, NULL), w, 200);
}

/* A citizen's messages are written in the language of the page they
 * sign in on (app/notify.h); a failure here only keeps the old one. */
static void
remember_lang(struct wreq *r, const struct actor *who, enum lang lang)
{
	struct uc_error	err;

	if (who->kind != ACTOR_CITIZEN)
		return;
	app_act_as(&r->app, who);
	(void)uc_set_lang(&r->app, lang_names[lang], &err);
}

void
h_page_signin(struct wreq *r, struct resp *w)
{
	const struct kv	*pw;
	struct signin	 s;
	const char	*login;
	enum lang	 lang;

	if (view_lang(r, w, &lang) == -1)
		return;
	login = field_text(r, "login");
	pw = req_field(r->h, "password");
	if (foreign(r, "signin")) {
		render(signin_view(r, lang, login, NULL, "origin"), w, 403);
		return;
	}
	if (login[0] == '\0') {
		render(signin_view(r, lang, login, "login", "missing"), w,
		    422);
		return;
	}
	if (pw == NULL || pw->vallen == 0) {
		render(signin_view(r, lang, login, "password", "missing"), w,
		    422);
		return;
	}
	switch (uc_signin(&r->app, login, pw->val, pw->vallen, session_token(r), &s)) {
	case UC_OK:
		break;
	case UC_UNAUTHENTICATED:
		render(signin_view(r, lang, login, "password", "wrong"), w,
		    401);
		return;
	case UC_THROTTLED:
		resp_header(r->h, w, "Retry-After", arena_printf(r->app.arena, "%d",
		    s.retry_after));
		render(signin_view(r, lang, login, NULL, "throttled"), w, 429);
		return;
	default:
		resp_header(r->h, w, "Retry-After", "5");
		render(signin_view(r, lang, login, NULL, "unavailable"), w,
		    503);
		return;
	}
	session_cookie(r, w, s.token);
	remember_lang(r, &s.who, lang);
	/* Citizens to their dossiers, staff and inspectors to the inbox,
	 * unless the page they came for is named. */
	go_on(r, w, lang, s.who.kind, next_given(r));
}

void
h_page_signout(struct wreq *r, struct resp *w)
{
	if (uc_signout(&r->app, session_token(r)) != UC_OK) {
		http_error(r->h, w, HERR_UNAVAILABLE, NULL,
		    "The database cannot be reached; try again shortly.",
		    "Không kết nối được cơ sở dữ liệu; vui lòng thử lại sau.");
		resp_header(r->h, w, "Retry-After", "5");
		return;
	}
	session_cookie_clear(r, w);
	resp_header(r->h, w, "Cache-Control", "no-store");
	resp_redirect(r->h, w, 303, "/");
}

/* ---- registration --------------------------------------------------- */

/* The form's fields, in order; never the passwords' values. */
static const char *const reg_fields[] = {
	"cccd", "full_name", "phone", "email", "password", "password_confirm",
};
#define NREG	(sizeof(reg_fields) / sizeof(reg_fields[0]))

/*
 * /page/register[@next, @signin]/(error?[@what], field*[@id, @value]/
 * error?): errs[0..nerrs) beside their fields, in the page's language;
 * what: an error of the whole form (strings.xml register.error.WHAT).
 */
static struct view *
register_view(struct wreq *r, enum lang lang, int keep,
    const struct signup_error *errs, size_t nerrs, const char *what)
{
	struct view	*v;
	xmlNodePtr	 g, f;
	const char	*next = next_given(r);
	size_t		 i, k;

	v = view_new(r, PAGE_REGISTER, lang);
	view_attr(v->root, "path", "/register");
	g = view_el(v->root, "register", NULL);
	view_attr(g, "next", next);
	view_attr(g, "signin", next_link(r->app.arena, "/signin", lang == LANG_EN,
	    next));
	if (what != NULL)
		view_attr(view_el(g, "error", NULL), "what", what);
	for (i = 0; i < NREG; i++) {
		f = view_el(g, "field", NULL);
		view_attr(f, "id", reg_fields[i]);
		if (keep && strncmp(reg_fields[i], "password", 8) != 0)
			view_attr(f, "value", field_text(r, reg_fields[i]));
		for (k = 0; k < nerrs; k++)
			if (strcmp(errs[k].field, reg_fields[i]) == 0) {
				view_el(f, "error", lang == LANG_EN ?
				    errs[k].en : errs[k].vi);
				break;
			}
	}
	return v;
}

void
h_page_register_form(struct wreq *r, struct resp *w)
{
	enum lang	lang;

	if (view_lang(r, w, &lang) == -1)
		return;
	render(register_view(r, lang, 0, NULL, 0, NULL), w, 200);
}

void
h_page_register(struct wreq *r, struct resp *w)
{
	const struct kv	*pw, *pw2;
	struct signup_in in;
	struct signup	 s;
	struct signin	 si;
	enum lang	 lang;
	size_t		 n;

	if (view_lang(r, w, &lang) == -1)
		return;
	if (foreign(r, "register")) {
		render(register_view(r, lang, 1, NULL, 0, "origin"), w, 403);
		return;
	}
	pw = req_field(r->h, "password");
	pw2 = req_field(r->h, "password_confirm");
	memset(&in, 0, sizeof(in));
	in.cccd = field_text(r, "cccd");
	in.full_name = field_text(r, "full_name");
	in.phone = field_text(r, "phone");
	in.email = field_text(r, "email");
	in.password = pw != NULL ? pw->val : NULL;
	in.pwlen = pw != NULL ? pw->vallen : 0;
	/* The confirmation is the page's own check; the rest signup's. */
	if (pw != NULL && pw->vallen > 0 && (pw2 == NULL ||
	    pw2->vallen != pw->vallen || memcmp(pw->val, pw2->val,
	    pw->vallen) != 0)) {
		(void)signup_check(&r->app, &in, &s);
		n = s.nerrs;
		s.errs[n].field = "password_confirm";
		s.errs[n].en = "The two passwords differ.";
		s.errs[n].vi = "Hai mật khẩu không giống nhau.";
		render(register_view(r, lang, 1, s.errs, n + 1, NULL), w, 422);
		return;
	}
	switch (signup_citizen(&r->app, &in, &s)) {
	case UC_OK:
		break;
	case UC_INVALID:
		render(register_view(r, lang, 1, s.errs, s.nerrs, NULL), w,
		    422);
		return;
	case UC_THROTTLED:
		resp_header(r->h, w, "Retry-After", arena_printf(r->app.arena, "%d",
		    s.retry_after));
		render(register_view(r, lang, 1, NULL, 0, "throttled"), w, 429);
		return;
	case UC_UNAVAILABLE:
		resp_header(r->h, w, "Retry-After", "5");
		render(register_view(r, lang, 1, NULL, 0, "unavailable"), w,
		    503);
		return;
	default:
		abort();
	}
	/* A new account is signed in; an existing CCCD's is not, and goes
	 * to the same place (signup.h; the page there asks to sign in). */
	if (s.created && uc_session_start(&r->app, s.id, session_token(r), &si) == UC_OK)
		session_cookie(r, w, si.token);
	go_on(r, w, lang, ACTOR_CITIZEN, next_given(r));
}
