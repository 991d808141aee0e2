/*
 * validate_ids.c - identifiers people type: citizen ID numbers (CCCD),
 * mobile phone numbers, email addresses, unit codes; and file types by
 * their content.  Pure, no allocation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/validate.h"
#include "core/validate_int.h"

/*
 * Province codes of the place of birth registration, the first three
 * digits of a CCCD: Circular 07/2016/TT-BCA, appendix (the 63 provinces
 * of 2016; cards keep their codes after provinces merge).
 */
static const struct province {
	unsigned short	 code;
	const char	*name;
} provinces[] = {
	{  1, "Hà Nội" },		{  2, "Hà Giang" },
	{  4, "Cao Bằng" },		{  6, "Bắc Kạn" },
	{  8, "Tuyên Quang" },		{ 10, "Lào Cai" },
	{ 11, "Điện Biên" },		{ 12, "Lai Châu" },
	{ 14, "Sơn La" },		{ 15, "Yên Bái" },
	{ 17, "Hòa Bình" },		{ 19, "Thái Nguyên" },
	{ 20, "Lạng Sơn" },		{ 22, "Quảng Ninh" },
	{ 24, "Bắc Giang" },		{ 25, "Phú Thọ" },
	{ 26, "Vĩnh Phúc" },		{ 27, "Bắc Ninh" },
	{ 30, "Hải Dương" },		{ 31, "Hải Phòng" },
	{ 33, "Hưng Yên" },		{ 34, "Thái Bình" },
	{ 35, "Hà Nam" },		{ 36, "Nam Định" },
	{ 37, "Ninh Bình" },		{ 38, "Thanh Hóa" },
	{ 40, "Nghệ An" },		{ 42, "Hà Tĩnh" },
	{ 44, "Quảng Bình" },		{ 45, "Quảng Trị" },
	{ 46, "Thừa Thiên Huế" },	{ 48, "Đà Nẵng" },
	{ 49, "Quảng Nam" },		{ 51, "Quảng Ngãi" },
	{ 52, "Bình Định" },		{ 54, "Phú Yên" },
	{ 56, "Khánh Hòa" },		{ 58, "Ninh Thuận" },
	{ 60, "Bình Thuận" },		{ 62, "Kon Tum" },
	{ 64, "Gia Lai" },		{ 66, "Đắk Lắk" },
	{ 67, "Đắk Nông" },		{ 68, "Lâm Đồng" },
	{ 70, "Bình Phước" },		{ 72, "Tây Ninh" },
	{ 74, "Bình Dương" },		{ 75, "Đồng Nai" },
	{ 77, "Bà Rịa - Vũng Tàu" },	{ 79, "Hồ Chí Minh" },
	{ 80, "Long An" },		{ 82, "Tiền Giang" },
	{ 83, "Bến Tre" },		{ 84, "Trà Vinh" },
	{ 86, "Vĩnh Long" },		{ 87, "Đồng Tháp" },
	{ 89, "An Giang" },		{ 91, "Kiên Giang" },
	{ 92, "Cần Thơ" },		{ 93, "Hậu Giang" },
	{ 94, "Sóc Trăng" },		{ 95, "Bạc Liêu" },
	{ 96, "Cà Mau" },
};

/*
 * The fourth digit gives the century of birth and the sex: 0/1 the
 * 20th century (male/female), 2/3 the 21st, 4/5 the 22nd ... Nobody
 * born in 2100 or later holds a card yet: digits above this are
 * refused (raise it in 2100).
 */
#define CCCD_CENTURY_DIGIT_MAX	3

static int
by_code(const void *key, const void *elem)
{
	const struct province	*p = elem;
	unsigned		 k = *(const unsigned *)key;

	return k < p->code ? -1 : k > p->code;
}

int
check_cccd(const char *s, size_t len)
{
	unsigned	 prov;
	size_t		 i;

	if (s == NULL || len != 12)
		return -1;
	for (i = 0; i < 12; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	prov = (unsigned)((s[0] - '0') * 100 + (s[1] - '0') * 10 +
	    (s[2] - '0'));
	if (bsearch(&prov, provinces, sizeof(provinces) /
	    sizeof(provinces[0]), sizeof(provinces[0]), by_code) == NULL)
		return -1;
	if (s[3] - '0' > CCCD_CENTURY_DIGIT_MAX)
		return -1;
	return 0;
}

/*
 * Vietnamese mobiles: 10 digits 0[35789]XXXXXXXX, or +84 / 84 and the
 * 9 digits without the leading 0.  Spaces, dots and dashes are ignored.
 * Landlines (02x) and the old 11-digit 01x numbers are refused.
 */
int
normalize_phone(const char *s, size_t len, char out[13])
{
	char		 d[12];
	const char	*nsn;
	size_t		 i, nd = 0;
	int		 plus = 0;

	if (s == NULL || len > 32)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] == ' ' || s[i] == '.' || s[i] == '-')
			continue;
		if (s[i] == '+' && nd == 0 && !plus)
			plus = 1;
		else if (s[i] >= '0' && s[i] <= '9' && nd < sizeof(d))
			d[nd++] = s[i];
		else
			return -1;
	}
	if (nd == 11 && d[0] == '8' && d[1] == '4')
		nsn = d + 2;
	else if (!plus && nd == 10 && d[0] == '0')
		nsn = d + 1;
	else
		return -1;
	if (strchr("35789", nsn[0]) == NULL)
		return -1;
	memcpy(out, "+84", 3);
	memcpy(out + 3, nsn, 9);
	out[12] = '\0';
	return 0;
}

static int
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/*
 * local@domain.tld, deliberately narrower than RFC 5322: the local part
 * of letters, digits and . _ % + - (no dot first, last or twice in a
 * row, at most 64); the domain of at least two labels of letters,
 * digits and inner dashes (1..63 each); a top-level label of letters
 * (or an xn-- A-label), at least 2.
 */
int
email_normalize(const char *s, size_t len, char *out)
{
	const char	*at, *dom, *lab;
	size_t		 i, llen, dlen, pos, n;
	int		 labels = 0, alpha;

	if (s == NULL || len == 0 || len > EMAIL_MAX ||
	    (at = memchr(s, '@', len)) == NULL)
		return -1;
	llen = (size_t)(at - s);
	if (llen == 0 || llen > 64 || s[0] == '.' || s[llen - 1] == '.')
		return -1;
	for (i = 0; i < llen; i++)
		if (!is_alnum(s[i]) && (s[i] == '\0' ||
		    strchr("._%+-", s[i]) == NULL))
			return -1;
		else if (s[i] == '.' && s[i + 1] == '.')
			return -1;
	dom = at + 1;
	dlen = len - llen - 1;
	for (pos = 0; pos <= dlen; pos += n + 1) {
		lab = dom + pos;
		alpha = 1;
		for (n = 0; pos + n < dlen && lab[n] != '.'; n++) {
			if (!is_alnum(lab[n]) && lab[n] != '-')
				return -1;
			if (!((lab[n] | 0x20) >= 'a' && (lab[n] | 0x20) <= 'z'))
				alpha = 0;
		}
		if (n == 0 || n > 63 || lab[0] == '-' || lab[n - 1] == '-')
			return -1;
		labels++;
		if (pos + n == dlen && !(alpha && n >= 2) &&
		    !(n > 4 && strncmp(lab, "xn--", 4) == 0))
			return -1;	/* the top-level label */
	}
	if (labels < 2)
		return -1;
	memcpy(out, s, llen + 1);
	for (i = 0; i < dlen; i++)
		out[llen + 1 + i] = (dom[i] >= 'A' && dom[i] <= 'Z') ?
		    (char)(dom[i] + 32) : dom[i];
	out[len] = '\0';
	return 0;
}

int
unit_shape(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || len > UNIT_MAX || s[0] == '.' || s[len - 1] == '.')
		return -1;
	for (i = 0; i < len; i++)
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return -1;
		} else if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'A' && s[i] <= 'Z')))
			return -1;
	return 0;
}

/* File types by their first bytes; a second check at an offset for
 * containers (RIFF).  With the extensions a file of the type may have
 * (.jfif: what Windows names many JPEGs saved from a browser). */
#define EXT_MAX		3

static const struct magic {
	const char	*mime;
	const char	*name;
	const char	*head;
	size_t		 headlen;
	size_t		 off;
	const char	*at;
	size_t		 atlen;
	const char	*ext[EXT_MAX + 1];	/* NULL-terminated */
} magics[] = {
	{ "application/pdf", "PDF", "%PDF-", 5, 0, NULL, 0, { "pdf" } },
	{ "image/png", "PNG", "\x89PNG\r\n\x1a\n", 8, 0, NULL, 0, { "png" } },
	{ "image/jpeg", "JPEG", "\xff\xd8\xff", 3, 0, NULL, 0,
	    { "jpg", "jpeg", "jfif" } },
	{ "image/gif", "GIF", "GIF87a", 6, 0, NULL, 0, { "gif" } },
	{ "image/gif", "GIF", "GIF89a", 6, 0, NULL, 0, { "gif" } },
	{ "image/webp", "WebP", "RIFF", 4, 8, "WEBP", 4, { "webp" } },
};

const char *
sniff_mime(const void *buf, size_t len)
{
	const struct magic	*m;
	const char		*b = buf;
	size_t			 i;

	if (buf == NULL)
		return NULL;
	for (i = 0; i < sizeof(magics) / sizeof(magics[0]); i++) {
		m = &magics[i];
		if (len >= m->headlen && memcmp(b, m->head, m->headlen) == 0 &&
		    (m->at == NULL || (len >= m->off + m->atlen &&
		    memcmp(b + m->off, m->at, m->atlen) == 0)))
			return m->mime;
	}
	return NULL;
}

static const struct magic *
magic_of(const char *mime)
{
	size_t	i;

	for (i = 0; i < sizeof(magics) / sizeof(magics[0]); i++)
		if (strcmp(magics[i].mime, mime) == 0)
			return &magics[i];
	return NULL;
}

int
mime_ext_ok(const char *mime, const char *name, size_t len)
{
	const struct magic	*m;
	const char		*dot;
	size_t			 i, n;

	if ((m = magic_of(mime)) == NULL)
		return 0;
	for (dot = NULL, i = 0; i < len; i++)
		if (name[i] == '.')
			dot = name + i;
	if (dot == NULL)
		return 0;
	n = len - (size_t)(dot + 1 - name);
	for (i = 0; m->ext[i] != NULL; i++)
		if (strlen(m->ext[i]) == n &&
		    strncasecmp(m->ext[i], dot + 1, n) == 0)
			return 1;
	return 0;
}

const char *const *
mime_exts(const char *mime)
{
	const struct magic	*m;

	return (m = magic_of(mime)) != NULL ? m->ext : NULL;
}

const char *
mime_short(const char *mime)
{
	const struct magic	*m;

	return (m = magic_of(mime)) != NULL ? m->name : NULL;
}
