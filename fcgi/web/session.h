/*
 * session.h - who is asking (authorization, wall 1): credentials, the
 * checks of each route, CSRF and the session cookie.  Signing in and
 * out are use cases (app/session.h).
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
#ifndef MOTCUA_WEB_SESSION_H
#define MOTCUA_WEB_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "app/session.h"
#include "web/web.h"

#define SESSION_COOKIE		"motcua_session"
/* Each: 0, or -1 after the error response.  session_resolve() sets
 * r->app.actor and enforces route.who; session_csrf() enforces CSRF (after
 * body_parse); session_check() is both, in that order. */
int	session_resolve(struct wreq *, struct resp *);
int	session_csrf(struct wreq *, struct resp *);
int	session_check(struct wreq *, struct resp *);

/* The token the request carries: the bearer token, else the first
 * session cookie of the right shape; *cookie tells which.  NULL: none. */
const char *session_credential(const struct wreq *, int *cookie);
/* The same, whichever it is. */
const char *session_token(const struct wreq *);

/* Set-Cookie for a new session (Secure when HTTPS is "on"), or one
 * that makes the browser forget it. */
void	session_cookie(struct wreq *, struct resp *, const char *token);
void	session_cookie_clear(struct wreq *, struct resp *);

/* Constant-time check of a form's CSRF token against the session's. */
int	session_csrf_ok(const struct wreq *, const char *given);

/* Audit a refusal ("access.denied" of object, with detail): an
 * anonymous one only under the per-address limit (app/audit.h), the
 * others counted in /metrics. */
void	session_audit_refusal(struct wreq *, const char *object,
	    const char *detail_json);

#endif
