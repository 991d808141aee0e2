/*
 * validate_num.c - integers and decimals as submitted and as written
 * back: one strict grammar for both form values and the min and max of
 * definitions, exact (decimals are scaled by DEC_SCALE, never floats).
 */
#include <stdint.h>
#include <string.h>

#include "core/value.h"
#include "core/validate_int.h"

#define DEC_PLACES	4	/* DEC_SCALE = 10^4 */

/* Digits without a leading zero (but "0"), at most lim: 0, or -1. */
static int
digits(const char *s, size_t len, uint64_t lim, uint64_t *out)
{
	uint64_t	 v = 0, dig;
	size_t		 i;

	if (len == 0 || (s[0] == '0' && len > 1))
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		dig = (uint64_t)(s[i] - '0');
		if (v > (lim - dig) / 10)
			return -1;
		v = v * 10 + dig;
	}
	*out = v;
	return 0;
}

int
parse_int(const char *s, size_t len, int64_t *out)
{
	uint64_t	 v;
	int		 neg = len > 0 && s[0] == '-';

	if (digits(s + neg, len - (size_t)neg, neg ?
	    (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, &v) == -1 ||
	    (neg && v == 0))
		return -1;
	if (neg)
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN :
		    -(int64_t)v;
	else
		*out = (int64_t)v;
	return 0;
}

int
parse_dec(const char *s, size_t len, int64_t *out)
{
	static const uint64_t	 pow10[DEC_PLACES + 1] = {
		1, 10, 100, 1000, 10000,
	};
	const char		*sep;
	uint64_t		 ip, fp = 0;
	size_t			 ilen, flen = 0, i;
	int			 neg = len > 0 && s[0] == '-';

	s += neg;
	len -= (size_t)neg;
	if ((sep = memchr(s, '.', len)) == NULL)
		sep = memchr(s, ',', len);
	ilen = sep != NULL ? (size_t)(sep - s) : len;
	if (digits(s, ilen, ((uint64_t)INT64_MAX - (DEC_SCALE - 1)) /
	    DEC_SCALE, &ip) == -1)
		return -1;
	if (sep != NULL) {
		flen = len - ilen - 1;
		if (flen == 0 || flen > DEC_PLACES)
			return -1;
		for (i = 0; i < flen; i++) {
			if (sep[1 + i] < '0' || sep[1 + i] > '9')
				return -1;
			fp = fp * 10 + (uint64_t)(sep[1 + i] - '0');
		}
	}
	fp *= pow10[DEC_PLACES - flen];
	if (neg && ip == 0 && fp == 0)
		return -1;
	*out = (int64_t)(ip * DEC_SCALE + fp);
	if (neg)
		*out = -*out;
	return 0;
}

/* Unsigned v backwards from the end of a 24-byte scratch. */
static size_t
put_u64(uint64_t v, char *buf, int neg)
{
	char	 tmp[24], *p = tmp + sizeof(tmp);
	size_t	 n;

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	if (neg)
		*--p = '-';
	n = (size_t)(tmp + sizeof(tmp) - p);
	memcpy(buf, p, n);
	buf[n] = '\0';
	return n;
}

size_t
fmt_int(int64_t v, char *buf)
{
	return put_u64(v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, buf,
	    v < 0);
}

size_t
fmt_dec(int64_t v, char *buf)
{
	uint64_t	 a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	unsigned	 frac = (unsigned)(a % DEC_SCALE);
	size_t		 n;
	int		 k;

	n = put_u64(a / DEC_SCALE, buf, v < 0);
	if (frac == 0)
		return n;
	buf[n++] = '.';
	for (k = DEC_PLACES - 1; k >= 0; k--) {
		buf[n + (size_t)k] = (char)('0' + frac % 10);
		frac /= 10;
	}
	n += DEC_PLACES;
	while (buf[n - 1] == '0')
		n--;
	buf[n] = '\0';
	return n;
}
