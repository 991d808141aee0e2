/*
 * next.h - where a browser goes after signing in or registering: the
 * page it asked for before it was sent to /signin (parameter "next").
 *
 * An anonymous GET of a page that needs sign-in is answered 303 to
 * /signin?next=PATH%3FQUERY (session.c); /signin and /register keep
 * the value in a hidden field and, once signed in, go there when it is
 * a safe local path (next_safe), else to the default page.
 */
#ifndef MOTCUA_NEXT_H
#define MOTCUA_NEXT_H

#include <stddef.h>

struct arena;
struct wreq;

#define NEXT_MAX	512	/* bytes */

/*
 * 1 when s may be a redirect's Location on this site: starts with "/",
 * not "//" nor "/\", only printable ASCII without spaces or
 * backslashes (so no CR/LF), at most NEXT_MAX bytes, and not /signin,
 * /register or /signout (with or without a query).  Anything else
 * (https://evil, //evil, /\evil, a decoded %2F%2Fevil) is 0.
 */
int		 next_safe(const char *s);

/* The request's path and query when next_safe, else NULL. */
const char	*next_of_request(struct wreq *);

/* s %-encoded for a query value (all but A-Z a-z 0-9 - . _ ~ /). */
const char	*next_encode(struct arena *, const char *s);

/* "/signin" or "/register" with ?lang=en and/or next=...: a link. */
const char	*next_link(struct arena *, const char *page, int english,
		    const char *next);

#endif
