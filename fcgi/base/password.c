/*
 * password.c - see password.h.
 */
#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "password.h"
#include "utf8.h"

const char *const password_weakness_msgs[PW__MAX][2] = {
	[PW_OK] = { "", "" },
	[PW_TOO_SHORT] = { "The password must have at least 10 characters.",
	    "Mật khẩu phải có ít nhất 10 ký tự." },
	[PW_TOO_LONG] = { "The password may have at most 256 bytes.",
	    "Mật khẩu dài tối đa 256 byte." },
	[PW_NOT_TEXT] = { "The password is not valid text.",
	    "Mật khẩu không phải văn bản hợp lệ." },
	[PW_TOO_SIMPLE] = { "The password is too easy to guess.",
	    "Mật khẩu quá dễ đoán." },
	[PW_IS_LOGIN] = { "The password must not contain your sign-in name "
	    "or citizen ID.", "Mật khẩu không được chứa tên đăng nhập hoặc "
	    "số CCCD." },
};

/* Passwords of ten characters or more that lists of leaked passwords
 * put first, in Vietnam too; compared without case. */
static const char *const common[] = {
	"0123456789", "1234567890", "12345678910", "123456789a",
	"1234567890a", "a123456789", "abc1234567", "abcd123456",
	"qwertyuiop", "qwerty1234", "qwerty123456", "1q2w3e4r5t",
	"password12", "password123", "password1234", "matkhau123",
	"matkhau1234", "iloveyou12", "anhyeuem123", "motcua1234",
	"abcdefghij", "0987654321", "1111111111", "zxcvbnm123",
};

/* A decimal number of at most 9 digits; advances *s. */
static int
number(const char **s, uint32_t *out)
{
	uint32_t	v = 0;
	int		n = 0;

	if (**s == '0' && (*s)[1] >= '0' && (*s)[1] <= '9')
		return -1;		/* no leading zeros */
	while (**s >= '0' && **s <= '9' && n < 9) {
		v = v * 10 + (uint32_t)(**s - '0');
		(*s)++;
		n++;
	}
	if (n == 0 || (**s >= '0' && **s <= '9'))
		return -1;
	*out = v;
	return 0;
}

/* Unpadded standard base64 of min..max characters, up to '$' or NUL. */
static int
b64(const char **s, size_t min, size_t max, char stop)
{
	static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t	n = strspn(*s, alpha);

	if (n < min || n > max || (*s)[n] != stop || n % 4 == 1)
		return -1;
	*s += n;
	return 0;
}

/*
 * The whole encoded string, strictly: the algorithm, version 19,
 * costs within bounds, a salt of 8 to 64 bytes and a tag of 16 to 64.
 */
static int
well_formed(const char *e)
{
	uint32_t	m, t, p;

	if (strncmp(e, "$argon2id$v=19$m=", 17) != 0)
		return 0;
	e += 17;
	if (number(&e, &m) == -1 || strncmp(e, ",t=", 3) != 0)
		return 0;
	e += 3;
	if (number(&e, &t) == -1 || strncmp(e, ",p=", 3) != 0)
		return 0;
	e += 3;
	if (number(&e, &p) == -1 || *e++ != '$')
		return 0;
	if (t < 1 || t > PASSWORD_T_MAX || p < 1 || p > PASSWORD_LANES_MAX ||
	    m < 8 * p || m > PASSWORD_M_MAX)
		return 0;
	if (b64(&e, 11, 86, '$') == -1)
		return 0;
	e++;
	return b64(&e, 22, 86, '\0') == 0;
}

int
password_hash(const char *pw, size_t len, char out[PASSWORD_HASH_MAX])
{
	unsigned char	salt[PASSWORD_SALT_LEN];
	int		rc;

	if (len > PASSWORD_MAX_BYTES)
		return -1;
	if (argon2_encodedlen(PASSWORD_T_COST, PASSWORD_M_COST,
	    PASSWORD_LANES, PASSWORD_SALT_LEN, PASSWORD_TAG_LEN,
	    Argon2_id) > PASSWORD_HASH_MAX)
		abort();
	if (RAND_bytes(salt, sizeof(salt)) != 1) {
		fputs("motcua: no randomness\n", stderr);
		abort();
	}
	rc = argon2id_hash_encoded(PASSWORD_T_COST, PASSWORD_M_COST,
	    PASSWORD_LANES, pw, len, salt, sizeof(salt), PASSWORD_TAG_LEN,
	    out, PASSWORD_HASH_MAX);
	if (rc != ARGON2_OK) {
		/* Only memory can fail here: abort as everywhere. */
		fprintf(stderr, "motcua: argon2: %s\n",
		    argon2_error_message(rc));
		abort();
	}
	return 0;
}

int
password_verify(const char *encoded, const char *pw, size_t len)
{
	if (encoded == NULL || strlen(encoded) >= PASSWORD_HASH_MAX ||
	    !well_formed(encoded) || len > PASSWORD_MAX_BYTES)
		return 0;
	return argon2id_verify(encoded, pw, len) == ARGON2_OK;
}

void
password_dummy_verify(const char *pw, size_t len)
{
	/* A hash of a random password, made with the current costs. */
	static const char dummy[] = "$argon2id$v=19$m=19456,t=2,p=1$"
	    "bW90Y3VhLWR1bW15LXNhbHQ$"
	    "3kxK1cYxYpZK3W2v1dR0mIYQq3b2mF6aAqfQ2l0t1cE";

	(void)password_verify(dummy, pw, len > PASSWORD_MAX_BYTES ?
	    PASSWORD_MAX_BYTES : len);
}

/* Code points of valid UTF-8. */
static size_t
chars(const char *s, size_t len)
{
	size_t	i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

static int
contains_nocase(const char *hay, size_t len, const char *needle)
{
	size_t	n = strlen(needle), i;

	for (i = 0; n > 0 && i + n <= len; i++)
		if (strncasecmp(hay + i, needle, n) == 0)
			return 1;
	return 0;
}

enum password_weakness
password_check(const char *pw, size_t len, const char *login)
{
	unsigned char	seen[256];
	size_t		i, distinct = 0;

	if (len > PASSWORD_MAX_BYTES)
		return PW_TOO_LONG;
	if (!utf8_text(pw, len))
		return PW_NOT_TEXT;
	if (chars(pw, len) < PASSWORD_MIN_CHARS)
		return PW_TOO_SHORT;
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < len; i++)
		if (!seen[(unsigned char)pw[i]]++)
			distinct++;
	if (distinct < 4)
		return PW_TOO_SIMPLE;
	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (strlen(common[i]) == len &&
		    strncasecmp(pw, common[i], len) == 0)
			return PW_TOO_SIMPLE;
	if (login != NULL && strlen(login) >= 4 &&
	    contains_nocase(pw, len, login))
		return PW_IS_LOGIN;
	return PW_OK;
}
