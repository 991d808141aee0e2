/*
 * jobs.c - `motcua jobs`: the background jobs process (jobs/jobs.h,
 * docs/jobs.md), or its queue's numbers (--stats).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "cmd.h"
#include "jobs/jobs.h"

#define ONLY_MAX	32

static int
usage(void)
{
	fputs("usage: motcua jobs [--once] [--lease SECONDS] "
	    "[--sweep-ms MS] [--kind KIND]...\n"
	    "       motcua jobs --stats\n", stderr);
	return 2;
}

/* A whole number from lo to hi, or -1. */
static long
number(const char *s, long lo, long hi)
{
	char	*end;
	long	 v;

	if (s == NULL || *s == '\0')
		return -1;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= lo && v <= hi ? v : -1;
}

int
cmd_jobs(int argc, char *argv[])
{
	struct config	 cfg;
	struct jobs_opts o;
	const char	*only[ONLY_MAX];
	const char	*now;
	int		 i, stats = 0;
	long		 v;

	memset(&o, 0, sizeof(o));
	o.lease_s = 60;
	o.sweep_ms = 5000;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--once") == 0)
			o.once = 1;
		else if (strcmp(argv[i], "--stats") == 0)
			stats = 1;
		else if (strcmp(argv[i], "--lease") == 0 && i + 1 < argc &&
		    (v = number(argv[++i], 1, 86400)) != -1)
			o.lease_s = (int)v;
		else if (strcmp(argv[i], "--sweep-ms") == 0 && i + 1 < argc &&
		    (v = number(argv[++i], 10, 600000)) != -1)
			o.sweep_ms = (int)v;
		else if (strcmp(argv[i], "--kind") == 0 && i + 1 < argc &&
		    o.nonly < ONLY_MAX)
			only[o.nonly++] = argv[++i];
		else
			return usage();
	}
	if (o.nonly > 0)
		o.only = only;
	if (config_load(&cfg) == -1)
		return 1;
	if (stats)
		return jobs_print_stats(&cfg);
	/* The tests' clock: a fixed Unix time, as X-Motcua-Now is for a
	 * request, and never outside MOTCUA_DIAG. */
	if ((now = getenv("MOTCUA_NOW")) != NULL && *now != '\0') {
		if (!cfg.diag || (v = number(now, 1, 32503680000L)) == -1) {
			fputs("motcua jobs: MOTCUA_NOW needs MOTCUA_DIAG=1 and "
			    "a Unix time\n", stderr);
			return 1;
		}
		o.now = v;
	}
	return jobs_run(&cfg, &o);
}
