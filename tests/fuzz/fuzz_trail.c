/*
 * fuzz_trail.c - the audit trail's filter values (core/trailq.h) and
 * CSV cells (base/csv.h) on arbitrary bytes.  Properties: a time that
 * parses is at or after 1970; a cell, read back as RFC 4180 reads it,
 * is the input, with an apostrophe before a leading = + - @ TAB CR, and
 * never starts a formula.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/csv.h"
#include "core/trailq.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The cell c as a reader of RFC 4180 gets it, in out. */
static void
unquote(const char *c, char *out)
{
	size_t	i = 0, n = strlen(c);

	if (n >= 2 && c[0] == '"' && c[n - 1] == '"') {
		for (i = 1; i < n - 1; i++) {
			*out++ = c[i];
			if (c[i] == '"') {
				if (c[i + 1] != '"')
					abort();
				i++;
			}
		}
	} else {
		if (strpbrk(c, ",\"\r\n") != NULL)
			abort();
		memcpy(out, c, n);
		out += n;
	}
	*out = '\0';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	char		*s, *cell, *back;
	int64_t		 t;
	int		 formula;

	if (size > 4096)
		return 0;
	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	if (trailq_time(s, &t) && t < 0)
		abort();
	(void)trailq_word(s);
	a = arena_new(16384);
	cell = csv_cell(a, s);
	if ((back = malloc(strlen(cell) + 1)) == NULL)
		abort();
	unquote(cell, back);
	formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	if (formula ? back[0] != '\'' || strcmp(back + 1, s) != 0 :
	    strcmp(back, s) != 0)
		abort();
	free(back);
	arena_free(a);
	free(s);
	return 0;
}
