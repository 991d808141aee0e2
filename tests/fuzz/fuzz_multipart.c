/*
 * fuzz_multipart.c - multipart_boundary() and multipart_parse().
 *
 * The first byte picks what the rest is: '0' (mod 3) a body with the
 * boundary "XyZ"; '1' a boundary of (second byte & 15) bytes, then the
 * body; '2' a Content-Type header for multipart_boundary().
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

static void
check_list(const struct kvlist *l)
{
	const struct kv	*kv;
	size_t		 i;

	if (l->n > lim.max_fields)
		abort();
	for (i = 0; i < l->n; i++) {
		kv = &l->v[i];
		if (kv->keylen == 0 || kv->keylen > lim.max_key ||
		    strlen(kv->key) != kv->keylen ||
		    kv->val[kv->vallen] != '\0' ||
		    kv->vallen > (kv->filename ? lim.max_file : lim.max_val))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena	*a;
	struct kvlist		 l;
	struct perr_info	 e;
	char			 b[16], *ct, *bd;
	const char		*body = (const char *)data + 1;
	size_t			 n, bl;

	if (size == 0)
		return 0;
	if (a == NULL)
		a = arena_new(16384);
	memset(&l, 0, sizeof(l));
	n = size - 1;
	switch (data[0] % 3) {
	case 0:
		memcpy(b, "XyZ", 4);
		break;
	case 1:
		if (n == 0)
			goto out;
		bl = data[1] & 15;
		if (bl > n - 1)
			bl = n - 1;
		memcpy(b, body + 1, bl);
		b[bl] = '\0';
		body += 1 + bl;
		n -= 1 + bl;
		break;
	default:
		ct = arena_strndup(a, body, n);
		if ((bd = multipart_boundary(a, ct)) != NULL &&
		    (strlen(bd) == 0 || strlen(bd) > 70))
			abort();
		goto out;
	}
	if (multipart_parse(a, b, body, n, &lim, &l, &e) == 0) {
		if (e.code != PERR_OK)
			abort();
		check_list(&l);
	} else if (e.code <= PERR_OK || e.code >= PERR__MAX || l.n != 0 ||
	    strlen(e.field) >= sizeof(e.field) || e.offset > n)
		abort();
out:
	arena_reset(a);
	return 0;
}
