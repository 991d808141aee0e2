/*
 * signup.h - registering a citizen: the one implementation behind
 * POST /api/v1/citizens (h_accounts.c) and the registration page
 * (POST /register, h_pages_account.c).  Each caller turns the outcome
 * into its own answer (problem+json, or the form with its errors).
 *
 * The rules (README.md, "Accounts and sessions"):
 *  - checks: a CCCD (12 digits, a province code), a full name on one
 *    line (<= 200 bytes of base/utf8.h utf8_name() text: nothing
 *    invisible, nothing that turns text around), a Vietnamese mobile
 *    number and/or an e-mail address, a password password_check()
 *    accepts;
 *  - throttled per address (MOTCUA_REGISTER_ADDRESS_MAX per
 *    MOTCUA_SIGNIN_WINDOW_SECONDS): each registration costs an
 *    Argon2id hash;
 *  - the answer does not tell who has an account: a CCCD that has an
 *    account already is answered like a new one (UC_OK, an id from
 *    the users' sequence that no user gets, after the same hash),
 *    nothing is made and nothing changes; the attempt is audited as
 *    "citizen.register.duplicate" with the existing account as object.
 *    s.created tells the caller, which must not tell the client: the
 *    page signs a new citizen in and sends both to the same place.
 *    What follows does tell (the new citizen is signed in, the other
 *    is asked to sign in; a sign-in with the password just chosen
 *    fails): one throttled probe per account made.  Closing that
 *    needs the phone or e-mail verified before an account is active.
 */
#ifndef MOTCUA_APP_SIGNUP_H
#define MOTCUA_APP_SIGNUP_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"

/*
 * Outcomes: UC_OK (made, or answered as if: see above), UC_INVALID
 * (s.errs[0..nerrs), one per field at most), UC_THROTTLED
 * (s.retry_after seconds; audited), UC_UNAVAILABLE (the database).
 */

/* What was sent: text as typed (trimmed here), NULL when absent. */
struct signup_in {
	const char	*cccd;
	const char	*full_name;
	const char	*phone;
	const char	*email;
	const char	*password;	/* pwlen bytes; not trimmed */
	size_t		 pwlen;
};

struct signup_error {
	const char	*field;		/* "cccd", "full_name", ... */
	const char	*en;
	const char	*vi;
};

#define SIGNUP_FIELDS	5

struct signup {
	/* UC_OK: the values as stored (phone +84..., NULL absent). */
	int64_t		 id;
	int		 created;	/* 0: the CCCD had an account */
	const char	*cccd;
	const char	*full_name;
	const char	*phone;
	const char	*email;
	/* UC_INVALID: in the order of the fields above. */
	struct signup_error errs[SIGNUP_FIELDS + 1];	/* +1: the page's */
	size_t		 nerrs;
	int		 retry_after;	/* SIGNUP_THROTTLED */
};

/* The checks alone (no database): 0, or -1 with s->errs. */
int		signup_check(struct app *, const struct signup_in *,
		    struct signup *);

/* Check, throttle, hash, make the account (audited "citizen.register"
 * in its transaction). */
enum uc_status signup_citizen(struct app *, const struct signup_in *,
		    struct signup *);

#endif
