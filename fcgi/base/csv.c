/*
 * csv.c - CSV cells (csv.h).
 */
#include <string.h>

#include "base/arena.h"
#include "base/csv.h"

char *
csv_cell(struct arena *a, const char *s)
{
	char	*out, *p;
	size_t	 n, i;
	int	 formula, quote;

	if (s == NULL)
		s = "";
	n = strlen(s);
	formula = n > 0 && strchr("=+-@\t\r", s[0]) != NULL;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	/* At worst every byte a doubled quote, the apostrophe, two quotes. */
	p = out = arena_alloc(a, 2 * n + 4);
	if (quote)
		*p++ = '"';
	if (formula)
		*p++ = '\'';
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			*p++ = '"';
		*p++ = s[i];
	}
	if (quote)
		*p++ = '"';
	*p = '\0';
	return out;
}

char *
csv_record(struct arena *a, const char *const *cells, size_t n)
{
	char	**c, *out, *p;
	size_t	  i, len = 2;

	c = arena_alloc(a, (n + 1) * sizeof(*c));
	for (i = 0; i < n; i++) {
		c[i] = csv_cell(a, cells[i]);
		len += strlen(c[i]) + 1;
	}
	p = out = arena_alloc(a, len + 1);
	for (i = 0; i < n; i++) {
		if (i > 0)
			*p++ = ',';
		memcpy(p, c[i], strlen(c[i]));
		p += strlen(c[i]);
	}
	memcpy(p, "\r\n", 3);
	return out;
}
