/*
 * trailq.c - the values of the audit trail's filters (trailq.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/trailq.h"

/* Digits only, 1 to 18 of them, not starting with 0: 1, else 0. */
int
trailq_id(const char *s, int64_t *v)
{
	size_t	n = strlen(s);

	if (n == 0 || n > 18 || strspn(s, "0123456789") != n || s[0] == '0')
		return 0;
	*v = strtoll(s, NULL, 10);
	return 1;
}

/* Printable ASCII without space, at most TRAILQ_WORD_MAX bytes: logins, unit
 * codes and action names have this shape. */
int
trailq_word(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++)
		if (i >= TRAILQ_WORD_MAX || s[i] <= ' ' || s[i] > '~')
			return 0;
	return i > 0;
}

/* s has the shape of pattern: 'd' a digit, anything else itself. */
static int
shape(const char *s, const char *pattern)
{
	for (; *pattern != '\0'; s++, pattern++)
		if (*pattern == 'd' ? *s < '0' || *s > '9' : *s != *pattern)
			return 0;
	return *s == '\0';
}

/* A date, a time in UTC or Unix seconds: 1 with *t, else 0. */
int
trailq_time(const char *s, int64_t *t)
{
	struct tm	tm, back;
	time_t		v;
	int		y, mo, d, h = 0, mi = 0, se = 0, len = 0;
	size_t		n = strlen(s);

	if (strspn(s, "0123456789") == n)
		return trailq_id(s, t);
	if (!shape(s, "dddd-dd-dd") && !shape(s, "dddd-dd-ddTdd:dd:ddZ"))
		return 0;
	if (n == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &len) == 3 &&
	    len == 10)
		;
	else if (n == 20 && sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo,
	    &d, &h, &mi, &se, &len) == 6 && len == 20)
		;
	else
		return 0;
	if (y < 1970 || y > 9999)
		return 0;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	back = tm;
	if ((v = timegm(&tm)) == (time_t)-1)
		return 0;
	/* timegm normalises 2026-02-30: a date that does not exist. */
	if (tm.tm_mday != back.tm_mday || tm.tm_mon != back.tm_mon ||
	    tm.tm_hour != back.tm_hour || tm.tm_min != back.tm_min ||
	    tm.tm_sec != back.tm_sec)
		return 0;
	*t = (int64_t)v;
	return 1;
}
