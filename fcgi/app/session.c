/*
 * session.c - sessions as use cases (session.h).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/audit.h"
#include "app/json.h"
#include "app/session.h"
#include "base/arena.h"
#include "base/config.h"
#include "base/hash.h"
#include "base/log.h"
#include "base/password.h"
#include "core/def.h"
#include "store/accounts.h"

/* last_seen_at is written at most this often (less under a short idle
 * timeout, so that a session in use never looks idle). */
#define TOUCH_EVERY_S	60

static enum actor_kind
kind_of(const char *s)
{
	if (s == NULL)
		return ACTOR_ANON;
	if (strcmp(s, "citizen") == 0)
		return ACTOR_CITIZEN;
	if (strcmp(s, "staff") == 0)
		return ACTOR_STAFF;
	if (strcmp(s, "inspector") == 0)
		return ACTOR_INSPECTOR;
	return ACTOR_ANON;
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
actor_of(struct app *app, const struct acct_user *u, struct actor *p)
{
	memset(p, 0, sizeof(*p));
	p->kind = kind_of(u->kind);
	p->user_id = u->id;
	p->unit_id = p->kind == ACTOR_STAFF ? u->unit_id : 0;
	p->roles = p->kind == ACTOR_STAFF ?
	    mask_of(app->arena, u->roles, role_lookup, app->defs) : 0;
	p->name = u->full_name;
}

enum uc_status
uc_actor(struct app *app, const char *login, struct actor *out)
{
	struct acct_user	u;
	int			found;

	memset(out, 0, sizeof(*out));
	if (acct_by_login(app->db, app->arena, login, &u, &found) != DB_OK)
		return UC_UNAVAILABLE;
	if (!found || u.disabled || kind_of(u.kind) == ACTOR_ANON)
		return UC_NOT_FOUND;
	actor_of(app, &u, out);
	return UC_OK;
}

enum uc_status
uc_whois(struct app *app, const char *token, struct actor *out,
    const char **csrf)
{
	struct acct_session	 s;
	struct acct_partner	 t;
	char			 hash[SHA256_HEX_LEN + 1];
	int			 found, idle = app->cfg->session_idle_s;
	int			 touch = idle >= 4 * TOUCH_EVERY_S ?
				    TOUCH_EVERY_S : idle / 4;

	memset(out, 0, sizeof(*out));
	*csrf = NULL;
	sha256_hex(token, strlen(token), hash);
	if (acct_session_get(app->db, app->arena, hash, idle, touch, &s,
	    &found) != DB_OK)
		return UC_UNAVAILABLE;
	if (found && kind_of(s.user.kind) != ACTOR_ANON) {
		actor_of(app, &s.user, out);
		*csrf = s.csrf;
		if (s.stale && acct_session_touch(app->db, hash) != DB_OK)
			log_msg(LOG_WARN, "session: last_seen not written");
		return UC_OK;
	}
	if (acct_partner_get(app->db, app->arena, hash, &t, &found) != DB_OK)
		return UC_UNAVAILABLE;
	if (found) {
		memset(out, 0, sizeof(*out));
		out->kind = ACTOR_PARTNER;
		out->user_id = t.id;
		out->unit_id = t.unit_id;
		out->name = t.name;
		out->scopes = (unsigned)mask_of(app->arena, t.scopes,
		    scope_lookup, NULL);
	}
	return UC_OK;
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

/*
 * The throttle's key of an account, per address: "account:ADDR LOGIN"
 * (an address has no space).  Counted per account alone, five wrong
 * passwords from anywhere would lock the owner out, and staff user
 * names follow a public pattern.  Per account and address, a guesser
 * is stopped where it guesses; the owner elsewhere still gets in.  A
 * guesser with many addresses is held by the per-address limit (key
 * "address:ADDR", across accounts) and by the passwords' own strength.
 */
static const char *
account_key(struct app *app, const char *login)
{
	const char	*addr = app_throttle_addr(app);

	return arena_printf(app->arena, "account:%s %s",
	    addr != NULL ? addr : "-", login);
}

/* The audit entry of a sign-in attempt (object: "user:ID" if known). */
static void
signin_entry(struct app *app, struct audit_entry *e, const char *action,
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
	e->object = user_id != 0 ? arena_printf(app->arena, "user:%lld",
	    (long long)user_id) : NULL;
	e->detail_json = app_json_text(app->arena, d);
	e->request_id = app->request_id;
	e->ip = app->remote_addr;
}

/*
 * A new session for u (the sign-in's end, or a registration's): ends
 * the token the request came with, clears the account's failures
 * (key_a) and takes back the address's attempt (key_b, may be NULL),
 * audited "signin" (detail reason, may be NULL).
 */
static enum uc_status
open_session(struct app *app, const struct acct_user *u, const char *login,
    const char *key_a, const char *key_b, const char *reason,
    const char *old, struct signin *out)
{
	const struct config	*cfg = app->cfg;
	struct audit_entry	 e;
	char			 hash[SHA256_HEX_LEN + 1];
	char			 oldhash[SHA256_HEX_LEN + 1];

	random_hex(out->token, SESSION_TOKEN_LEN / 2);
	random_hex(out->csrf, SESSION_TOKEN_LEN / 2);
	sha256_hex(out->token, SESSION_TOKEN_LEN, hash);
	out->expires_at = app->now + cfg->session_max_s;
	/* Renewal: the token the caller came with ends here. */
	if (old != NULL)
		sha256_hex(old, strlen(old), oldhash);
	signin_entry(app, &e, "signin", u->id, u->kind, login, reason);
	e.unit_id = u->unit_id;
	e.role = u->roles != NULL && u->roles[0] != '\0' ? u->roles : NULL;
	if (acct_signin(app->db, u->id, old != NULL ? oldhash : NULL, hash,
	    out->csrf, cfg->session_idle_s, cfg->session_max_s, key_a, key_b,
	    &e) != DB_OK)
		return UC_UNAVAILABLE;
	actor_of(app, u, &out->who);
	return UC_OK;
}

enum uc_status
uc_signin(struct app *app, const char *login_in, const char *pw,
    size_t pwlen, const char *old, struct signin *out)
{
	const struct config	*cfg = app->cfg;
	struct acct_user	 u;
	struct audit_entry	 e;
	const char		*login, *key_a, *key_b;
	int			 found, ok;

	memset(out, 0, sizeof(*out));
	login = normal_login(app->arena, login_in);
	key_a = account_key(app, login);
	key_b = arena_printf(app->arena, "address:%s", app_throttle_addr(app));
	/* Checked and counted at once (before the password is): parallel
	 * guesses cannot all pass the check.  A success takes it back. */
	if (acct_fail_take(app->db, key_a, cfg->signin_account_max, key_b,
	    cfg->signin_address_max, cfg->signin_window_s,
	    &out->retry_after) != DB_OK)
		return UC_UNAVAILABLE;
	if (out->retry_after > 0) {
		signin_entry(app, &e, "signin.throttled", 0,
		    actor_kind_names[ACTOR_ANON], login,
		    NULL);
		if (audit_add(app->db, &e) != DB_OK)
			log_msg(LOG_ERROR, "audit: signin.throttled not "
			    "recorded (request %s)", app->request_id);
		return UC_THROTTLED;
	}
	if (acct_by_login(app->db, app->arena, login, &u, &found) != DB_OK)
		return UC_UNAVAILABLE;
	if (found)
		ok = password_verify(u.password_hash, pw, pwlen);
	else {
		password_dummy_verify(pw, pwlen);
		ok = 0;
	}
	if (!ok || u.disabled || kind_of(u.kind) == ACTOR_ANON) {
		signin_entry(app, &e, "signin.failed", found ? u.id : 0,
		    actor_kind_names[ACTOR_ANON], login, !found ? "unknown account" :
		    !ok ? "wrong password" : "disabled");
		return acct_signin_failed(app->db, &e) == DB_OK ?
		    UC_UNAUTHENTICATED : UC_UNAVAILABLE;
	}
	return open_session(app, &u, login, key_a, key_b, NULL, old, out);
}

enum uc_status
uc_session_start(struct app *app, int64_t user_id, const char *old,
    struct signin *out)
{
	struct acct_user	 u;
	int			 found = 0;

	memset(out, 0, sizeof(*out));
	if (acct_by_id(app->db, app->arena, user_id, &u, &found) != DB_OK)
		return UC_UNAVAILABLE;
	if (!found || u.disabled || kind_of(u.kind) == ACTOR_ANON)
		return UC_UNAUTHENTICATED;
	return open_session(app, &u, u.login, account_key(app, u.login), NULL,
	    "registration", old, out);
}

enum uc_status
uc_signout(struct app *app, const char *token)
{
	struct audit_entry e;
	char		 hash[SHA256_HEX_LEN + 1];
	int64_t		 uid;

	if (token == NULL)
		return UC_OK;
	sha256_hex(token, strlen(token), hash);
	app_entry(app, &e, "signout", NULL, NULL);
	return acct_signout(app->db, hash, &e, &uid) == DB_OK ? UC_OK :
	    UC_UNAVAILABLE;
}

