/*
 * fuzz_calendar.c - calendar_load_memory() on arbitrary bytes: hardened
 * parsing, RELAX NG validation (schemas/calendar.rng, so run from the
 * repository root) and compilation; then, when the input is a valid
 * calendar, cal_due() and cal_working_minutes() must agree.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/calendar.h"
#include "core/value.h"

#define RNG	"schemas/calendar.rng"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (access(RNG, R_OK) == -1) {
		fprintf(stderr, "fuzz_calendar: run from the repository root "
		    "(%s not found)\n", RNG);
		exit(1);
	}
	return 0;
}

static void
check(const struct calendar *cal, const uint8_t *data, size_t size)
{
	struct interval	 p[1];
	uint64_t	 h = 1469598103934665603u;
	int64_t		 r, due, wm;
	size_t		 i;
	int		 y, days;

	for (i = 0; i < size; i++)
		h = (h ^ data[i]) * 1099511628211u;
	for (y = 1900; y <= 2199 && !cal_covers(cal, y); y++)
		continue;
	if (y > 2199)
		abort();		/* loaded, so some year is covered */
	r = date_from_ymd(y, 1, 1) * CAL_MINUTES_PER_DAY +
	    (int64_t)(h % (366 * CAL_MINUTES_PER_DAY));
	days = (int)((h >> 32) % 40);	/* 0: 3 working hours */
	p[0].from = r + (int64_t)((h >> 20) % 5000);
	p[0].to = p[0].from + (int64_t)((h >> 40) % 3000);
	for (i = 0; i < 2; i++) {
		due = cal_due(cal, r, days, days == 0 ? 3 : 0, p, i);
		if (due == -1)
			continue;
		if (due < r)
			abort();
		/* At least the deadline's minutes (more when received
		 * after the cut-off). */
		wm = cal_working_minutes(cal, r, due, p, i);
		if (wm == INT64_MIN || wm < 0 || (days == 0 && wm < 180) ||
		    cal_working_minutes(cal, due, r, p, i) != -wm)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags	 d = { NULL, 0, 0 };
	struct calendar	*cal;
	size_t		 i;

	cal = calendar_load_memory((const char *)data, size, "fuzz.xml", RNG,
	    &d);
	if ((cal == NULL) != (d.n > 0))
		abort();
	for (i = 0; i < d.n; i++)
		if (d.v[i].msg == NULL || d.v[i].file == NULL ||
		    d.v[i].line < 0)
			abort();
	if (cal != NULL)
		check(cal, data, size);
	calendar_free(cal);
	diags_free(&d);
	return 0;
}
