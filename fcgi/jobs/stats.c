/*
 * stats.c - `motcua jobs --stats` (jobs.h): the job_stats view
 * (migrations/0015_jobs.sql) as a table, one line per kind and state.
 */
#include <stdio.h>

#include "base/arena.h"
#include "base/config.h"
#include "jobs/jobs.h"

int
jobs_print_stats(const struct config *cfg)
{
	struct job_stat	*v;
	struct arena	*a = arena_new(16 * 1024);
	struct db	*db = db_open(cfg->database_url, 0);
	size_t		 n, i;
	int		 ret = 1;

	if (jobs_stats(db, a, &v, &n) != DB_OK) {
		fprintf(stderr, "motcua jobs: cannot read the job table (%s)\n",
		    cfg->database_url);
		goto out;
	}
	printf("%-24s %-8s %8s %10s %8s %8s\n", "kind", "state", "jobs",
	    "oldest_s", "runs", "failures");
	for (i = 0; i < n; i++)
		printf("%-24s %-8s %8lld %10lld %8lld %8lld\n", v[i].kind,
		    v[i].state, (long long)v[i].n,
		    (long long)v[i].oldest_ready_s, (long long)v[i].runs,
		    (long long)v[i].failures);
	ret = 0;
out:
	db_close(db);
	arena_free(a);
	return ret;
}
