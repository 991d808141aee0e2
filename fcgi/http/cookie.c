/*
 * cookie.c - the Cookie request header (RFC 6265 section 5.4).
 *
 * Lenient on white space around ';' and '=', as browsers are.  The
 * header is the browser's, filled by every site of a shared domain
 * (analytics, other services), so nothing in it locks a citizen out:
 * pairs without '=', with an empty name, a NUL in the name, a name
 * over max_key or a value over max_val are skipped; after max_fields
 * pairs the rest is ignored.  It never fails; err is left PERR_OK.
 */
#include <string.h>

#include "base/arena.h"
#include "http/parse.h"

static int
isows(char c)
{
	return c == ' ' || c == '\t';
}

/* Trim white space on both sides of s[0..*n), return the new start. */
static const char *
trim(const char *s, size_t *n)
{
	while (*n > 0 && isows(s[0])) {
		s++;
		(*n)--;
	}
	while (*n > 0 && isows(s[*n - 1]))
		(*n)--;
	return s;
}

int
cookie_parse(struct arena *a, const char *hdr, size_t len,
    const struct parse_limits *lim, struct kvlist *out,
    struct perr_info *err)
{
	const char	*seg, *end, *eq, *k, *v;
	size_t		 n0 = out->n, pos, segn, kn, vn;
	struct kv	 kv;

	memset(err, 0, sizeof(*err));
	for (pos = 0; pos < len; pos += segn + 1) {
		seg = hdr + pos;
		end = memchr(seg, ';', len - pos);
		segn = end != NULL ? (size_t)(end - seg) : len - pos;
		if ((eq = memchr(seg, '=', segn)) == NULL)
			continue;
		kn = (size_t)(eq - seg);
		k = trim(seg, &kn);
		vn = segn - (size_t)(eq + 1 - seg);
		v = trim(eq + 1, &vn);
		if (kn == 0)
			continue;
		if (vn >= 2 && v[0] == '"' && v[vn - 1] == '"') {
			v++;
			vn -= 2;
		}
		if (memchr(k, '\0', kn) != NULL || kn > lim->max_key ||
		    vn > lim->max_val)
			continue;
		if (out->n - n0 >= lim->max_fields)
			break;
		memset(&kv, 0, sizeof(kv));
		kv.key = arena_strndup(a, k, kn);
		kv.keylen = kn;
		kv.val = arena_strndup(a, v, vn);
		kv.vallen = vn;
		kvlist_add(a, out, &kv);
	}
	return 0;
}
