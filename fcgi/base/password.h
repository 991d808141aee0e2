/*
 * password.h - password hashes (Argon2id, libargon2) and the password
 * policy.
 *
 * Hashes are PHC strings, "$argon2id$v=19$m=19456,t=2,p=1$SALT$TAG",
 * with the parameters OWASP recommends for Argon2id (19 MiB, 2 passes,
 * one lane), a 16-byte random salt and a 32-byte tag, so that a stored
 * hash carries its own parameters and they can be raised later.
 * Verification compares tags in constant time (libargon2's
 * argon2_compare) and refuses an encoded string it does not fully
 * understand, or whose cost is beyond PASSWORD_*_MAX (a hash from the
 * database must not make a worker spend unbounded memory or time).
 */
#ifndef MOTCUA_PASSWORD_H
#define MOTCUA_PASSWORD_H

#include <stddef.h>

#define PASSWORD_T_COST		2
#define PASSWORD_M_COST		19456	/* KiB: 19 MiB */
#define PASSWORD_LANES		1
#define PASSWORD_SALT_LEN	16
#define PASSWORD_TAG_LEN	32

#define PASSWORD_HASH_MAX	128	/* bytes of an encoded hash, NUL too */
#define PASSWORD_M_MAX		(64 * 1024)	/* KiB we accept to verify */
#define PASSWORD_T_MAX		10
#define PASSWORD_LANES_MAX	4

#define PASSWORD_MIN_CHARS	10	/* code points */
#define PASSWORD_MAX_BYTES	256

/* Hash pw into out (PASSWORD_HASH_MAX bytes): 0, or -1 (pw too long). */
int	password_hash(const char *pw, size_t len, char out[PASSWORD_HASH_MAX]);

/* 1 when pw matches the encoded hash; 0 when it does not, or when the
 * encoding is malformed or too costly. */
int	password_verify(const char *encoded, const char *pw, size_t len);

/* As long as a verification, for an account that does not exist, so
 * that timing does not tell which part of a sign-in was wrong. */
void	password_dummy_verify(const char *pw, size_t len);

/* The policy: why pw is refused, or PW_OK.  login is the CCCD or user
 * name it must differ from (may be NULL). */
enum password_weakness {
	PW_OK,
	PW_TOO_SHORT,		/* under PASSWORD_MIN_CHARS characters */
	PW_TOO_LONG,		/* over PASSWORD_MAX_BYTES bytes */
	PW_NOT_TEXT,		/* not UTF-8 text */
	PW_TOO_SIMPLE,		/* few distinct characters, or common */
	PW_IS_LOGIN,		/* holds the CCCD or user name */
	PW__MAX
};
enum password_weakness password_check(const char *pw, size_t len,
	    const char *login);
/* Why, for users: [0] English, [1] Vietnamese. */
extern const char *const password_weakness_msgs[PW__MAX][2];

#endif
