/*
 * jobs.h - the background jobs process (`motcua jobs`, docs/jobs.md)
 * and the handlers it runs.
 *
 * A handler runs one job of its kind as the system actor (app->actor
 * is ACTOR_SYSTEM; the database context is the system's): it acts on
 * dossiers through the use cases of app/, so every change has its
 * event and audit entry.  It answers
 *   JOB_DONE   finished (or nothing left to do);
 *   JOB_RETRY  failed for now: again later, with exponential backoff
 *              and jitter, until the job's max_attempts, then dead;
 *   JOB_FAIL   can never succeed (a malformed payload): dead now;
 * with a sentence in err (kept as the job's last_error) for the last
 * two.
 *
 * Handlers must be idempotent: a job may run again after its process
 * died (kill -9, a lost host) once its lease ran out, or after a
 * failure.  Make the job's effect and a mark that it happened commit
 * in one transaction (a dedupe key, app/timers.h), or make the effect
 * harmless to repeat (SMTP with a stable Message-ID).
 *
 * The table job_handlers[] (handlers.c) lists the kinds; a kind
 * without a handler is never claimed: its jobs wait as 'ready' (and
 * show in /metrics and `motcua jobs --stats`) until a process that
 * knows it runs.
 */
#ifndef MOTCUA_JOBS_H
#define MOTCUA_JOBS_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "store/jobs.h"

struct config;

enum job_result {
	JOB_DONE,
	JOB_RETRY,
	JOB_FAIL,
	JOB__MAX
};

struct job_handler {
	const char	*kind;
	enum job_result	(*run)(struct app *, const struct job *, char *err,
			    size_t errlen);
};

/* The kinds every process knows, ending in { NULL, NULL } (handlers.c). */
extern const struct job_handler job_handlers[];
/* Test kinds, known only under MOTCUA_DIAG (diag.c):
 *   diag.sleep  {"ms": N}: sleeps N ms (at most 60 s), logs its id;
 *   diag.fail   always JOB_RETRY with "diag.fail: asked to fail". */
extern const struct job_handler job_diag_handlers[];

/* The handlers' own (timer.c): a workflow timer (app/timers.h). */
enum job_result	job_timer(struct app *, const struct job *, char *, size_t);

struct jobs_opts {
	int		 once;		/* run what is due, then exit */
	int		 lease_s;	/* a claim's lease */
	int		 sweep_ms;	/* look without a NOTIFY this often */
	const char	*const *only;	/* claim only these kinds; or NULL */
	size_t		 nonly;
	int64_t		 now;		/* a fixed clock (MOTCUA_DIAG), or 0 */
};

/* The loop (loop.c): 0 after SIGTERM/SIGINT (or --once), 1 on a
 * start-up error (told on stderr). */
int		jobs_run(const struct config *, const struct jobs_opts *);
/* `motcua jobs --stats` (stats.c): 0, or 1 after a message. */
int		jobs_print_stats(const struct config *);

/* Backoff before attempt n + 1 after n failed (n >= 1), in seconds,
 * with jitter r in [0, 1): base 5 s doubling, at most an hour, then
 * between half and all of it (loop.c). */
int64_t		jobs_backoff(int n, double r);

#endif
