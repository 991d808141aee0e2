/*
 * next.c - see next.h.
 */
#include <string.h>

#include "base/arena.h"
#include "web/web.h"
#include "web/next.h"

/* Pages that must not be a "next": they would loop or sign out. */
static const char *const not_next[] = { "/signin", "/register", "/signout" };

int
next_safe(const char *s)
{
	size_t	i, n, k;

	if (s == NULL || s[0] != '/' || s[1] == '/' || s[1] == '\\')
		return 0;
	if ((n = strlen(s)) > NEXT_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 ||
		    (unsigned char)s[i] >= 0x7f || s[i] == '\\')
			return 0;
	for (i = 0; i < sizeof(not_next) / sizeof(not_next[0]); i++) {
		k = strlen(not_next[i]);
		if (strncmp(s, not_next[i], k) == 0 &&
		    (s[k] == '\0' || s[k] == '?' || s[k] == '/' ||
		    s[k] == '#'))
			return 0;
	}
	return 1;
}

const char *
next_of_request(struct wreq *r)
{
	const char	*s;

	s = r->h->query != NULL && r->h->query[0] != '\0' ?
	    arena_printf(r->app.arena, "%s?%s", r->h->path, r->h->query) : r->h->path;
	return next_safe(s) ? s : NULL;
}

const char *
next_encode(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char		*out, *p;
	unsigned char	 c;

	p = out = arena_alloc(a, strlen(s) * 3 + 1);
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c) != NULL) {
			*p++ = (char)c;
			continue;
		}
		*p++ = '%';
		*p++ = hex[c >> 4];
		*p++ = hex[c & 15];
	}
	*p = '\0';
	return out;
}

const char *
next_link(struct arena *a, const char *page, int english, const char *next)
{
	if (next == NULL)
		return english ? arena_printf(a, "%s?lang=en", page) : page;
	return arena_printf(a, "%s?%snext=%s", page, english ? "lang=en&" : "",
	    next_encode(a, next));
}
