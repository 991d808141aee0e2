/*
 * fuzz_json.c - jsonbody_parse() on arbitrary bytes: the depth pre-scan
 * and jansson behind it.
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
	struct perr_info	 e;
	void			*j;

	if (a == NULL)
		a = arena_new(16384);
	if (jsonbody_parse(a, (const char *)data, size, &lim, &j, &e) == 0) {
		if (j == NULL || e.code != PERR_OK)
			abort();
	} else if (j != NULL || (e.code != PERR_DEPTH && e.code != PERR_JSON &&
	    e.code != PERR_TOO_MANY))
		abort();
	arena_reset(a);
	return 0;
}
