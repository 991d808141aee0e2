/*
 * vnpay.c - VNPay 2.1.0 messages: see vnpay.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/hash.h"
#include "core/vnpay.h"

#define GMT7	(7 * 3600)

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

/* Decode s[0..n) ('+' is a space) into the arena; NULL if malformed or
 * longer than max once decoded. */
static char *
decode(struct arena *a, const char *s, size_t n, size_t max)
{
	char	*out;
	size_t	 i, l = 0;
	int	 hi, lo;

	if (n > 3 * max)
		return NULL;
	out = arena_alloc(a, n + 1);
	for (i = 0; i < n; i++) {
		if (s[i] == '%') {
			if (i + 2 >= n)
				return NULL;
			if ((hi = hexval((unsigned char)s[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)s[i + 2])) < 0)
				return NULL;
			out[l] = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '+')
			out[l] = ' ';
		else
			out[l] = s[i];
		if (out[l] == '\0')
			return NULL;
		l++;
	}
	if (l > max)
		return NULL;
	out[l] = '\0';
	return out;
}

static int
key_ok(const char *k)
{
	size_t	i, n = strlen(k);

	if (n <= 4 || n > VNP_KEY_MAX || strncmp(k, "vnp_", 4) != 0)
		return 0;
	for (i = 4; i < n; i++)
		if (!((k[i] >= 'a' && k[i] <= 'z') ||
		    (k[i] >= 'A' && k[i] <= 'Z')))
			return 0;
	return 1;
}

int
vnp_parse(struct arena *a, const char *s, size_t len, struct vnp_msg *m,
    const char **why)
{
	const char	*p, *end = s + len, *amp, *eq;
	char		*k, *v;

	m->n = 0;
	*why = NULL;
	if (len > VNP_QUERY_MAX) {
		*why = "the query is too long";
		return -1;
	}
	for (p = s; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p)
			continue;	/* "a=1&&b=2" */
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL) {
			*why = "a parameter without '='";
			return -1;
		}
		if ((k = decode(a, p, (size_t)(eq - p), VNP_KEY_MAX)) == NULL ||
		    !key_ok(k)) {
			*why = "a parameter that is not vnp_ and letters";
			return -1;
		}
		if (vnp_get(m, k) != NULL) {
			*why = arena_printf(a, "%s is given twice", k);
			return -1;
		}
		if ((v = decode(a, eq + 1, (size_t)(amp - eq - 1),
		    VNP_VALUE_MAX)) == NULL) {
			*why = arena_printf(a, "%s is malformed or too long", k);
			return -1;
		}
		if (m->n == VNP_PARAMS_MAX) {
			*why = "too many parameters";
			return -1;
		}
		m->v[m->n].key = k;
		m->v[m->n].val = v;
		m->n++;
		if (amp == end)
			break;
	}
	return 0;
}

const char *
vnp_get(const struct vnp_msg *m, const char *key)
{
	size_t	i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].key, key) == 0)
			return m->v[i].val;
	return NULL;
}

int
vnp_set(struct arena *a, struct vnp_msg *m, const char *key, const char *val)
{
	size_t	i;

	for (i = 0; i < m->n && strcmp(m->v[i].key, key) != 0; i++)
		;
	if (i == VNP_PARAMS_MAX)
		return -1;
	m->v[i].key = arena_strdup(a, key);
	m->v[i].val = arena_strdup(a, val);
	if (i == m->n)
		m->n++;
	return 0;
}

char *
vnp_encode(struct arena *a, const char *s)
{
	static const char digits[] = "0123456789ABCDEF";
	char	*out, *o;
	unsigned char c;

	o = out = arena_alloc(a, 3 * strlen(s) + 1);
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')
			*o++ = (char)c;
		else if (c == ' ')
			*o++ = '+';
		else {
			*o++ = '%';
			*o++ = digits[c >> 4];
			*o++ = digits[c & 0xf];
		}
	}
	*o = '\0';
	return out;
}

static int
signed_param(const struct vnp_param *p)
{
	return strcmp(p->key, "vnp_SecureHash") != 0 &&
	    strcmp(p->key, "vnp_SecureHashType") != 0 && p->val[0] != '\0';
}

static int
by_key(const void *x, const void *y)
{
	const struct vnp_param *const *a = x, *const *b = y;

	return strcmp((*a)->key, (*b)->key);
}

char *
vnp_canonical(struct arena *a, const struct vnp_msg *m)
{
	const struct vnp_param *sorted[VNP_PARAMS_MAX];
	char		*out, *v;
	size_t		 i, n = 0, len = 1, at = 0, kl, vl;

	for (i = 0; i < m->n; i++)
		if (signed_param(&m->v[i]))
			sorted[n++] = &m->v[i];
	qsort(sorted, n, sizeof(sorted[0]), by_key);
	for (i = 0; i < n; i++)
		len += strlen(sorted[i]->key) + 3 * strlen(sorted[i]->val) + 2;
	out = arena_alloc(a, len);
	for (i = 0; i < n; i++) {
		v = vnp_encode(a, sorted[i]->val);
		kl = strlen(sorted[i]->key);
		vl = strlen(v);
		if (i > 0)
			out[at++] = '&';
		memcpy(out + at, sorted[i]->key, kl);
		at += kl;
		out[at++] = '=';
		memcpy(out + at, v, vl);
		at += vl;
	}
	out[at] = '\0';
	return out;
}

char *
vnp_hmac(struct arena *a, const char *secret, const char *data)
{
	char	*out = arena_alloc(a, SHA512_HEX_LEN + 1);

	hmac_sha512_hex(secret, strlen(secret), data, strlen(data), out);
	return out;
}

int
vnp_verify(struct arena *a, const struct vnp_msg *m, const char *secret)
{
	const char	*given = vnp_get(m, "vnp_SecureHash");
	char		*lower, *want;
	size_t		 i, n;

	if (given == NULL || (n = strlen(given)) != SHA512_HEX_LEN)
		return 0;
	lower = arena_strdup(a, given);
	for (i = 0; i < n; i++)
		if (lower[i] >= 'A' && lower[i] <= 'F')
			lower[i] = (char)(lower[i] - 'A' + 'a');
	want = vnp_hmac(a, secret, vnp_canonical(a, m));
	return hash_equal(lower, want);
}

char *
vnp_signed_query(struct arena *a, const struct vnp_msg *m, const char *secret)
{
	char	*c = vnp_canonical(a, m);

	return arena_printf(a, "%s&vnp_SecureHash=%s", c,
	    vnp_hmac(a, secret, c));
}

void
vnp_time(int64_t t, char buf[15])
{
	struct tm	tm;
	time_t		tt = (time_t)(t + GMT7);

	if (gmtime_r(&tt, &tm) == NULL || tm.tm_year < 0 ||
	    tm.tm_year > 8000)
		memset(&tm, 0, sizeof(tm));
	if (strftime(buf, 15, "%Y%m%d%H%M%S", &tm) != 14)
		memcpy(buf, "19700101070000", 15);
}

int64_t
vnp_parse_time(const char *s)
{
	struct tm	tm;
	int		v[6], i, j, w[6] = { 4, 2, 2, 2, 2, 2 };

	if (s == NULL || strlen(s) != 14)
		return -1;
	for (i = 0; i < 6; i++) {
		v[i] = 0;
		for (j = 0; j < w[i]; j++, s++) {
			if (*s < '0' || *s > '9')
				return -1;
			v[i] = v[i] * 10 + (*s - '0');
		}
	}
	if (v[0] < 1970 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 ||
	    v[3] > 23 || v[4] > 59 || v[5] > 60)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = v[0] - 1900;
	tm.tm_mon = v[1] - 1;
	tm.tm_mday = v[2];
	tm.tm_hour = v[3];
	tm.tm_min = v[4];
	tm.tm_sec = v[5];
	return (int64_t)timegm(&tm) - GMT7;
}

char *
vnp_amount(struct arena *a, int64_t dong)
{
	return arena_printf(a, "%lld00", (long long)dong);
}

int64_t
vnp_parse_amount(const char *s)
{
	int64_t	v = 0;
	size_t	i, n;

	if (s == NULL || (n = strlen(s)) < 3 || n > 15 || s[0] == '0')
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (v % 100 != 0)
		return -1;
	return v / 100;
}

char *
vnp_querydr_data(struct arena *a, const struct vnp_querydr *q)
{
	return arena_printf(a, "%s|%s|%s|%s|%s|%s|%s|%s|%s", q->request_id,
	    q->version, q->command, q->tmn_code, q->txn_ref,
	    q->transaction_date, q->create_date, q->ip_addr, q->order_info);
}
