/*
 * test_password.c - Argon2id password hashes and the password policy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/password.h"

#define PW	"đúng-mật-khẩu 2025"

static void
round_trip(void **state)
{
	char	h[PASSWORD_HASH_MAX];

	(void)state;
	assert_int_equal(password_hash(PW, strlen(PW), h), 0);
	assert_true(strncmp(h, "$argon2id$v=19$m=19456,t=2,p=1$", 31) == 0);
	assert_true(password_verify(h, PW, strlen(PW)));
	/* The same password with one byte less, one more, or changed. */
	assert_false(password_verify(h, PW, strlen(PW) - 1));
	assert_false(password_verify(h, PW "x", strlen(PW) + 1));
	assert_false(password_verify(h, "đúng-mật-khẩu 2026",
	    strlen("đúng-mật-khẩu 2026")));
	assert_false(password_verify(h, "", 0));
}

static void
salted(void **state)
{
	char	a[PASSWORD_HASH_MAX], b[PASSWORD_HASH_MAX];

	(void)state;
	assert_int_equal(password_hash(PW, strlen(PW), a), 0);
	assert_int_equal(password_hash(PW, strlen(PW), b), 0);
	assert_string_not_equal(a, b);
	assert_true(password_verify(a, PW, strlen(PW)));
	assert_true(password_verify(b, PW, strlen(PW)));
}

/* libargon2's own test vector (its test.c), Argon2id version 19. */
static void
known_answer(void **state)
{
	const char *kat = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$"
	    "CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

	(void)state;
	assert_true(password_verify(kat, "password", 8));
	assert_false(password_verify(kat, "passwore", 8));
}

static void
bad_encodings(void **state)
{
	char		 h[PASSWORD_HASH_MAX], buf[PASSWORD_HASH_MAX * 2];
	const char	*bad[] = {
		"", "$", "password", "$argon2i$v=19$m=19456,t=2,p=1$"
		    "c29tZXNhbHQxMjM0NTY$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHQxMjM0NTY$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		/* costs out of bounds: memory, passes, lanes, zero */
		"$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQxMjM0NTY$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"$argon2id$v=19$m=19456,t=1000,p=1$c29tZXNhbHQxMjM0NTY$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"$argon2id$v=19$m=19456,t=2,p=64$c29tZXNhbHQxMjM0NTY$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"$argon2id$v=19$m=19456,t=0,p=1$c29tZXNhbHQxMjM0NTY$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"$argon2id$v=19$m=019456,t=2,p=1$c29tZXNhbHQxMjM0NTY$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"$argon2id$v=19$m=99999999999,t=2,p=1$c29tZXNhbHQxMjM0NTY$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		/* salt or tag missing, short, not base64, padded, trailing */
		"$argon2id$v=19$m=19456,t=2,p=1$$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQxMjM0NTY$",
		"$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQxMjM0NTY$AAAA",
		"$argon2id$v=19$m=19456,t=2,p=1$c29t*XNhbHQxMjM0NTY$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQxMjM0NTY$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
		"$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQxMjM0NTY$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$x",
		"$argon2id$v=19$m=19456,t=2,p=1,x=1$c29tZXNhbHQxMjM0NTY$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	};
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(password_verify(bad[i], "password", 8));
	assert_false(password_verify(NULL, "password", 8));
	/* A good hash cut anywhere, or with one character changed. */
	assert_int_equal(password_hash("password12345", 13, h), 0);
	for (i = 0; i < strlen(h); i++) {
		memcpy(buf, h, i);
		buf[i] = '\0';
		assert_false(password_verify(buf, "password12345", 13));
	}
	strcpy(buf, h);
	buf[strlen(buf) - 3] = buf[strlen(buf) - 3] == 'A' ? 'B' : 'A';
	assert_false(password_verify(buf, "password12345", 13));
	/* Too long an input is refused, not hashed. */
	memset(buf, 'a', sizeof(buf));
	assert_int_equal(password_hash(buf, PASSWORD_MAX_BYTES + 1, h), -1);
	assert_false(password_verify(h, buf, PASSWORD_MAX_BYTES + 1));
	password_dummy_verify("whatever", 8);
}

static void
policy(void **state)
{
	char	long_pw[PASSWORD_MAX_BYTES + 2];

	(void)state;
	assert_int_equal(password_check("Sông Hồng 2025", 17, NULL), PW_OK);
	assert_int_equal(password_check("short", 5, NULL), PW_TOO_SHORT);
	/* Ten characters of Vietnamese are more than ten bytes. */
	assert_int_equal(password_check("Đường-Lê-ẹ", strlen("Đường-Lê-ẹ"),
	    NULL), PW_OK);
	assert_int_equal(password_check("ĐườngLê", strlen("ĐườngLê"), NULL),
	    PW_TOO_SHORT);
	assert_int_equal(password_check("aaaaaaaaaaaa", 12, NULL),
	    PW_TOO_SIMPLE);
	assert_int_equal(password_check("abababababab", 12, NULL),
	    PW_TOO_SIMPLE);
	assert_int_equal(password_check("1234567890", 10, NULL), PW_TOO_SIMPLE);
	assert_int_equal(password_check("PassWord123", 11, NULL),
	    PW_TOO_SIMPLE);
	assert_int_equal(password_check("x001099012345y", 14, "001099012345"),
	    PW_IS_LOGIN);
	assert_int_equal(password_check("Clerk.Anh-secret", 16, "clerk.anh"),
	    PW_IS_LOGIN);
	assert_int_equal(password_check("bad\001password", 12, NULL),
	    PW_NOT_TEXT);
	assert_int_equal(password_check("bad\xffpassword", 12, NULL),
	    PW_NOT_TEXT);
	memset(long_pw, 'a', sizeof(long_pw));
	long_pw[0] = 'b';
	long_pw[1] = 'c';
	long_pw[2] = 'd';
	assert_int_equal(password_check(long_pw, PASSWORD_MAX_BYTES, NULL),
	    PW_OK);
	assert_int_equal(password_check(long_pw, PASSWORD_MAX_BYTES + 1,
	    NULL), PW_TOO_LONG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(salted),
		cmocka_unit_test(known_answer),
		cmocka_unit_test(bad_encodings),
		cmocka_unit_test(policy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
