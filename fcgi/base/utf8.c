/*
 * utf8.c - see utf8.h.  Table 3-7 of the Unicode standard, by hand.
 */
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>

#include "arena.h"
#include "utf8.h"

int
utf8_valid(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0;
	unsigned char		 c, lo, hi;
	int			 n;

	while (i < len) {
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		lo = 0x80;
		hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF)
			n = 1;
		else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			if (c == 0xE0)
				lo = 0xA0;	/* overlong */
			else if (c == 0xED)
				hi = 0x9F;	/* surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			if (c == 0xF0)
				lo = 0x90;	/* overlong */
			else if (c == 0xF4)
				hi = 0x8F;	/* > U+10FFFF */
		} else
			return 0;
		if (len - i - 1 < (size_t)n)
			return 0;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (int k = 2; k <= n; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return 0;
		i += (size_t)n + 1;
	}
	return 1;
}

int
utf8_text(const char *s, size_t len)
{
	size_t	i;
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7F)
			return 0;
	}
	return utf8_valid(s, len);
}

char *
utf8_nfc(struct arena *a, char *s, size_t len, size_t *outlen)
{
	uint8_t	*buf, *res;
	size_t	 i, cap, n;

	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		continue;
	if (i == len) {
		*outlen = len;
		return s;
	}
	cap = 3 * len;
	buf = arena_alloc(a, cap + 1);
	n = cap;
	res = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, buf, &n);
	if (res == NULL)
		abort();	/* out of memory: input is valid UTF-8 */
	if (res != buf) {	/* cannot happen within 3x; be safe */
		buf = arena_alloc(a, n + 1);
		memcpy(buf, res, n);
		free(res);
	}
	buf[n] = '\0';
	*outlen = n;
	return (char *)buf;
}
