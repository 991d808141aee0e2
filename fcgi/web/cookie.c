/*
 * cookie.c - the Cookie request header (RFC 6265 section 5.4).
 *
 * Lenient on white space around ';' and '=', as browsers are.  Pairs
 * without '=' or with an empty name are skipped, not refused: other
 * sites' scripts may set such cookies on a shared domain, and they must
 * not lock a citizen out.  A NUL in a name is refused.
 */
#include <string.h>

#include "base/arena.h"
#include "web/parse.h"
#include "web/parse_int.h"

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
		if (memchr(k, '\0', kn) != NULL) {
			perr_set(err, PERR_SYNTAX, "", 0, pos);
			goto fail;
		}
		if (out->n - n0 >= lim->max_fields) {
			perr_set(err, PERR_TOO_MANY, k, kn, pos);
			goto fail;
		}
		if (kn > lim->max_key) {
			perr_set(err, PERR_KEY_LONG, k, kn, pos);
			goto fail;
		}
		if (vn > lim->max_val) {
			perr_set(err, PERR_VAL_LONG, k, kn, (size_t)(v - hdr));
			goto fail;
		}
		memset(&kv, 0, sizeof(kv));
		kv.key = arena_strndup(a, k, kn);
		kv.keylen = kn;
		kv.val = arena_strndup(a, v, vn);
		kv.vallen = vn;
		kvlist_add(a, out, &kv);
	}
	return 0;
fail:
	out->n = n0;
	return -1;
}
