/*
 * jobs.h - the job table (migrations/0015_jobs.sql): the outbox and the
 * timers that `motcua jobs` works through (docs/jobs.md).
 *
 * jobs_enqueue() runs inside the caller's transaction, if one is open
 * (db_begin), so that a job commits with what causes it, and its
 * NOTIFY wakes the jobs processes at that commit; outside one it is a
 * transaction of its own.  The rest is the jobs process's, under the
 * system actor's context (db_context "system").
 *
 * A claim takes a job for one process for a lease: until locked_until
 * no other claim takes it; after it (the process died) the next claim
 * does, so handlers must be idempotent.  Completing, retrying or
 * failing a job is done only by the process holding it (locked_by):
 * a process whose lease ran out and was overtaken changes nothing.
 */
#ifndef MOTCUA_STORE_JOBS_H
#define MOTCUA_STORE_JOBS_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

struct arena;

enum jobs_stmt {
	JOBS_ADD,
	JOBS_CLAIM,
	JOBS_DONE,
	JOBS_RETRY,
	JOBS_STATS,
	JOBS__MAX
};

struct job {
	int64_t		 id;
	const char	*kind;
	const char	*payload;	/* a JSON object */
	int		 attempts;	/* with this one */
	int		 max_attempts;
	int64_t		 run_at;	/* when it was due */
};

/*
 * A job of this kind, its payload a JSON object as text, due at run_at
 * (Unix time).  With a dedupe_key (or NULL), nothing happens if a job
 * with that key exists in any state: a retried request, or a state
 * entered again, enqueues nothing twice.  DB_OK either way.
 */
enum db_status	jobs_enqueue(struct db *, const char *kind,
		    const char *payload_json, const char *dedupe_key,
		    int64_t run_at);
/* The same; *added 1 if this call made the job, 0 if the key had one. */
enum db_status	jobs_enqueue_new(struct db *, const char *kind,
		    const char *payload_json, const char *dedupe_key,
		    int64_t run_at, int *added);

/*
 * Claim one job of these kinds due at now (ready, or running with a
 * lease that ran out), for by and lease_s seconds, with
 * FOR UPDATE SKIP LOCKED: two processes never claim one job at once.
 * *found 0 when there is none.
 */
enum db_status	jobs_claim(struct db *, struct arena *,
		    const char *const *kinds, size_t nkinds, const char *by,
		    int64_t now, int lease_s, struct job *, int *found);
/* Done, as by, at now (counted in runs). */
enum db_status	jobs_done(struct db *, int64_t id, const char *by,
		    int64_t now);
/*
 * Failed this time with err: ready again at run_at, or 'dead' when its
 * attempts are spent or dead is set (counted in failures).  *is_dead
 * says which.
 */
enum db_status	jobs_retry(struct db *, int64_t id, const char *by,
		    int64_t run_at, const char *err, int dead, int *is_dead);

struct job_stat {
	const char	*kind;
	const char	*state;		/* ready, running, done, dead */
	int64_t		 n;
	int64_t		 oldest_ready_s;	/* age of the oldest due job */
	int64_t		 runs;		/* of the kind, every state */
	int64_t		 failures;
};

/* Every kind known to the table, by kind and state. */
enum db_status	jobs_stats(struct db *, struct arena *, struct job_stat **,
		    size_t *);

#endif
