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

/*
 * The characters utf8_name() refuses: general categories Cc, Cf, Zl and
 * Zp, as Python's unicodedata lists them for Unicode 14, with the
 * Egyptian format controls that Unicode 15 adds (U+13439..U+1343F).
 * Sorted, for bsearch.
 */
static const struct range {
	unsigned int	 lo, hi;
} unseen[] = {
	{ 0x0000, 0x001F },	/* C0 controls */
	{ 0x007F, 0x009F },	/* DEL, C1 controls */
	{ 0x00AD, 0x00AD },	/* soft hyphen */
	{ 0x0600, 0x0605 },	/* Arabic number signs */
	{ 0x061C, 0x061C },	/* Arabic letter mark (bidi) */
	{ 0x06DD, 0x06DD },	/* Arabic end of ayah */
	{ 0x070F, 0x070F },	/* Syriac abbreviation mark */
	{ 0x0890, 0x0891 },	/* Arabic pound and piastre marks */
	{ 0x08E2, 0x08E2 },	/* Arabic disputed end of ayah */
	{ 0x180E, 0x180E },	/* Mongolian vowel separator */
	{ 0x200B, 0x200F },	/* ZWSP, ZWNJ, ZWJ; LRM, RLM */
	{ 0x2028, 0x202E },	/* line and paragraph separators; LRE RLE
				 * PDF LRO RLO */
	{ 0x2060, 0x2064 },	/* word joiner, invisible operators */
	{ 0x2066, 0x206F },	/* LRI RLI FSI PDI; deprecated format */
	{ 0xFEFF, 0xFEFF },	/* zero width no-break space (BOM) */
	{ 0xFFF9, 0xFFFB },	/* interlinear annotation */
	{ 0x110BD, 0x110BD },	/* Kaithi number sign */
	{ 0x110CD, 0x110CD },	/* Kaithi number sign above */
	{ 0x13430, 0x1343F },	/* Egyptian hieroglyph format controls */
	{ 0x1BCA0, 0x1BCA3 },	/* shorthand format controls */
	{ 0x1D173, 0x1D17A },	/* musical symbol format controls */
	{ 0xE0001, 0xE0001 },	/* language tag */
	{ 0xE0020, 0xE007F },	/* tags */
};

static int
by_range(const void *key, const void *elem)
{
	unsigned int		 cp = *(const unsigned int *)key;
	const struct range	*r = elem;

	return cp < r->lo ? -1 : cp > r->hi;
}

int
utf8_name(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, n;
	unsigned int		 cp;

	if (!utf8_valid(str, len))
		return 0;
	while (i < len) {
		if (s[i] < 0x80) {
			if (s[i] < 0x20 || s[i] == 0x7F)
				return 0;
			i++;
			continue;
		}
		/* Valid UTF-8: the lead byte says how many follow. */
		n = s[i] < 0xE0 ? 1 : s[i] < 0xF0 ? 2 : 3;
		cp = s[i] & (0x3F >> n);
		while (n-- > 0)
			cp = cp << 6 | (s[++i] & 0x3F);
		i++;
		if (bsearch(&cp, unseen, sizeof(unseen) / sizeof(unseen[0]),
		    sizeof(unseen[0]), by_range) != NULL)
			return 0;
	}
	return 1;
}

/*
 * Text made only of code points below U+0300 (ASCII, Latin-1, Latin
 * Extended A and B: đ, ư, ơ, ă...) and of U+1E00..U+1EFF (Latin
 * Extended Additional: the precomposed Vietnamese letters with tones)
 * is in NFC: none of them changes under NFC, and no two of them compose
 * (checked for every pair with Python's unicodedata).  Most Vietnamese
 * text typed today is such; it is kept as it is, without normalizing.
 * s is valid UTF-8.
 */
static int
nfc_already(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0;
	unsigned int		 cp;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] < 0xE0) {		/* two bytes: up to U+07FF */
			cp = (unsigned)(s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F);
			if (cp >= 0x300)
				return 0;
			i += 2;
		} else if (s[i] == 0xE1 && (s[i + 1] == 0xB8 ||
		    s[i + 1] == 0xB9 || s[i + 1] == 0xBA || s[i + 1] == 0xBB))
			i += 3;			/* U+1E00..U+1EFF */
		else
			return 0;
	}
	return 1;
}

char *
utf8_nfc(struct arena *a, char *s, size_t len, size_t *outlen)
{
	uint8_t	*buf, *res;
	size_t	 cap, n;

	if (nfc_already(s, len)) {
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
