/*
 * urlenc.c - query strings and application/x-www-form-urlencoded.
 *
 * Two passes per segment: pct_len() checks the escapes and measures the
 * decoded length, so that every limit is checked before pct_copy()
 * writes anything into the arena.
 */
#include <string.h>

#include "base/arena.h"
#include "http/parse.h"
#include "http/parse_int.h"
#include "http/http.h"

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Check the escapes of s[0..n) and put its decoded length in *len.
 * With nonul, a NUL byte (raw or %00) is refused too: keys are names.
 * On error return -1 with *bad the offending index in s.
 */
static int
pct_len(const char *s, size_t n, int nonul, size_t *len, size_t *bad)
{
	size_t	 i, l = 0;
	int	 hi, lo;

	for (i = 0; i < n; l++) {
		if (s[i] != '%') {
			if (nonul && s[i] == '\0')
				goto fail;
			i++;
			continue;
		}
		if (n - i < 3 ||
		    (hi = hexval((unsigned char)s[i + 1])) < 0 ||
		    (lo = hexval((unsigned char)s[i + 2])) < 0 ||
		    (nonul && hi == 0 && lo == 0))
			goto fail;
		i += 3;
	}
	*len = l;
	return 0;
fail:
	*bad = i;
	return -1;
}

/* Decode s[0..n), already checked by pct_len(), into at most cap bytes. */
static size_t
pct_copy(char *dst, size_t cap, const char *s, size_t n)
{
	size_t	 i = 0, l = 0;

	while (i < n && l < cap) {
		if (s[i] == '%') {
			dst[l++] = (char)(hexval((unsigned char)s[i + 1]) << 4 |
			    hexval((unsigned char)s[i + 2]));
			i += 3;
		} else {
			dst[l++] = s[i] == '+' ? ' ' : s[i];
			i++;
		}
	}
	return l;
}

static char *
pct_dup(struct arena *a, const char *s, size_t n, size_t len)
{
	char	*p;

	p = arena_alloc(a, len + 1);
	pct_copy(p, len, s, n);
	p[len] = '\0';
	return p;
}

int
urlenc_parse(struct arena *a, const char *buf, size_t len,
    const struct parse_limits *lim, struct kvlist *out,
    struct perr_info *err)
{
	const char	*seg, *end, *eq, *k, *v;
	size_t		 n0 = out->n, pos, segn, kn, vn, klen, vlen, bad;
	char		 field[sizeof(err->field)];
	size_t		 flen;
	struct kv	 kv;

	memset(err, 0, sizeof(*err));
	for (pos = 0; pos < len; pos += segn + 1) {
		seg = buf + pos;
		end = memchr(seg, '&', len - pos);
		segn = end != NULL ? (size_t)(end - seg) : len - pos;
		if (segn == 0)
			continue;
		k = seg;
		eq = memchr(seg, '=', segn);
		kn = eq != NULL ? (size_t)(eq - seg) : segn;
		v = eq != NULL ? eq + 1 : seg + segn;
		vn = segn - kn - (eq != NULL);

		if (pct_len(k, kn, 1, &klen, &bad) == -1) {
			perr_set(err, PERR_SYNTAX, "", 0, pos + bad);
			goto fail;
		}
		if (klen == 0) {
			perr_set(err, PERR_SYNTAX, "", 0, pos);
			goto fail;
		}
		/* The key as an error names it (perr_set() cuts it). */
		flen = pct_copy(field, sizeof(field), k, kn);
		if (out->n - n0 >= lim->max_fields) {
			perr_set(err, PERR_TOO_MANY, field, flen, pos);
			goto fail;
		}
		if (klen > lim->max_key) {
			perr_set(err, PERR_KEY_LONG, field, flen, pos);
			goto fail;
		}
		if (pct_len(v, vn, 0, &vlen, &bad) == -1) {
			perr_set(err, PERR_SYNTAX, field, flen,
			    pos + kn + 1 + bad);
			goto fail;
		}
		if (vlen > lim->max_val) {
			perr_set(err, PERR_VAL_LONG, field, flen, pos + kn + 1);
			goto fail;
		}

		memset(&kv, 0, sizeof(kv));
		kv.key = pct_dup(a, k, kn, klen);
		kv.keylen = klen;
		kv.val = pct_dup(a, v, vn, vlen);
		kv.vallen = vlen;
		kvlist_add(a, out, &kv);
	}
	return 0;
fail:
	out->n = n0;
	return -1;
}

char *
http_urlencode(struct arena *a, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	char			*out, *p;
	unsigned char		 c;

	p = out = arena_alloc(a, 3 * strlen(s) + 1);
	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c) != NULL)
			*p++ = (char)c;
		else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	return out;
}
