/*
 * router.c - matching a path against the route table.
 *
 * Patterns are literal segments and {name} segments; a {name} matches
 * one non-empty segment, which is %-decoded into req->pathvars.
 */
#include <string.h>

#include "base/arena.h"
#include "base/config.h"
#include "web/web.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* %-decode one path segment ('+' stays '+'); NULL if malformed. */
static char *
segment_decode(struct arena *a, const char *s, size_t n, size_t *outlen)
{
	char	*out;
	size_t	 i, o = 0;
	int	 h, l;

	out = arena_alloc(a, n + 1);
	for (i = 0; i < n; i++) {
		if (s[i] != '%') {
			out[o++] = s[i];
			continue;
		}
		if (i + 2 >= n)
			return NULL;
		if ((h = hexval((unsigned char)s[i + 1])) < 0 ||
		    (l = hexval((unsigned char)s[i + 2])) < 0)
			return NULL;
		out[o++] = (char)(h * 16 + l);
		i += 2;
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

static int
match(struct wreq *r, const char *pat, const char *path)
{
	const char	*pe, *se;
	struct kv	 kv;
	struct kvlist	 vars = { NULL, 0, 0 };

	while (*pat != '\0' && *path != '\0') {
		if (*pat != '/' || *path != '/')
			return 0;
		pat++, path++;
		pe = pat + strcspn(pat, "/");
		se = path + strcspn(path, "/");
		if (*pat == '{') {
			if (se == path)
				return 0;
			memset(&kv, 0, sizeof(kv));
			kv.val = segment_decode(r->app.arena, path,
			    (size_t)(se - path), &kv.vallen);
			if (kv.val == NULL || memchr(kv.val, '\0',
			    kv.vallen) != NULL)
				return 0;
			kv.key = arena_strndup(r->app.arena, pat + 1,
			    (size_t)(pe - pat - 2));
			kv.keylen = strlen(kv.key);
			kvlist_add(r->app.arena, &vars, &kv);
		} else if (pe - pat != se - path ||
		    strncmp(pat, path, (size_t)(pe - pat)) != 0)
			return 0;
		pat = pe;
		path = se;
	}
	if (*pat != '\0' || *path != '\0')
		return 0;
	r->pathvars = vars;
	return 1;
}

const struct route *
router_match(struct wreq *r, const struct config *cfg, enum herr *herr)
{
	const struct route	*rt;
	int			 path_seen = 0;
	enum http_method	 m;
	size_t			 i;

	m = r->h->method == METHOD_HEAD ? METHOD_GET : r->h->method;
	for (i = 0; i < ROUTE__MAX; i++) {
		rt = &routes[i];
		if ((rt->flags & RF_DIAG) && !cfg->diag)
			continue;
		if (!match(r, rt->pattern, r->h->path))
			continue;
		path_seen = 1;
		if (rt->method == m)
			return rt;
	}
	*herr = path_seen ? HERR_METHOD : HERR_NOT_FOUND;
	return NULL;
}
