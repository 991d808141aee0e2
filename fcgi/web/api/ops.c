/*
 * h_ops.c - operational endpoints: /healthz and /metrics.
 */
#include <jansson.h>
#include <stddef.h>
#include <string.h>

#include "web/web.h"
#include "http/metrics.h"
#include "store/db.h"
#include "store/jobs.h"

void
h_healthz(struct wreq *r, struct resp *w)
{
	switch (db_ping(r->app.db)) {
	case DB_OK:
		resp_json(r->h, w, 200, json_pack("{s:s, s:s}", "status", "ok",
		    "database", "ok"));
		break;
	case DB_UNAVAILABLE:
	case DB_ERROR:
	case DB_CONFLICT:
		http_error(r->h, w, HERR_UNAVAILABLE, NULL,
		    "The database does not answer.",
		    "Cơ sở dữ liệu không phản hồi.");
		resp_header(r->h, w, "Retry-After", "5");
		break;
	default:
		abort();
	}
}

/* The job table's numbers (store/jobs.h, docs/jobs.md), per kind;
 * motcua_jobs per kind and state.  Nothing when the database does not
 * answer (the HTTP numbers still do). */
static const struct {
	const char	*name;
	const char	*help;
	const char	*type;
	size_t		 off;		/* in struct job_stat */
} per_kind[] = {
	{ "motcua_jobs_oldest_ready_seconds",
	  "Age of the oldest due job not yet run, by kind.", "gauge",
	  offsetof(struct job_stat, oldest_ready_s) },
	{ "motcua_job_runs_total", "Job runs by kind.", "counter",
	  offsetof(struct job_stat, runs) },
	{ "motcua_job_failures_total",
	  "Failed job runs by kind (retried or dead).", "counter",
	  offsetof(struct job_stat, failures) },
};

static void
job_metrics(struct wreq *r, struct resp *w)
{
	struct job_stat	*v;
	size_t		 n, i, k;

	if (jobs_stats(r->app.db, r->app.arena, &v, &n) != DB_OK)
		return;
	resp_puts(r->h, w, "# HELP motcua_jobs Jobs by kind and state.\n"
	    "# TYPE motcua_jobs gauge\n");
	for (i = 0; i < n; i++)
		resp_printf(r->h, w, "motcua_jobs{kind=\"%s\",state=\"%s\"} "
		    "%lld\n", v[i].kind, v[i].state, (long long)v[i].n);
	for (k = 0; k < sizeof(per_kind) / sizeof(per_kind[0]); k++) {
		resp_printf(r->h, w, "# HELP %s %s\n# TYPE %s %s\n",
		    per_kind[k].name, per_kind[k].help, per_kind[k].name,
		    per_kind[k].type);
		for (i = 0; i < n; i++)
			if (strcmp(v[i].state, "ready") == 0)
				resp_printf(r->h, w, "%s{kind=\"%s\"} %lld\n",
				    per_kind[k].name, v[i].kind, (long long)
				    *(const int64_t *)(const void *)
				    ((const char *)&v[i] + per_kind[k].off));
	}
}

void
h_metrics(struct wreq *r, struct resp *w)
{
	metrics_render(r->h, w);
	job_metrics(r, w);
}
