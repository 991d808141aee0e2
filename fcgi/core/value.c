/*
 * value.c - dates as days since 1970-01-01 in the proleptic Gregorian
 * calendar.  Pure integer arithmetic (H. Hinnant's days_from_civil and
 * civil_from_days), no libc time functions: no time zone, no locale,
 * no range limit of time_t.
 */
#include <stdint.h>

#include "core/value.h"

#define DATE_YEAR_MIN	1900
#define DATE_YEAR_MAX	2199
/* Beyond this many days either way the year no longer fits an int. */
#define DAYS_LIMIT	INT64_C(700000000000)

static int
is_leap(int64_t y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int
days_in_month(int64_t y, int m)
{
	static const unsigned char dim[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

int64_t
date_from_ymd(int y, int m, int d)
{
	int64_t	 yy = y, era, yoe, doy, doe, mp;

	yy -= m <= 2;
	era = (yy >= 0 ? yy : yy - 399) / 400;
	yoe = yy - era * 400;				/* [0, 399] */
	mp = (m + 9) % 12;				/* March = 0 */
	doy = (153 * mp + 2) / 5 + d - 1;		/* [0, 365] */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* [0, 146096] */
	return era * 146097 + doe - 719468;
}

void
date_to_ymd(int64_t days, int *y, int *m, int *d)
{
	int64_t	 z, era, doe, yoe, doy, mp, yy;

	if (days > DAYS_LIMIT)
		days = DAYS_LIMIT;
	else if (days < -DAYS_LIMIT)
		days = -DAYS_LIMIT;
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;				/* [0, 146096] */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);	/* [0, 365] */
	mp = (5 * doy + 2) / 153;			/* [0, 11] */
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int
date_weekday(int64_t days)
{
	int	 r = (int)(days % 7);		/* 1970-01-01 was a Thursday */

	if (r < 0)
		r += 7;
	return (r + 3) % 7 + 1;
}

static int
digits(const char *s, int n)
{
	int	 v = 0;

	while (n-- > 0) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

int
date_parse(const char *s, size_t len, int64_t *days)
{
	int	 y, m, d;

	if (s == NULL || len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if ((y = digits(s, 4)) < 0 || (m = digits(s + 5, 2)) < 0 ||
	    (d = digits(s + 8, 2)) < 0)
		return -1;
	if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX || m < 1 || m > 12 ||
	    d < 1 || d > days_in_month(y, m))
		return -1;
	*days = date_from_ymd(y, m, d);
	return 0;
}

static void
put(char *p, int v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
date_format(int64_t days, char *buf)
{
	int	 y, m, d;

	date_to_ymd(days, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = m = d = 0;		/* "0000-00-00": not a date */
	put(buf, y, 4);
	buf[4] = '-';
	put(buf + 5, m, 2);
	buf[7] = '-';
	put(buf + 8, d, 2);
	buf[10] = '\0';
}
