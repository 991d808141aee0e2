/*
 * test_vnpay.c - the VNPay 2.1.0 messages (core/vnpay.h): encoding,
 * the canonical string, signatures, amounts, times, querydr's data,
 * and what the parser refuses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"
#include "core/vnpay.h"

static void
parse_ok(struct arena *a, const char *q, struct vnp_msg *m)
{
	const char	*why;

	assert_int_equal(vnp_parse(a, q, strlen(q), m, &why), 0);
}

static void
test_encode_and_canonical(void **state)
{
	struct arena	*a = arena_new(4096);
	struct vnp_msg	 m;

	(void)state;
	assert_string_equal(vnp_encode(a, "Le phi: a/b~*"),
	    "Le+phi%3A+a%2Fb%7E%2A");
	parse_ok(a, "vnp_TxnRef=AB12&vnp_Amount=1000000&vnp_BankCode="
	    "&vnp_OrderInfo=Le+phi%3A+x&vnp_SecureHashType=HmacSHA512"
	    "&vnp_SecureHash=00", &m);
	assert_string_equal(vnp_get(&m, "vnp_OrderInfo"), "Le phi: x");
	/* Sorted, empty values, the hash and its type left out. */
	assert_string_equal(vnp_canonical(a, &m), "vnp_Amount=1000000&"
	    "vnp_OrderInfo=Le+phi%3A+x&vnp_TxnRef=AB12");
	arena_free(a);
}

static void
test_sign_verify(void **state)
{
	struct arena	*a = arena_new(4096);
	struct vnp_msg	 m, back;
	char		*q;

	(void)state;
	m.n = 0;
	vnp_set(a, &m, "vnp_TxnRef", "AB12");
	vnp_set(a, &m, "vnp_Amount", vnp_amount(a, 30000));
	q = vnp_signed_query(a, &m, "s3cret");
	parse_ok(a, q, &back);
	assert_true(vnp_verify(a, &back, "s3cret"));
	assert_false(vnp_verify(a, &back, "other"));
	vnp_set(a, &back, "vnp_Amount", "3000100");
	assert_false(vnp_verify(a, &back, "s3cret"));
	/* HMAC-SHA512 of "vnp_Amount=3000000&vnp_TxnRef=AB12" under
	 * "s3cret" (openssl dgst -sha512 -hmac s3cret). */
	assert_string_equal(strrchr(q, '=') + 1,
	    "20cb22160708b2e337610d8db7fcdb29f5d95a0af76fe991bd09d7042e2e9af6"
	    "c1688ade62443bda80264ddbd8e926831594be6d843b6cd04de41e46b5fa700e");
	arena_free(a);
}

static void
test_refused(void **state)
{
	static const char *const bad[] = {
		"vnp_Amount=1&vnp_Amount=2", "amount=1", "vnp_Amount",
		"vnp_A=%zz", "vnp_A=%4", "vnp_A=%00", "vnp_1=2", "vnp_=1",
	};
	struct arena	*a = arena_new(4096);
	struct vnp_msg	 m;
	const char	*why;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(vnp_parse(a, bad[i], strlen(bad[i]), &m,
		    &why), -1);
		assert_non_null(why);
	}
	arena_free(a);
}

static void
test_amount_time_querydr(void **state)
{
	struct arena	*a = arena_new(4096);
	struct vnp_querydr q = { "r", "2.1.0", "querydr", "T", "X", "d1",
	    "d2", "1.2.3.4", "o" };
	char		 t[15];

	(void)state;
	assert_int_equal(vnp_parse_amount("1000000"), 10000);
	assert_int_equal(vnp_parse_amount("1000050"), -1);
	assert_int_equal(vnp_parse_amount("01000000"), -1);
	assert_int_equal(vnp_parse_amount("-100"), -1);
	assert_int_equal(vnp_parse_amount(NULL), -1);
	/* 2026-01-01 00:00:00 UTC is 07:00 in Vietnam. */
	vnp_time(1767225600, t);
	assert_string_equal(t, "20260101070000");
	assert_int_equal(vnp_parse_time(t), 1767225600);
	assert_int_equal(vnp_parse_time("2026010107000"), -1);
	assert_string_equal(vnp_querydr_data(a, &q),
	    "r|2.1.0|querydr|T|X|d1|d2|1.2.3.4|o");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode_and_canonical),
		cmocka_unit_test(test_sign_verify),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_amount_time_querydr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
