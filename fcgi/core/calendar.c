/*
 * calendar.c - see calendar.h.
 *
 * Loading compiles the XML into two bitmaps over the days of the years
 * from the first to the last one in the file: `known` (the day's year is
 * in the file) and `work` (a working day).  Everything after loading
 * walks days with those bits, and the periods of a day.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/xml.h"
#include "core/calendar.h"
#include "core/value.h"

#define CAL_NS		"urn:motcua:def:1"
#define CAL_MAX_PERIODS	8
#define YEAR_MIN	1900
#define YEAR_MAX	2199
#define DAY		CAL_MINUTES_PER_DAY

struct period {
	int		 from;		/* minutes since midnight */
	int		 to;		/* from < to <= 1440 */
};

struct calendar {
	struct period	 periods[CAL_MAX_PERIODS];
	size_t		 nperiods;
	int		 day_minutes;	/* sum of the periods */
	int		 cutoff;	/* minute of the day, or -1 */
	unsigned	 weekend;	/* 1 << date_weekday() */
	int		 ylo, yhi;	/* years spanned by the bitmaps */
	int64_t		 lo, hi;	/* days spanned: [lo, hi) */
	unsigned char	*known;		/* bit per day from lo */
	unsigned char	*work;		/* bit per day from lo */
};

/* date_weekday() - 1 -> name in <weekend days="...">. */
static const char *const wday_names[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun",
};

static const struct period default_periods[] = {
	{ 7 * 60 + 30, 11 * 60 + 30 },
	{ 13 * 60, 17 * 60 },
};

/* ---- loading ------------------------------------------------------ */

struct ld {
	struct calendar	*cal;
	struct diags	*d;
	const char	*file;
	size_t		 before;	/* d->n on entry */
};

static void
on_xml_error(void *arg, const char *file, int line, const char *msg)
{
	diags_add(arg, file, line, "%s", msg);
}

static int
line_of(xmlNodePtr n)
{
	long	 l = xmlGetLineNo(n);

	return l < 0 || l > 0x7fffffff ? 0 : (int)l;
}

static int
getbit(const unsigned char *v, int64_t i)
{
	return (v[i >> 3] >> (i & 7)) & 1;
}

static void
setbit(unsigned char *v, int64_t i, int on)
{
	if (on)
		v[i >> 3] |= (unsigned char)(1u << (i & 7));
	else
		v[i >> 3] &= (unsigned char)~(1u << (i & 7));
}

/* "HH:MM", 00:00 to 24:00 -> minutes, or -1. */
static int
parse_time(const char *s)
{
	int	 h, m;

	if (s == NULL || strlen(s) != 5 || s[2] != ':' ||
	    s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' ||
	    s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9')
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 24 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

/* A time attribute; reports and returns -1 if absent or malformed. */
static int
time_attr(struct ld *l, xmlNodePtr n, const char *name)
{
	char	*v = xml_attr(n, name);
	int	 t = parse_time(v);

	if (t == -1)
		diags_add(l->d, l->file, line_of(n), "%s: %s must be a time "
		    "HH:MM", (const char *)n->name, name);
	xmlFree(v);
	return t;
}

static void
load_hours(struct ld *l, xmlNodePtr n)
{
	struct calendar	*cal = l->cal;
	xmlNodePtr	 p;
	int		 from, to;

	cal->nperiods = 0;
	for (p = xml_first(n); p != NULL; p = xml_next(p)) {
		if (!xml_is(p, "period"))
			continue;
		from = time_attr(l, p, "from");
		to = time_attr(l, p, "to");
		if (from == -1 || to == -1)
			continue;
		if (from >= to) {
			diags_add(l->d, l->file, line_of(p), "period: from "
			    "must be before to");
			continue;
		}
		if (cal->nperiods > 0 &&
		    from < cal->periods[cal->nperiods - 1].to) {
			diags_add(l->d, l->file, line_of(p), "period: must "
			    "start after the previous one ends");
			continue;
		}
		if (cal->nperiods == CAL_MAX_PERIODS) {
			diags_add(l->d, l->file, line_of(p), "hours: at most "
			    "%d periods", CAL_MAX_PERIODS);
			break;
		}
		cal->periods[cal->nperiods].from = from;
		cal->periods[cal->nperiods].to = to;
		cal->nperiods++;
	}
	if (cal->nperiods == 0)
		diags_add(l->d, l->file, line_of(n), "hours: no period");
}

static void
load_weekend(struct ld *l, xmlNodePtr n)
{
	char		*v = xml_attr(n, "days"), *tok, *save = NULL;
	size_t		 i;

	l->cal->weekend = 0;
	for (tok = v ? strtok_r(v, " \t\r\n", &save) : NULL; tok != NULL;
	    tok = strtok_r(NULL, " \t\r\n", &save)) {
		for (i = 0; i < 7; i++)
			if (strcmp(tok, wday_names[i]) == 0)
				break;
		if (i == 7)
			diags_add(l->d, l->file, line_of(n), "weekend: "
			    "unknown day \"%s\"", tok);
		else
			l->cal->weekend |= 1u << (i + 1);
	}
	if (l->cal->weekend == 0xfe)
		diags_add(l->d, l->file, line_of(n), "weekend: no working "
		    "day left in the week");
	xmlFree(v);
}

/* <year value="...">: the year, or -1 (reported if report). */
static int
year_of(struct ld *l, xmlNodePtr n, int report)
{
	char	*v = xml_attr(n, "value"), *end;
	long	 y = -1;

	if (v != NULL && *v != '\0')
		y = strtol(v, &end, 10);
	if (v == NULL || *v == '\0' || *end != '\0' || y < YEAR_MIN ||
	    y > YEAR_MAX) {
		if (report)
			diags_add(l->d, l->file, line_of(n), "year: value "
			    "must be a year from %d to %d", YEAR_MIN,
			    YEAR_MAX);
		y = -1;
	}
	xmlFree(v);
	return (int)y;
}

/* The holidays and make-up days of one year, over its weekly pattern. */
static void
load_year(struct ld *l, xmlNodePtr n, int year)
{
	struct calendar	*cal = l->cal;
	unsigned char	 seen[(366 + 7) / 8];
	xmlNodePtr	 c;
	char		*v;
	int64_t		 first, last, day, i;
	int		 holiday, y, m, dd;

	first = date_from_ymd(year, 1, 1);
	last = date_from_ymd(year + 1, 1, 1);
	if (getbit(cal->known, first - cal->lo)) {
		diags_add(l->d, l->file, line_of(n), "year %d: given twice",
		    year);
		return;
	}
	for (day = first; day < last; day++) {
		setbit(cal->known, day - cal->lo, 1);
		setbit(cal->work, day - cal->lo,
		    !(cal->weekend & (1u << date_weekday(day))));
	}
	memset(seen, 0, sizeof(seen));
	for (c = xml_first(n); c != NULL; c = xml_next(c)) {
		if (!(holiday = xml_is(c, "holiday")) && !xml_is(c, "workday"))
			continue;
		v = xml_attr(c, "date");
		if (v == NULL || date_parse(v, strlen(v), &day) == -1) {
			diags_add(l->d, l->file, line_of(c), "%s: date must "
			    "be a date YYYY-MM-DD", (const char *)c->name);
			xmlFree(v);
			continue;
		}
		xmlFree(v);
		date_to_ymd(day, &y, &m, &dd);
		i = day - first;
		if (y != year)
			diags_add(l->d, l->file, line_of(c), "%s: "
			    "%04d-%02d-%02d is not in year %d",
			    (const char *)c->name, y, m, dd, year);
		else if (getbit(seen, i))
			diags_add(l->d, l->file, line_of(c), "%s: "
			    "%04d-%02d-%02d is listed twice",
			    (const char *)c->name, y, m, dd);
		else if (!holiday &&
		    !(cal->weekend & (1u << date_weekday(day))))
			diags_add(l->d, l->file, line_of(c), "workday: "
			    "%04d-%02d-%02d is not a weekly rest day", y, m,
			    dd);
		else {
			setbit(seen, i, 1);
			setbit(cal->work, day - cal->lo, !holiday);
		}
	}
}

static void
compile(struct ld *l, xmlDocPtr doc)
{
	struct calendar	*cal = l->cal;
	xmlNodePtr	 root, n;
	int		 y, ylo = YEAR_MAX + 1, yhi = YEAR_MIN - 1;
	size_t		 i, bytes;

	root = xmlDocGetRootElement(doc);
	if (!xml_is(root, "calendar") || root->ns == NULL ||
	    strcmp((const char *)root->ns->href, CAL_NS) != 0) {
		diags_add(l->d, l->file, root ? line_of(root) : 0, "the root "
		    "element must be calendar in namespace %s", CAL_NS);
		return;
	}
	for (n = xml_first(root); n != NULL; n = xml_next(n)) {
		if (xml_is(n, "hours"))
			load_hours(l, n);
		else if (xml_is(n, "cutoff"))
			cal->cutoff = time_attr(l, n, "time");
		else if (xml_is(n, "weekend"))
			load_weekend(l, n);
		else if (xml_is(n, "year")) {
			if ((y = year_of(l, n, 1)) == -1)
				continue;
			ylo = y < ylo ? y : ylo;
			yhi = y > yhi ? y : yhi;
		} else if (!xml_is(n, "name"))
			diags_add(l->d, l->file, line_of(n), "unknown element "
			    "%s", (const char *)n->name);
	}
	if (ylo > yhi) {
		diags_add(l->d, l->file, line_of(root), "calendar: no year");
		return;
	}
	for (i = 0; i < cal->nperiods; i++)
		cal->day_minutes += cal->periods[i].to - cal->periods[i].from;

	cal->ylo = ylo;
	cal->yhi = yhi;
	cal->lo = date_from_ymd(ylo, 1, 1);
	cal->hi = date_from_ymd(yhi + 1, 1, 1);
	bytes = (size_t)((cal->hi - cal->lo + 7) / 8);
	if ((cal->known = calloc(1, bytes)) == NULL ||
	    (cal->work = calloc(1, bytes)) == NULL)
		abort();
	for (n = xml_first(root); n != NULL; n = xml_next(n))
		if (xml_is(n, "year") && (y = year_of(l, n, 0)) != -1)
			load_year(l, n, y);
}

/* Validate and compile doc, and free it. */
static struct calendar *
load_doc(xmlDocPtr doc, const char *file, const char *rng, struct diags *d)
{
	struct ld	 l;

	l.d = d;
	l.file = file;
	l.before = d->n;
	if (xml_validate_rng(doc, rng, file, on_xml_error, d) == -1) {
		xmlFreeDoc(doc);
		return NULL;
	}
	if ((l.cal = calloc(1, sizeof(*l.cal))) == NULL)
		abort();
	memcpy(l.cal->periods, default_periods, sizeof(default_periods));
	l.cal->nperiods = sizeof(default_periods) / sizeof(default_periods[0]);
	l.cal->cutoff = -1;
	l.cal->weekend = 1u << 6 | 1u << 7;
	compile(&l, doc);
	xmlFreeDoc(doc);
	if (d->n > l.before) {
		calendar_free(l.cal);
		return NULL;
	}
	return l.cal;
}

struct calendar *
calendar_load_memory(const char *buf, size_t len, const char *name,
    const char *rng, struct diags *d)
{
	xmlDocPtr	 doc;

	/* xml_read_*() report every failure themselves. */
	doc = xml_read_memory(buf, len, name, on_xml_error, d);
	return doc == NULL ? NULL : load_doc(doc, name, rng, d);
}

struct calendar *
calendar_load(const char *path, struct diags *d)
{
	const char	*slash = strrchr(path, '/');
	char		 rng[4096];
	xmlDocPtr	 doc;
	int		 len;

	if (slash == NULL)
		len = snprintf(rng, sizeof(rng), "../schemas/calendar.rng");
	else
		len = snprintf(rng, sizeof(rng), "%.*s/../schemas/calendar.rng",
		    (int)(slash - path), path);
	if (len < 0 || (size_t)len >= sizeof(rng)) {
		diags_add(d, path, 0, "path too long");
		return NULL;
	}
	doc = xml_read_file(path, on_xml_error, d);
	return doc == NULL ? NULL : load_doc(doc, path, rng, d);
}

void
calendar_free(struct calendar *cal)
{
	if (cal == NULL)
		return;
	free(cal->known);
	free(cal->work);
	free(cal);
}

/* ---- queries ------------------------------------------------------ */

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t	 q = a / b;

	return a % b < 0 ? q - 1 : q;
}

/* 1 working, 0 not, -1 unknown. */
static int
day_status(const struct calendar *cal, int64_t day)
{
	if (day < cal->lo || day >= cal->hi ||
	    !getbit(cal->known, day - cal->lo))
		return -1;
	return getbit(cal->work, day - cal->lo);
}

int
cal_is_working_day(const struct calendar *cal, int64_t day)
{
	return cal == NULL ? -1 : day_status(cal, day);
}

int
cal_covers(const struct calendar *cal, int year)
{
	return cal != NULL && year >= cal->ylo && year <= cal->yhi &&
	    getbit(cal->known, date_from_ymd(year, 1, 1) - cal->lo);
}

static int
pauses_ok(const struct interval *p, size_t n)
{
	size_t	 i;

	if (n > 0 && p == NULL)
		return 0;
	for (i = 0; i < n; i++)
		if (p[i].to < p[i].from || (i > 0 && p[i].from < p[i - 1].to))
			return 0;
	return 1;
}

/* A walk over the free working time from t on. */
struct walk {
	const struct calendar	*cal;
	int64_t			 t;
	const struct interval	*p;
	size_t			 n, k;	/* pauses before p[k] are behind t */
};

/*
 * The next free working interval [*a, *b) at or after w->t and before
 * limit: 1, and w->t moves to *b; 0 if none before limit; -1 if an
 * unknown day comes first.
 */
static int
next_free(struct walk *w, int64_t limit, int64_t *a, int64_t *b)
{
	const struct calendar	*cal = w->cal;
	const struct interval	*p;
	int64_t			 day, base, mod, x, y;
	size_t			 i;
	int			 st;

	for (;;) {
		if (w->t >= limit)
			return 0;
		day = floor_div(w->t, DAY);
		if ((st = day_status(cal, day)) == -1)
			return -1;
		base = day * DAY;
		if (st == 0) {
			w->t = base + DAY;
			continue;
		}
		mod = w->t - base;
		for (i = 0; i < cal->nperiods && cal->periods[i].to <= mod;
		    i++)
			continue;
		if (i == cal->nperiods) {
			w->t = base + DAY;
			continue;
		}
		x = base + (mod > cal->periods[i].from ? mod :
		    cal->periods[i].from);
		y = base + cal->periods[i].to;
		while (w->k < w->n && w->p[w->k].to <= x)
			w->k++;
		p = w->k < w->n ? &w->p[w->k] : NULL;
		if (p != NULL && p->from <= x) {
			w->t = p->to;		/* paused at x: skip to its end */
			continue;
		}
		if (p != NULL && p->from < y)
			y = p->from;
		if (x >= limit)
			return 0;
		*a = x;
		*b = y < limit ? y : limit;
		w->t = *b;
		return 1;
	}
}

int64_t
cal_due(const struct calendar *cal, int64_t received, int days, int hours,
    const struct interval *paused, size_t npaused)
{
	struct walk	 w = { cal, received, paused, npaused, 0 };
	int64_t		 need, a, b, day;
	int		 st;

	if (cal == NULL || days < 0 || hours < 0 ||
	    !pauses_ok(paused, npaused))
		return -1;
	need = days > 0 ? (int64_t)days * cal->day_minutes :
	    (int64_t)hours * 60;
	day = floor_div(received, DAY);
	if ((st = day_status(cal, day)) == -1)
		return -1;
	if (st == 0 || (cal->cutoff >= 0 &&
	    received - day * DAY >= cal->cutoff)) {
		/* The next working day's first period. */
		while ((st = day_status(cal, ++day)) == 0)
			continue;
		if (st == -1)
			return -1;
		w.t = day * DAY + cal->periods[0].from;
	}
	for (;;) {
		if (next_free(&w, INT64_MAX, &a, &b) != 1)
			return -1;
		if (need <= b - a)
			return a + need;
		need -= b - a;
	}
}

int64_t
cal_working_minutes(const struct calendar *cal, int64_t from, int64_t to,
    const struct interval *paused, size_t npaused)
{
	struct walk	 w = { cal, from, paused, npaused, 0 };
	int64_t		 sum = 0, a, b;
	int		 r;

	if (cal == NULL || !pauses_ok(paused, npaused))
		return INT64_MIN;
	if (to < from) {
		sum = cal_working_minutes(cal, to, from, paused, npaused);
		return sum == INT64_MIN ? sum : -sum;
	}
	while ((r = next_free(&w, to, &a, &b)) == 1)
		sum += b - a;
	return r == 0 ? sum : INT64_MIN;
}
