/*
 * test_next.c - where sign-in goes back to (next.h): the safe local
 * paths, open-redirect attempts, the encoding of a "next" in a link.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "web/next.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
test_safe(void **state)
{
	static const char *const ok[] = {
		"/", "/my", "/my?lang=en", "/dossiers/000.00.31.H26-261129-0001",
		"/inbox?state=received&page=2", "/services/x/apply",
		"/%2F%2Fevil.example", "/signing", "/registered",
		"/lookup?code=a%20b",
	};
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(ok); i++)
		assert_true(next_safe(ok[i]));
}

static void
test_unsafe(void **state)
{
	static const char *const bad[] = {
		"", "my", "//evil.example", "//evil.example/my", "/\\evil",
		"/my\\x", "https://evil.example", "http:/x", "javascript:x",
		"/my\r\nSet-Cookie: a=1", "/my\n", "/my\t", "/ my", "/m\x7fy",
		"/caf\xc3\xa9", "/signin", "/signin?next=/my", "/signout",
		"/register", "/register?lang=en", "/signin/x",
	};
	char	long_path[NEXT_MAX + 2];
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++)
		assert_false(next_safe(bad[i]));
	assert_false(next_safe(NULL));
	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[0] = '/';
	long_path[NEXT_MAX + 1] = '\0';
	assert_false(next_safe(long_path));	/* 513 bytes */
	long_path[NEXT_MAX] = '\0';
	assert_true(next_safe(long_path));	/* 512 bytes */
}

static void
test_encode(void **state)
{
	struct arena	*a = arena_new(1024);

	(void)state;
	assert_string_equal(next_encode(a, "/my?lang=en&x=a b"),
	    "/my%3Flang%3Den%26x%3Da%20b");
	assert_string_equal(next_encode(a, "/a-b_c.d~e"), "/a-b_c.d~e");
	assert_string_equal(next_link(a, "/signin", 0, NULL), "/signin");
	assert_string_equal(next_link(a, "/signin", 1, NULL),
	    "/signin?lang=en");
	assert_string_equal(next_link(a, "/register", 1, "/my?lang=en"),
	    "/register?lang=en&next=/my%3Flang%3Den");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_safe),
		cmocka_unit_test(test_unsafe),
		cmocka_unit_test(test_encode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
