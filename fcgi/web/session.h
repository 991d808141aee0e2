/*
 * session.h - who is asking (authorization, wall 1), sign-in and
 * sign-out, and audit entries for requests.
 *
 * Credentials: the "motcua_session" cookie (browsers), or
 * "Authorization: Bearer TOKEN" (API clients: a session token from
 * POST /api/v1/sessions, or a partner system's token).  A token is 64
 * hex digits (256 random bits); the database holds only its SHA-256.
 * A session ends after MOTCUA_SESSION_IDLE_SECONDS unused or
 * MOTCUA_SESSION_MAX_SECONDS after sign-in; last_seen_at is written at
 * most once a minute (more often under a short idle timeout).  A
 * credential that is unknown or has ended counts as no credential: the
 * request is anonymous.  Sign-in makes a new token (and ends the one
 * the request carried).
 *
 * dispatch() checks in two steps.  session_resolve() runs right after
 * routing, before the body is read (an anonymous request to a route
 * for the signed-in is refused without its body being parsed):
 *  - route.who != WHO_ANYONE and the request is anonymous: 401
 *    "unauthenticated" (with WWW-Authenticate: Bearer); but a GET or
 *    HEAD of a page (RF_PAGE) is sent to /signin?next=... (303, next.h);
 *  - signed in as a kind the route does not allow: 403 "forbidden";
 * session_csrf() runs after the body is parsed (it may need the form):
 *  - CSRF: a route with RF_CSRF, or any request that changes state
 *    (not GET/HEAD) on a route that needs sign-in and is authenticated
 *    by the cookie, must carry the session's token, in the form field
 *    "csrf" (list "csrf" in the route's body allowlist) or the header
 *    X-CSRF-Token; else 403 "forbidden".  Bearer requests are not
 *    exposed to CSRF (a browser never adds the header by itself).
 * Every refusal is written to audit_log (action "access.denied").
 */
#ifndef MOTCUA_SESSION_H
#define MOTCUA_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "http.h"

#define SESSION_COOKIE		"motcua_session"
#define SESSION_TOKEN_LEN	64	/* hex digits */

/* Partner scopes: principal.scopes is a mask of SCOPE(x). */
enum partner_scope {
	SCOPE_LOOKUP,		/* "lookup": public status lookups */
	SCOPE_DOSSIERS_READ,	/* "dossiers:read" */
	SCOPE_DOSSIERS_WRITE,	/* "dossiers:write" */
	SCOPE__MAX
};
#define SCOPE(s)	(1u << (s))
extern const char *const scope_names[SCOPE__MAX];

/* "anonymous", "citizen", "staff", "inspector", "partner". */
extern const char *const who_kind_names[WHO__MAX];

/* Each: 0, or -1 after the error response.  session_resolve() sets
 * r->who and enforces route.who; session_csrf() enforces CSRF (after
 * body_parse); session_check() is both, in that order. */
int	session_resolve(struct req *, struct resp *);
int	session_csrf(struct req *, struct resp *);
int	session_check(struct req *, struct resp *);

enum signin_status {
	SIGNIN_OK,
	SIGNIN_WRONG,		/* no such account, wrong password, disabled */
	SIGNIN_THROTTLED,	/* too many failures: retry_after seconds */
	SIGNIN_UNAVAILABLE,	/* the database failed */
	SIGNIN__MAX
};

struct signin {
	char		 token[SESSION_TOKEN_LEN + 1];
	char		 csrf[SESSION_TOKEN_LEN + 1];
	int64_t		 expires_at;	/* Unix time: the absolute end */
	int		 retry_after;	/* SIGNIN_THROTTLED */
	struct principal who;		/* SIGNIN_OK: who signed in */
};

/*
 * Sign in with a CCCD or user name (login, as typed: trimmed, user
 * names lower-cased here) and a password.  Throttled per account and
 * per address (MOTCUA_SIGNIN_*): the attempt is checked and counted in
 * one transaction under an advisory lock per key, before the password
 * is (parallel guesses cannot all pass the check); a success takes its
 * count back.  Writes the audit entry ("signin",
 * "signin.failed", "signin.throttled").  On SIGNIN_OK the caller sets
 * the cookie (session_cookie) or returns the token.
 */
enum signin_status session_signin(struct req *, const char *login,
	    const char *password, size_t pwlen, struct signin *);

/*
 * Sign in a citizen just registered (signup.h), without a password:
 * the session as session_signin() makes it, audited "signin" with the
 * reason "registration".  SIGNIN_WRONG: no such (enabled) account.
 */
enum signin_status session_start(struct req *, int64_t user_id,
	    struct signin *);

/* End the session the request came with (cookie or bearer), audited
 * ("signout").  0, or -1 when the database failed. */
int	session_signout(struct req *);

/* Set-Cookie for a new session (Secure when HTTPS is "on"), or one
 * that makes the browser forget it. */
void	session_cookie(struct req *, struct resp *, const char *token);
void	session_cookie_clear(struct req *, struct resp *);

/* Constant-time check of a form's CSRF token against the session's. */
int	session_csrf_ok(const struct req *, const char *given);

/*
 * An audit entry (store/audit.h) for this request: actor from r->who,
 * request id and address from the request; detail_json may be NULL.
 * Pass it to the store function that makes the change, which writes it
 * in the same transaction.
 */
struct audit_entry;
void	audit_entry_of(const struct req *, struct audit_entry *,
	    const char *action, const char *object, const char *detail_json);

/* Write such an entry on its own (refusals, reads): 0, or -1 (logged). */
int	session_audit(struct req *, const char *action, const char *object,
	    const char *detail_json);

#endif
