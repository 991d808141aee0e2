/*
 * utf8.c - see utf8.h.  Table 3-7 of the Unicode standard, by hand.
 */
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
