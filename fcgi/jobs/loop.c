/*
 * loop.c - the jobs process (jobs.h, docs/jobs.md): claim one due job
 * at a time (FOR UPDATE SKIP LOCKED, under a lease), run its handler
 * as the system actor, then mark it done, to be retried, or dead.
 * With nothing due it waits on LISTEN motcua_jobs (the enqueue's
 * trigger NOTIFYs at commit), and looks anyway every sweep_ms: a
 * NOTIFY lost with a connection, a job due later, a lease run out.
 *
 * SIGTERM and SIGINT: the job in hand is finished, then the process
 * exits.  SIGHUP: the definitions and the calendar are loaded again
 * between two jobs (kept as they were if the new ones are broken).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/config.h"
#include "base/log.h"
#include "core/calendar.h"
#include "core/def.h"
#include "jobs/jobs.h"

#define BACKOFF_BASE_S	5
#define BACKOFF_MAX_S	3600
#define KINDS_MAX	64
#define ERR_MAX		512

static volatile sig_atomic_t	stop, reload;

static void
on_signal(int sig)
{
	if (sig == SIGHUP)
		reload = 1;
	else
		stop = 1;
}

/* No SA_RESTART: a signal ends the wait for a NOTIFY at once. */
static void
signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

int64_t
jobs_backoff(int n, double r)
{
	int64_t	d = BACKOFF_BASE_S;

	while (--n > 0 && d < BACKOFF_MAX_S)
		d *= 2;
	if (d > BACKOFF_MAX_S)
		d = BACKOFF_MAX_S;
	if (r < 0 || r >= 1)
		r = 0;
	return d / 2 + (int64_t)((double)(d - d / 2) * r);
}

struct world {
	struct defs	*defs;
	struct calendar	*cal;
};

static int
load(const struct config *cfg, struct world *w)
{
	char		 forms[4096], workflows[4096], schemas[4096], cal[4096];
	const char	*paths[2] = { forms, workflows };
	struct diags	 d = { NULL, 0, 0 };
	size_t		 i;

	snprintf(forms, sizeof(forms), "%s/forms", cfg->root);
	snprintf(workflows, sizeof(workflows), "%s/workflows", cfg->root);
	snprintf(schemas, sizeof(schemas), "%s/schemas", cfg->root);
	if (cfg->calendar[0] == '/')
		snprintf(cal, sizeof(cal), "%s", cfg->calendar);
	else
		snprintf(cal, sizeof(cal), "%s/%s", cfg->root, cfg->calendar);
	w->defs = defs_load(paths, 2, schemas, &d);
	w->cal = calendar_load(cal, &d);
	if (w->defs == NULL || w->cal == NULL || d.n > 0) {
		for (i = 0; i < d.n; i++)
			log_msg(LOG_ERROR, "%s:%d: %s", d.v[i].file,
			    d.v[i].line, d.v[i].msg);
		diags_free(&d);
		if (w->defs != NULL)
			defs_free(w->defs);
		if (w->cal != NULL)
			calendar_free(w->cal);
		memset(w, 0, sizeof(*w));
		return -1;
	}
	diags_free(&d);
	return 0;
}

static void
unload(struct world *w)
{
	if (w->defs != NULL)
		defs_free(w->defs);
	if (w->cal != NULL)
		calendar_free(w->cal);
	memset(w, 0, sizeof(*w));
}

static const struct job_handler *
handler_of(const struct config *cfg, const char *kind)
{
	const struct job_handler *h;

	for (h = job_handlers; h->kind != NULL; h++)
		if (strcmp(h->kind, kind) == 0)
			return h;
	for (h = job_diag_handlers; cfg->diag && h->kind != NULL; h++)
		if (strcmp(h->kind, kind) == 0)
			return h;
	return NULL;
}

static int
wanted(const struct jobs_opts *o, const char *kind)
{
	size_t	i;

	if (o->only == NULL)
		return 1;
	for (i = 0; i < o->nonly; i++)
		if (strcmp(o->only[i], kind) == 0)
			return 1;
	return 0;
}

/* The kinds this process claims: known, and asked for. */
static size_t
kinds(const struct config *cfg, const struct jobs_opts *o,
    const char *out[KINDS_MAX])
{
	const struct job_handler *h;
	size_t	n = 0;

	for (h = job_handlers; h->kind != NULL && n < KINDS_MAX; h++)
		if (wanted(o, h->kind))
			out[n++] = h->kind;
	for (h = job_diag_handlers; cfg->diag && h->kind != NULL &&
	    n < KINDS_MAX; h++)
		if (wanted(o, h->kind))
			out[n++] = h->kind;
	return n;
}

/* A pause that a signal cuts short. */
static void
nap(int ms)
{
	struct timespec	ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	(void)nanosleep(&ts, NULL);
}

static int64_t
clock_now(const struct jobs_opts *o)
{
	return o->now != 0 ? o->now : (int64_t)time(NULL);
}

/* Run one claimed job and record what came of it. */
static void
run_one(struct app *app, const struct jobs_opts *o, const char *by,
    const struct job *j)
{
	const struct job_handler *h = handler_of(app->cfg, j->kind);
	char		 err[ERR_MAX];
	enum job_result	 r;
	enum db_status	 rc;
	int		 dead;

	err[0] = '\0';
	r = h != NULL ? h->run(app, j, err, sizeof(err)) : JOB_RETRY;
	db_request_end(app->db);
	app->now = clock_now(o);
	switch (r) {
	case JOB_DONE:
		rc = jobs_done(app->db, j->id, by, app->now);
		break;
	case JOB_RETRY:
	case JOB_FAIL:
		rc = jobs_retry(app->db, j->id, by, app->now +
		    jobs_backoff(j->attempts, (double)random() / 2147483648.0),
		    err, r == JOB_FAIL, &dead);
		log_msg(dead ? LOG_ERROR : LOG_WARN, "job %lld (%s) attempt "
		    "%d of %d%s: %s", (long long)j->id, j->kind, j->attempts,
		    j->max_attempts, dead ? ", dead" : "", err);
		break;
	default:
		abort();
	}
	if (rc != DB_OK)
		log_msg(LOG_ERROR, "job %lld: its outcome was not recorded; "
		    "it runs again after its lease", (long long)j->id);
}

int
jobs_run(const struct config *cfg, const struct jobs_opts *o)
{
	const char	*kv[KINDS_MAX];
	struct world	 w, nw;
	struct actor	 sys;
	struct app	 app;
	struct job	 j;
	struct arena	*a;
	char		 by[256], host[128];
	size_t		 nk;
	int		 found, woken;
	enum db_status	 rc;

	memset(&w, 0, sizeof(w));
	if (load(cfg, &w) == -1) {
		fprintf(stderr, "motcua jobs: the definitions do not load\n");
		return 1;
	}
	/* Asked only for kinds it does not know (yet: another release
	 * will), it waits for a signal rather than fail its unit. */
	if ((nk = kinds(cfg, o, kv)) == 0)
		log_msg(LOG_WARN, "jobs: no handler for the kinds asked; "
		    "their jobs wait");
	if (gethostname(host, sizeof(host)) == -1)
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	snprintf(by, sizeof(by), "%s:%d:%lld", host, (int)getpid(),
	    (long long)time(NULL));
	srandom((unsigned)(getpid() ^ time(NULL)));
	signals();
	log_set_quiet(cfg->quiet);
	a = arena_new(64 * 1024);
	memset(&app, 0, sizeof(app));
	app.arena = a;
	app.cfg = cfg;
	app.db = db_open(cfg->database_url, cfg->statement_timeout_ms);
	app.via = "jobs";
	db_guarded(app.db);
	memset(&sys, 0, sizeof(sys));
	sys.kind = ACTOR_SYSTEM;
	sys.name = "motcua jobs";
	log_msg(LOG_INFO, "jobs %s: %zu kinds, lease %d s", by, nk, o->lease_s);
	while (!stop) {
		if (reload) {
			reload = 0;
			if (load(cfg, &nw) == 0) {
				unload(&w);
				w = nw;
				log_msg(LOG_INFO, "definitions reloaded");
			} else
				log_msg(LOG_ERROR, "definitions not reloaded: "
				    "the new ones do not load");
		}
		arena_reset(a);
		app.defs = w.defs;
		app.cal = w.cal;
		app.now = clock_now(o);
		app_act_as(&app, &sys);
		if (nk == 0) {
			if (o->once)
				break;
			nap(o->sweep_ms);
			continue;
		}
		rc = jobs_claim(app.db, a, kv, nk, by, app.now, o->lease_s, &j,
		    &found);
		if (rc == DB_OK && found) {
			app.request_id = arena_printf(a, "job-%lld",
			    (long long)j.id);
			run_one(&app, o, by, &j);
			app.request_id = NULL;
			continue;
		}
		if (rc != DB_OK)
			log_msg(LOG_WARN, "jobs: cannot claim (database)");
		if (o->once)
			break;
		if (rc != DB_OK || db_wait_notify(app.db, "LISTEN motcua_jobs",
		    o->sweep_ms, &woken) != DB_OK)
			nap(o->sweep_ms);
	}
	log_msg(LOG_INFO, "jobs %s: stopped", by);
	db_close(app.db);
	arena_free(a);
	unload(&w);
	log_flush();
	return 0;
}
