/*
 * fuzz_cookie.c - cookie_parse() on arbitrary bytes, with checks
 * that what it returns keeps to the limits it was given.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "http/parse.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct parse_limits lim = {
	.max_fields = 16, .max_key = 32, .max_val = 256,
	.max_file = 1024, .max_depth = 8,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena	*a;
	struct kvlist		 l;
	struct perr_info	 e;
	size_t			 i;

	if (a == NULL)
		a = arena_new(16384);
	memset(&l, 0, sizeof(l));
	if (cookie_parse(a, (const char *)data, size, &lim, &l, &e) == 0) {
		if (l.n > lim.max_fields || e.code != PERR_OK)
			abort();
		for (i = 0; i < l.n; i++)
			if (l.v[i].keylen == 0 || l.v[i].keylen > lim.max_key ||
			    strlen(l.v[i].key) != l.v[i].keylen ||
			    l.v[i].vallen > lim.max_val ||
			    l.v[i].val[l.v[i].vallen] != '\0' ||
			    l.v[i].filename != NULL || l.v[i].ctype != NULL)
				abort();
	} else if (e.code <= PERR_OK || e.code >= PERR__MAX || l.n != 0 ||
	    strlen(e.field) >= sizeof(e.field) || e.offset > size)
		abort();
	arena_reset(a);
	return 0;
}
