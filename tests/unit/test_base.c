/*
 * test_base.c - the arena allocator, the UTF-8 checks and the groups of
 * client addresses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/netaddr.h"
#include "base/utf8.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
test_align(void **state)
{
	struct arena	*a = arena_new(1024);
	void		*p;
	size_t		 sz;

	(void)state;
	for (sz = 0; sz < 600; sz += 7) {
		p = arena_alloc(a, sz);
		assert_int_equal((uintptr_t)p % 16, 0);
		memset(p, 0xA5, sz);
		p = arena_strdup(a, "x");
		assert_int_equal((uintptr_t)p % 16, 0);
	}
	p = arena_alloc(a, 5000);
	assert_int_equal((uintptr_t)p % 16, 0);
	arena_free(a);
}

static void
test_big(void **state)
{
	struct arena	*a = arena_new(0);	/* raised to 1024 */
	unsigned char	*big, *small, *big2;
	size_t		 i;

	(void)state;
	small = arena_alloc(a, 100);
	memset(small, 1, 100);
	big = arena_alloc(a, 1 << 20);
	memset(big, 2, 1 << 20);
	big2 = arena_alloc(a, 300);		/* > a quarter block */
	memset(big2, 3, 300);
	/* The current block is still used for small requests. */
	for (i = 0; i < 50; i++)
		memset(arena_alloc(a, 16), 4, 16);
	for (i = 0; i < 100; i++)
		assert_int_equal(small[i], 1);
	for (i = 0; i < 1 << 20; i++)
		if (big[i] != 2)
			fail();
	for (i = 0; i < 300; i++)
		assert_int_equal(big2[i], 3);
	assert_true(arena_used(a) >= 100 + (1 << 20) + 300 + 50 * 16);
	arena_free(a);
}

static void
test_reset(void **state)
{
	struct arena	*a = arena_new(4096);
	char		*p;
	int		 round;

	(void)state;
	for (round = 0; round < 200; round++) {
		assert_int_equal(arena_used(a), 0);
		p = arena_alloc(a, 3000);
		memset(p, 'a', 3000);
		p = arena_alloc(a, 100000);
		memset(p, 'b', 100000);
		p = arena_strdup(a, "after");
		assert_string_equal(p, "after");
		assert_true(arena_used(a) >= 103000);
		arena_reset(a);
	}
	arena_free(a);
	arena_free(NULL);
}

static char	 order[16];

static void
record(void *arg)
{
	size_t	 n = strlen(order);

	order[n] = *(const char *)arg;
	order[n + 1] = '\0';
}

static void
test_cleanup(void **state)
{
	struct arena	*a = arena_new(1024);

	(void)state;
	order[0] = '\0';
	arena_cleanup(a, record, "1");
	arena_alloc(a, 5000);
	arena_cleanup(a, record, "2");
	arena_cleanup(a, record, "3");
	assert_string_equal(order, "");
	arena_reset(a);
	assert_string_equal(order, "321");
	arena_reset(a);
	assert_string_equal(order, "321");	/* run once only */
	arena_cleanup(a, record, "4");
	arena_free(a);
	assert_string_equal(order, "3214");	/* free runs them too */
}

static void
test_strings(void **state)
{
	struct arena	*a = arena_new(1024);
	char		*p;
	unsigned char	*z;
	size_t		 i;

	(void)state;
	p = arena_printf(a, "%s-%d-%c", "Nguyễn Đặng", 42, 'x');
	assert_string_equal(p, "Nguyễn Đặng-42-x");
	p = arena_printf(a, "%3000s|", "r");
	assert_int_equal(strlen(p), 3001);
	assert_int_equal(p[2999], 'r');
	p = arena_printf(a, "%s", "");
	assert_string_equal(p, "");
	p = arena_strndup(a, "abcdef", 3);
	assert_string_equal(p, "abc");
	z = arena_calloc(a, 100, 3);
	for (i = 0; i < 300; i++)
		assert_int_equal(z[i], 0);
	arena_free(a);
}

static void
test_grow(void **state)
{
	struct arena	*a = arena_new(1024);
	int		*v = NULL, *w;
	size_t		 cap = 0, n, i;

	(void)state;
	for (n = 0; n < 10000; n++) {
		if (n == cap) {
			v = arena_grow(a, v, cap * sizeof(*v),
			    (cap ? cap * 2 : 4) * sizeof(*v));
			cap = cap ? cap * 2 : 4;
		}
		v[n] = (int)n;
	}
	for (i = 0; i < n; i++)
		assert_int_equal(v[i], (int)i);
	w = arena_grow(a, v, cap * sizeof(*v), sizeof(*v));
	assert_ptr_equal(w, v);
	arena_free(a);
}

static const struct {
	const char	*s;
	size_t		 len;	/* 0: strlen */
	int		 valid;
	int		 text;
} u8[] = {
	{ "", 0, 1, 1 },
	{ "abc", 0, 1, 1 },
	{ "Nguyễn Đặng", 0, 1, 1 },
	{ "a\tb\nc\r\n", 0, 1, 1 },
	{ "\xc2\x80", 0, 1, 1 },		/* U+0080 */
	{ "\xdf\xbf", 0, 1, 1 },		/* U+07FF */
	{ "\xe0\xa0\x80", 0, 1, 1 },		/* U+0800 */
	{ "\xed\x9f\xbf", 0, 1, 1 },		/* U+D7FF */
	{ "\xee\x80\x80", 0, 1, 1 },		/* U+E000 */
	{ "\xef\xbf\xbf", 0, 1, 1 },		/* U+FFFF */
	{ "\xf0\x90\x80\x80", 0, 1, 1 },	/* U+10000 */
	{ "\xf0\x9f\x87\xbb\xf0\x9f\x87\xb3", 0, 1, 1 },	/* flag VN */
	{ "\xf4\x8f\xbf\xbf", 0, 1, 1 },	/* U+10FFFF */
	{ "a\0b", 3, 1, 0 },
	{ "\x01", 0, 1, 0 },
	{ "\x1f", 0, 1, 0 },
	{ "\x7f", 0, 1, 0 },
	{ "\xc0\x80", 0, 0, 0 },		/* overlong NUL */
	{ "\xc1\xbf", 0, 0, 0 },
	{ "\xe0\x80\x80", 0, 0, 0 },
	{ "\xe0\x9f\xbf", 0, 0, 0 },
	{ "\xf0\x80\x80\x80", 0, 0, 0 },
	{ "\xf0\x8f\xbf\xbf", 0, 0, 0 },
	{ "\xed\xa0\x80", 0, 0, 0 },		/* U+D800 */
	{ "\xed\xbf\xbf", 0, 0, 0 },		/* U+DFFF */
	{ "\xf4\x90\x80\x80", 0, 0, 0 },	/* U+110000 */
	{ "\xf5\x80\x80\x80", 0, 0, 0 },
	{ "\xff", 0, 0, 0 },
	{ "\x80", 0, 0, 0 },
	{ "a\xbf", 0, 0, 0 },
	{ "\xc3", 0, 0, 0 },			/* truncated */
	{ "\xe1\x80", 0, 0, 0 },
	{ "\xf0\x90\x80", 0, 0, 0 },
	{ "Nguy\xe1\xbb", 0, 0, 0 },
	{ "\xc3\x28", 0, 0, 0 },		/* bad continuation */
	{ "\xe1\x80\x28", 0, 0, 0 },
	{ "\xf0\x90\x28\x80", 0, 0, 0 },
	{ "\xf0\x90\x80\xc0", 0, 0, 0 },
};

static void
test_utf8(void **state)
{
	size_t	 i, n;

	(void)state;
	for (i = 0; i < NELEM(u8); i++) {
		n = u8[i].len ? u8[i].len : strlen(u8[i].s);
		print_message("case %zu\n", i);
		assert_int_equal(utf8_valid(u8[i].s, n), u8[i].valid);
		assert_int_equal(utf8_text(u8[i].s, n), u8[i].text);
	}
	/* A length that cuts a valid string is honoured. */
	assert_int_equal(utf8_valid("\xc3\xa0", 1), 0);
	assert_int_equal(utf8_valid("\xc3\xa0\xff", 2), 1);
}

/* cp as UTF-8 into buf (5 bytes); the length. */
static size_t
enc(unsigned int cp, char *buf)
{
	size_t	n;

	if (cp < 0x80) {
		buf[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		buf[0] = (char)(0xC0 | cp >> 6);
		buf[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		buf[0] = (char)(0xE0 | cp >> 12);
		buf[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		buf[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		buf[0] = (char)(0xF0 | cp >> 18);
		buf[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		buf[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		buf[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf[n] = '\0';
	return n;
}

/*
 * Names: the characters of the review (controls, bidi, zero-width) are
 * refused alone and inside a name; their neighbours in the tables and
 * what Vietnamese names are written with are not.
 */
static void
test_utf8_name(void **state)
{
	static const unsigned int refused[] = {
		0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x7F, 0x80, 0x85, 0x9F,
		0x202A, 0x202B, 0x202C, 0x202D, 0x202E,		/* bidi */
		0x2066, 0x2067, 0x2068, 0x2069,
		0x200E, 0x200F, 0x061C,
		0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF,		/* zero width */
		0x00AD, 0x2028, 0x2029, 0x180E, 0x2061, 0x206F, 0xFFF9,
		0xE0001, 0xE0041, 0xE007F,			/* tags */
	};
	static const unsigned int kept[] = {
		0x20, 0x7E, 0xA0, 0xAC, 0xAE, 0x0110, 0x01B0, 0x0300,
		0x1EC5, 0x200A, 0x2010, 0x2027, 0x202F, 0x205F, 0x2070,
		0xFE0F, 0xFEFC, 0xFFFC, 0x1F600, 0xE0080, 0x10FFFD,
	};
	char	 buf[64], c[5];
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(refused); i++) {
		print_message("refused U+%04X\n", refused[i]);
		assert_int_equal(utf8_name(c, enc(refused[i], c)), 0);
		snprintf(buf, sizeof(buf), "Nguy\xe1\xbb\x85n%sV\xc4\x83n", c);
		assert_int_equal(utf8_name(buf, strlen(buf) +
		    (refused[i] == 0)), 0);
	}
	for (i = 0; i < NELEM(kept); i++) {
		print_message("kept U+%04X\n", kept[i]);
		snprintf(buf, sizeof(buf), "An%s", (enc(kept[i], c), c));
		assert_int_equal(utf8_name(buf, strlen(buf)), 1);
	}
	snprintf(buf, sizeof(buf), "Nguy\xe1\xbb\x85n Th\xe1\xbb\x8b "
	    "\xc3\x81nh");				/* Nguyễn Thị Ánh */
	assert_int_equal(utf8_name(buf, strlen(buf)), 1);
	assert_int_equal(utf8_name("", 0), 1);
	assert_int_equal(utf8_name("\xc3\x28", 2), 0);	/* not UTF-8 */
	assert_int_equal(utf8_name("\xed\xa0\x80", 3), 0);	/* a surrogate */
}

/* NFC: decomposed Vietnamese composes; ASCII and NFC text are kept. */
static void
test_nfc(void **state)
{
	static const struct {
		const char	*in, *out;
	} c[] = {
		/* "Nguyễn": e + U+0302 + U+0303 -> U+1EC5 */
		{ "Nguye\xcc\x82\xcc\x83n", "Nguy\xe1\xbb\x85n" },
		/* "Đặng": a + U+0323 + U+0306 -> U+1EB7 (marks reordered) */
		{ "\xc4\x90" "a\xcc\x86\xcc\xa3ng", "\xc4\x90\xe1\xba\xb7ng" },
		{ "\xc4\x90\xe1\xba\xb7ng", "\xc4\x90\xe1\xba\xb7ng" },
		{ "plain ASCII", "plain ASCII" },
		{ "", "" },
		/* Hangul jamo compose: 9 bytes -> 3 */
		{ "\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8", "\xea\xb0\x81" },
	};
	struct arena	*a = arena_new(1024);
	char		 buf[64];
	char		*got;
	size_t		 i, n;

	(void)state;
	for (i = 0; i < NELEM(c); i++) {
		print_message("nfc case %zu\n", i);
		snprintf(buf, sizeof(buf), "%s", c[i].in);
		got = utf8_nfc(a, buf, strlen(buf), &n);
		assert_int_equal(n, strlen(c[i].out));
		assert_string_equal(got, c[i].out);
	}
	/* ASCII and precomposed Vietnamese are returned as they are, not
	 * copied; a combining mark or other scripts are normalized. */
	snprintf(buf, sizeof(buf), "abc");
	assert_ptr_equal(utf8_nfc(a, buf, 3, &n), buf);
	snprintf(buf, sizeof(buf), "Nguy\xe1\xbb\x85n \xc4\x90\xe1\xba\xb7ng "
	    "\xc6\xb0\xc6\xa1");		/* Nguyễn Đặng ươ */
	assert_ptr_equal(utf8_nfc(a, buf, strlen(buf), &n), buf);
	snprintf(buf, sizeof(buf), "\xe1\xbb\x85\xcc\x81");	/* ễ + U+0301 */
	got = utf8_nfc(a, buf, strlen(buf), &n);
	assert_ptr_not_equal(got, buf);
	assert_string_equal(got, "\xe1\xbb\x85\xcc\x81");	/* no composite */
	snprintf(buf, sizeof(buf), "\xe2\x84\xa6");		/* U+2126 Ohm */
	assert_string_equal(utf8_nfc(a, buf, 3, &n), "\xce\xa9");	/* Omega */
	arena_free(a);
}

/* Two addresses of one IPv6 /64 are one client; IPv4 is itself. */
static void
test_netaddr(void **state)
{
	char	b1[NETADDR_GROUP_LEN], b2[NETADDR_GROUP_LEN];

	(void)state;
	assert_string_equal(netaddr_group("2001:db8:1:2::1", b1),
	    "2001:db8:1:2::/64");
	assert_string_equal(netaddr_group("2001:db8:1:2:ffff:1:2:3", b2),
	    "2001:db8:1:2::/64");
	assert_string_equal(netaddr_group("2001:db8:1:3::1", b1),
	    "2001:db8:1:3::/64");
	assert_string_equal(netaddr_group("::1", b1), "0:0:0:0::/64");
	assert_string_equal(netaddr_group("::ffff:192.0.2.7", b1),
	    "192.0.2.7");
	assert_string_equal(netaddr_group("192.0.2.7", b1), "192.0.2.7");
	assert_string_equal(netaddr_group("unix:", b1), "unix:");
	assert_null(netaddr_group(NULL, b1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_align),
		cmocka_unit_test(test_big),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_cleanup),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_utf8_name),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_netaddr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
