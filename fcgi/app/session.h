/*
 * session.h - sessions as use cases: who holds a token, signing in
 * and out.  The web layer carries tokens (cookie or bearer: web/
 * session.h); commands and jobs need none of this.
 *
 * A token is 64 hex digits (256 random bits); the database holds only
 * its SHA-256.  A session ends after MOTCUA_SESSION_IDLE_SECONDS
 * unused or MOTCUA_SESSION_MAX_SECONDS after sign-in; last_seen_at is
 * written at most once a minute (more often under a short idle
 * timeout).  A token that is unknown or has ended counts as none.
 */
#ifndef MOTCUA_APP_SESSION_H
#define MOTCUA_APP_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"

#define SESSION_TOKEN_LEN	64	/* hex digits */

/*
 * Who holds token (a session's or a partner system's): *out (kind
 * ACTOR_ANON for nobody) and, for a session, *csrf its form token.
 * UC_OK or UC_UNAVAILABLE.
 */
enum uc_status	uc_whois(struct app *, const char *token, struct actor *out,
		    const char **csrf);

/* The actor of an enabled account (a CCCD or a user name, as stored),
 * for commands and jobs that act for someone: UC_OK, UC_NOT_FOUND or
 * UC_UNAVAILABLE. */
enum uc_status	uc_actor(struct app *, const char *login, struct actor *out);

struct signin {
	char		 token[SESSION_TOKEN_LEN + 1];
	char		 csrf[SESSION_TOKEN_LEN + 1];
	int64_t		 expires_at;	/* Unix time: the absolute end */
	int		 retry_after;	/* UC_THROTTLED */
	struct actor	 who;		/* UC_OK: who signed in */
};

/*
 * Sign in with a CCCD or user name (login, as typed: trimmed, user
 * names lower-cased here) and a password; old (or NULL) the token the
 * caller came with, which ends.  Throttled per account and address
 * (MOTCUA_SIGNIN_ACCOUNT_MAX: the owner elsewhere is not locked out)
 * and per address (MOTCUA_SIGNIN_ADDRESS_MAX): the attempt is checked and counted in one
 * transaction under an advisory lock per key, before the password is
 * (parallel guesses cannot all pass the check); a success takes its
 * count back.  Audited ("signin", "signin.failed", "signin.throttled").
 * UC_OK, UC_UNAUTHENTICATED (no such account, wrong password,
 * disabled), UC_THROTTLED (out->retry_after) or UC_UNAVAILABLE.
 */
enum uc_status	uc_signin(struct app *, const char *login,
		    const char *password, size_t pwlen, const char *old,
		    struct signin *);

/*
 * Sign in a citizen just registered (signup.h), without a password:
 * the session as uc_signin() makes it, audited "signin" with the
 * reason "registration".  UC_UNAUTHENTICATED: no such (enabled)
 * account.
 */
enum uc_status	uc_session_start(struct app *, int64_t user_id,
		    const char *old, struct signin *);

/* End the session of token (NULL: none), audited ("signout"). */
enum uc_status	uc_signout(struct app *, const char *token);

#endif
