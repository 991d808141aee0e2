/*
 * cols.c - statements' parameters and result columns as C values: see
 * store_int.h.
 */
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "store_int.h"

const char *
db_col(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

int64_t
db_col_i64(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? 0 :
	    strtoll(PQgetvalue(res, row, col), NULL, 10);
}

const char *
db_i64(struct arena *a, int64_t v)
{
	return arena_printf(a, "%" PRId64, v);
}

const char *
db_text_array(struct arena *a, const char *const *v, size_t n)
{
	size_t		 i, len = 3;
	const char	*c;
	char		*out, *o;

	for (i = 0; i < n; i++)
		len += 2 * strlen(v[i]) + 3;
	o = out = arena_alloc(a, len);
	*o++ = '{';
	for (i = 0; i < n; i++) {
		if (i > 0)
			*o++ = ',';
		*o++ = '"';
		for (c = v[i]; *c != '\0'; c++) {
			if (*c == '"' || *c == '\\')
				*o++ = '\\';
			*o++ = *c;
		}
		*o++ = '"';
	}
	*o++ = '}';
	*o = '\0';
	return out;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return 0;
}

char *
db_hex(struct arena *a, const unsigned char *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char	*out = arena_alloc(a, 2 * n + 1);
	size_t	 i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0xf];
	}
	out[2 * n] = '\0';
	return out;
}

void
db_unhex(const char *h, unsigned char *out, size_t n)
{
	size_t	k;

	for (k = 0; k < n; k++)
		out[k] = (unsigned char)(hexval(h[2 * k]) << 4 |
		    hexval(h[2 * k + 1]));
}

unsigned char *
db_col_hex(struct arena *a, const PGresult *res, int row, int col,
    size_t *len)
{
	const char	*h;
	unsigned char	*buf;
	size_t		 n;

	*len = 0;
	if ((h = db_col(res, row, col)) == NULL)
		return NULL;
	n = strlen(h) / 2;
	buf = arena_alloc(a, n + 1);
	db_unhex(h, buf, n);
	buf[n] = '\0';
	*len = n;
	return buf;
}
