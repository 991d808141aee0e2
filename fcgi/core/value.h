/*
 * value.h - typed values of form data, as guards and validation see
 * them.  A record is an array of values indexed like the form's fields
 * (struct form.fields); strings point into memory owned by the caller
 * (an arena, or the compiled definitions).
 */
#ifndef MOTCUA_VALUE_H
#define MOTCUA_VALUE_H

#include <stddef.h>
#include <stdint.h>

enum vtype {
	V_NONE,		/* absent or empty */
	V_STR,		/* text, select/radio value, CCCD, phone, email, unit code */
	V_INT,		/* integer */
	V_DEC,		/* decimal, scaled: i = value * 10^4 (exact to 4 places) */
	V_BOOL,
	V_DATE,		/* days since 1970-01-01 (proleptic Gregorian) */
	V_LIST,		/* checkbox: several strings */
	V_FILES,	/* attachments: only their number matters to guards */
	V__MAX
};

#define DEC_SCALE	10000

struct value {
	enum vtype	 type;
	int64_t		 i;	/* V_INT, V_DEC, V_BOOL, V_DATE, V_FILES count */
	const char	*s;	/* V_STR */
	size_t		 len;	/* V_STR bytes; V_LIST count */
	const char *const *list; /* V_LIST */
};

/*
 * Dates are days since 1970-01-01 in the proleptic Gregorian calendar
 * (negative before it), computed without libc time functions.
 */

/* Exactly "YYYY-MM-DD" in len bytes (no sign, no spaces, no time zone),
 * a real day (29 February in leap years only), years 1900..2199:
 * 0 and *days set; otherwise -1 and *days untouched. */
int	date_parse(const char *s, size_t len, int64_t *days);
/* days -> "YYYY-MM-DD" and a NUL in buf (at least 11 bytes); years
 * outside 0..9999 give "0000-00-00". */
void	date_format(int64_t days, char *buf);
/* 1 Monday .. 7 Sunday. */
int	date_weekday(int64_t days);
/* Year, month 1..12, day 1..31 -> days; not checked (use date_parse
 * for input). */
int64_t	date_from_ymd(int y, int m, int d);
/* days -> year, month, day. */
void	date_to_ymd(int64_t days, int *y, int *m, int *d);

#endif
