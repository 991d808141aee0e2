/*
 * accounts.h - the accounts family of statements (store_int.h): users
 * and their roles, sessions, partner tokens, the sign-in throttle, and
 * the units the command line manages.
 *
 * Tokens never reach this module: callers pass the SHA-256 of a token
 * as 64 hex digits.  Strings returned come from the arena given.
 */
#ifndef MOTCUA_STORE_ACCOUNTS_H
#define MOTCUA_STORE_ACCOUNTS_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

struct arena;

enum acct_stmt {
	ACCT_USER_ADD,
	ACCT_ROLE_ADD,
	ACCT_BY_LOGIN,
	ACCT_BY_ID,
	ACCT_PASSWD,
	ACCT_SET_DISABLED,
	ACCT_USER_LIST,
	ACCT_SESSION_ADD,
	ACCT_SESSION_GET,
	ACCT_SESSION_TOUCH,
	ACCT_SESSION_DEL,
	ACCT_SESSION_PURGE,
	ACCT_PARTNER_ADD,
	ACCT_PARTNER_GET,
	ACCT_PARTNER_LIVE,
	ACCT_PARTNER_REVOKE,
	ACCT_PARTNER_LIST,
	ACCT_FAIL_ADD,
	ACCT_FAIL_CHECK,
	ACCT_FAIL_CLEAR,
	ACCT_FAIL_LOCK,
	ACCT_FAIL_UNDO,
	ACCT_UNIT_ADD,
	ACCT_UNIT_GET,
	ACCT_UNIT_BY_ID,
	ACCT_UNIT_LIST,
	ACCT_UNIT_PICK,
	ACCT__MAX
};

/* A user, as sign-in and listings see it. */
struct acct_user {
	int64_t		 id;
	const char	*kind;		/* "citizen", "staff", "inspector" */
	const char	*login;		/* CCCD or user name */
	const char	*full_name;
	const char	*phone;		/* or NULL */
	const char	*email;		/* or NULL */
	int64_t		 unit_id;	/* 0: none */
	const char	*unit_code;	/* or NULL */
	const char	*password_hash;
	const char	*roles;		/* "clerk,principal": sorted, or "" */
	int		 disabled;
};

/* A live session with its user. */
struct acct_session {
	struct acct_user user;
	const char	*csrf;
	int64_t		 expires_at;	/* Unix time */
	int		 stale;		/* last_seen older than touch_after */
};

struct acct_partner {
	int64_t		 id;
	const char	*name;
	const char	*scopes;	/* "lookup,dossiers:read" or "" */
	int64_t		 unit_id;	/* 0: none */
	/* Listings only (acct_partner_list). */
	const char	*unit_code;	/* or NULL */
	const char	*created_at;	/* "2025-01-31 08:00" (UTC) */
	const char	*revoked_at;	/* the same, or NULL: live */
};

struct acct_unit {
	int64_t		 id;
	const char	*code;
	const char	*parent_code;	/* or NULL */
	const char	*kind;		/* "department", "district_office", "school" */
	const char	*school_level;	/* or NULL */
	const char	*name_vi;
	const char	*name_en;
};

/* A new user.  Citizens: cccd; staff and inspectors: username. */
struct acct_new {
	const char	*kind;
	const char	*login;
	const char	*full_name;
	const char	*phone;		/* +84XXXXXXXXX or NULL */
	const char	*email;		/* or NULL */
	const char	*password_hash;
	int64_t		 unit_id;	/* staff only */
};

struct audit_entry;

/*
 * The changes below each run in one transaction with their audit entry
 * (audit.h); an entry whose object is NULL gets "user:ID".
 */

/* A new user with its roles (staff).  DB_CONFLICT when the CCCD or
 * user name is taken (nothing made, *id 0); DB_ERROR when the row
 * breaks a rule.  A taken login raises no error in PostgreSQL, so
 * nothing about it reaches PostgreSQL's log. */
enum db_status	acct_user_create(struct db *, const struct acct_new *,
		    const char *const *roles, size_t nroles,
		    const struct audit_entry *, int64_t *id);
/*
 * A citizen's registration (web/signup.h): the user n, audited as made
 * (its object NULL: "user:ID") in the same transaction; or, when the
 * CCCD has an account, nothing made and dup audited instead, with that
 * account as its object.  Both are DB_OK, *created telling which; *id
 * is the id drawn from the users' sequence either way (nobody's when
 * *created is 0), and both use one id and the same statements, so
 * neither the ids nor the time answered tell which it was.
 */
enum db_status	acct_register(struct db *, const struct acct_new *n,
		    const struct audit_entry *made,
		    const struct audit_entry *dup, int64_t *id,
		    int *created);
/* *found is 0 when no user has this CCCD or user name. */
enum db_status	acct_by_login(struct db *, struct arena *, const char *login,
		    struct acct_user *, int *found);
enum db_status	acct_by_id(struct db *, struct arena *, int64_t id,
		    struct acct_user *, int *found);
/* New password; ends the user's sessions.  *id 0: no such user. */
enum db_status	acct_passwd(struct db *, const char *login, const char *hash,
		    const struct audit_entry *, int64_t *id);
/*
 * Disable a user (disabled nonzero) by CCCD or user name, ending their
 * sessions: a token of theirs is anonymous from the commit on, and
 * stays so if they are enabled again.  Or enable them.  *id 0: no such
 * user; *changed 0: the account was so already, and nothing is written
 * (not even the audit entry).
 */
enum db_status	acct_set_disabled(struct db *, const char *login,
		    int disabled, const struct audit_entry *, int64_t *id,
		    int *changed);
enum db_status	acct_user_list(struct db *, struct arena *,
		    struct acct_user **, size_t *);

/*
 * Sessions, by the SHA-256 of their token (hex).  Sign-in: ends the
 * user's sessions that have ended (idle_s, or their lifetime), ends
 * old_hash (the token the request came with; may be NULL), starts
 * hash for max_s seconds, clears the account's failures (fail_key)
 * and takes back the attempt acct_fail_take() counted for the address
 * (addr_key; may be NULL).
 */
enum db_status	acct_signin(struct db *, int64_t user_id, const char *old_hash,
		    const char *hash, const char *csrf, int idle_s, int max_s,
		    const char *fail_key, const char *addr_key,
		    const struct audit_entry *);
/* A failed sign-in (already counted by acct_fail_take): audited. */
enum db_status	acct_signin_failed(struct db *, const struct audit_entry *);
/* Sign-out: *user_id 0 when there was no such session (then nothing
 * is audited). */
enum db_status	acct_signout(struct db *, const char *hash,
		    const struct audit_entry *, int64_t *user_id);
/* A live session: idle_s since the last touch; stale when the last
 * touch is older than touch_after_s (then call acct_session_touch). */
enum db_status	acct_session_get(struct db *, struct arena *,
		    const char *hash_hex, int idle_s, int touch_after_s,
		    struct acct_session *, int *found);
enum db_status	acct_session_touch(struct db *, const char *hash_hex);

/* Partner tokens (scopes: comma-separated). */
enum db_status	acct_partner_add(struct db *, const char *hash_hex,
		    const char *name, const char *scopes, int64_t unit_id,
		    const struct audit_entry *, int64_t *id);
enum db_status	acct_partner_get(struct db *, struct arena *,
		    const char *hash_hex, struct acct_partner *, int *found);
/*
 * Revoke a live token: the one with this id (id > 0), or the one live
 * token named name (id 0; names need not be unique).  *n is how many
 * live tokens matched, and the first max of their ids are in ids[];
 * only when *n is 1 is that token revoked, audited with object
 * "partner:ID".  A request with it is refused from the commit on.
 */
enum db_status	acct_partner_revoke(struct db *, int64_t id, const char *name,
		    const struct audit_entry *, int64_t ids[], size_t max,
		    size_t *n);
/* Every partner token, live or revoked, by id. */
enum db_status	acct_partner_list(struct db *, struct arena *,
		    struct acct_partner **, size_t *);

/*
 * The sign-in throttle: failures per key ("account:..", "address:..")
 * within window_s seconds.  *retry_after is 0 when both keys are under
 * their maximum, else the seconds until the later one is.
 */
enum db_status	acct_fail_check(struct db *, const char *key_a, int max_a,
		    const char *key_b, int max_b, int window_s,
		    int *retry_after);
/*
 * Check and count an attempt at once: under a transaction-scoped
 * advisory lock per key (key_a first, then key_b), check as
 * acct_fail_check() does and, when both keys are under their maximum
 * (*retry_after 0), count the attempt for both keys before the lock is
 * let go.  Parallel attempts thus never all pass the check: at most
 * max of them are let through per window.  An attempt that succeeds
 * is taken back by acct_signin().  key_b may be NULL (one key only).
 */
enum db_status	acct_fail_take(struct db *, const char *key_a, int max_a,
		    const char *key_b, int max_b, int window_s,
		    int *retry_after);

/* Units.  add: DB_CONFLICT when the code is taken, DB_ERROR when the
 * row breaks a rule (parent, kind and level); *found as above.  The
 * audit entry's object NULL: "unit:CODE". */
enum db_status	acct_unit_add(struct db *, const struct acct_unit *,
		    const struct audit_entry *, int64_t *id);
enum db_status	acct_unit_get(struct db *, struct arena *, const char *code,
		    struct acct_unit *, int *found);
enum db_status	acct_unit_by_id(struct db *, struct arena *, int64_t id,
		    struct acct_unit *, int *found);
enum db_status	acct_unit_list(struct db *, struct arena *,
		    struct acct_unit **, size_t *);
/* The units of a kind ("school", "district_office", "department"; NULL:
 * every kind) for a picker, by name in Vietnamese or (english) English
 * in that language's alphabetical order (ICU collations: "Đ" after
 * "D", not after "Z"), then by code; at most max + 1 rows: *n > max
 * means "too many for a list". */
enum db_status	acct_unit_pick(struct db *, struct arena *, const char *kind,
		    int english, int max, struct acct_unit **, size_t *);

#endif
