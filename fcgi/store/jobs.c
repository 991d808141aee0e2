/*
 * jobs.c - the jobs family of statements (jobs.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "jobs.h"
#include "store_int.h"

/* The claim's subquery picks the oldest due job and locks it, skipping
 * rows another claim holds; the UPDATE leases it.  A running job whose
 * lease ran out (its process died) is due again. */
static const struct stmt stmts[JOBS__MAX] = {
	[JOBS_ADD] = { "jobs_add",
	    "SELECT jobs_add($1, $2::jsonb, $3, to_timestamp($4::bigint))",
	    4, 0 },
	[JOBS_CLAIM] = { "jobs_claim",
	    "UPDATE jobs SET state = 'running', attempts = attempts + 1, "
	    "locked_by = $2, locked_until = to_timestamp($3::bigint) + "
	    "make_interval(secs => $4::int) "
	    "WHERE id = (SELECT id FROM jobs WHERE kind = ANY ($1::text[]) "
	    "AND ((state = 'ready' AND run_at <= to_timestamp($3::bigint)) "
	    "OR (state = 'running' AND "
	    "locked_until < to_timestamp($3::bigint))) "
	    "ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) "
	    "RETURNING id, kind, payload::text, attempts, max_attempts, "
	    "extract(epoch FROM run_at)::bigint", 4, 0 },
	[JOBS_DONE] = { "jobs_done",
	    "WITH j AS (UPDATE jobs SET state = 'done', "
	    "done_at = to_timestamp($3::bigint), locked_until = NULL, "
	    "last_error = NULL "
	    "WHERE id = $1::bigint AND state = 'running' AND locked_by = $2 "
	    "RETURNING kind) "
	    "INSERT INTO job_counters AS c (kind, runs) SELECT kind, 1 FROM j "
	    "ON CONFLICT (kind) DO UPDATE SET runs = c.runs + 1", 3, 0 },
	[JOBS_RETRY] = { "jobs_retry",
	    "WITH j AS (UPDATE jobs SET state = CASE WHEN $5::boolean OR "
	    "attempts >= max_attempts THEN 'dead' ELSE 'ready' END, "
	    "run_at = to_timestamp($3::bigint), last_error = left($4, 1000), "
	    "locked_until = NULL, done_at = CASE WHEN $5::boolean OR "
	    "attempts >= max_attempts THEN now() END "
	    "WHERE id = $1::bigint AND state = 'running' AND locked_by = $2 "
	    "RETURNING kind, state), "
	    "c AS (INSERT INTO job_counters AS c (kind, runs, failures) "
	    "SELECT kind, 1, 1 FROM j ON CONFLICT (kind) DO UPDATE SET "
	    "runs = c.runs + 1, failures = c.failures + 1) "
	    "SELECT state FROM j", 5, 0 },
	[JOBS_STATS] = { "jobs_stats",
	    "SELECT kind, state, n, oldest_ready_s, runs, failures "
	    "FROM job_stats ORDER BY kind, state", 0, 1 },
};

const struct family jobs_family = { stmts, JOBS__MAX };

enum db_status
jobs_enqueue_new(struct db *db, const char *kind, const char *payload_json,
    const char *dedupe_key, int64_t run_at, int *added)
{
	char		 at[24];
	const char	*p[4];
	PGresult	*res;
	enum db_status	 rc;

	*added = 0;
	snprintf(at, sizeof(at), "%lld", (long long)run_at);
	p[0] = kind;
	p[1] = payload_json != NULL ? payload_json : "{}";
	p[2] = dedupe_key;
	p[3] = at;
	if ((rc = db_exec(db, &stmts[JOBS_ADD], p, &res)) != DB_OK)
		return rc;
	*added = PQntuples(res) == 1 && !PQgetisnull(res, 0, 0);
	PQclear(res);
	return DB_OK;
}

enum db_status
jobs_enqueue(struct db *db, const char *kind, const char *payload_json,
    const char *dedupe_key, int64_t run_at)
{
	int	added;

	return jobs_enqueue_new(db, kind, payload_json, dedupe_key, run_at,
	    &added);
}

enum db_status
jobs_claim(struct db *db, struct arena *a, const char *const *kinds,
    size_t nkinds, const char *by, int64_t now, int lease_s,
    struct job *j, int *found)
{
	const char	*p[4];
	PGresult	*res;
	enum db_status	 rc;

	memset(j, 0, sizeof(*j));
	*found = 0;
	p[0] = db_text_array(a, kinds, nkinds);
	p[1] = by;
	p[2] = db_i64(a, now);
	p[3] = db_i64(a, lease_s);
	if ((rc = db_exec_arena(db, a, &stmts[JOBS_CLAIM], p, &res)) != DB_OK)
		return rc;
	if (PQntuples(res) != 1)
		return DB_OK;
	if (PQnfields(res) != 6)
		abort();
	j->id = db_col_i64(res, 0, 0);
	j->kind = arena_strdup(a, db_col(res, 0, 1));
	j->payload = arena_strdup(a, db_col(res, 0, 2));
	j->attempts = (int)db_col_i64(res, 0, 3);
	j->max_attempts = (int)db_col_i64(res, 0, 4);
	j->run_at = db_col_i64(res, 0, 5);
	*found = 1;
	return DB_OK;
}

enum db_status
jobs_done(struct db *db, int64_t id, const char *by, int64_t now)
{
	char		 sid[24], snow[24];
	const char	*p[3];

	snprintf(sid, sizeof(sid), "%lld", (long long)id);
	snprintf(snow, sizeof(snow), "%lld", (long long)now);
	p[0] = sid;
	p[1] = by;
	p[2] = snow;
	return db_exec_only(db, &stmts[JOBS_DONE], p);
}

enum db_status
jobs_retry(struct db *db, int64_t id, const char *by, int64_t run_at,
    const char *err, int dead, int *is_dead)
{
	char		 sid[24], sat[24];
	const char	*p[5];
	PGresult	*res;
	enum db_status	 rc;

	*is_dead = 0;
	snprintf(sid, sizeof(sid), "%lld", (long long)id);
	snprintf(sat, sizeof(sat), "%lld", (long long)run_at);
	p[0] = sid;
	p[1] = by;
	p[2] = sat;
	p[3] = err != NULL && *err != '\0' ? err : "failed";
	p[4] = dead ? "true" : "false";
	if ((rc = db_exec(db, &stmts[JOBS_RETRY], p, &res)) != DB_OK)
		return rc;
	*is_dead = PQntuples(res) == 1 &&
	    strcmp(PQgetvalue(res, 0, 0), "dead") == 0;
	PQclear(res);
	return DB_OK;
}

enum db_status
jobs_stats(struct db *db, struct arena *a, struct job_stat **out, size_t *n)
{
	struct job_stat	*v;
	PGresult	*res;
	enum db_status	 rc;
	int		 i, nt;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec_arena(db, a, &stmts[JOBS_STATS], NULL, &res)) != DB_OK)
		return rc;
	if (PQnfields(res) != 6)
		abort();
	nt = PQntuples(res);
	v = arena_calloc(a, (size_t)nt + 1, sizeof(*v));
	for (i = 0; i < nt; i++) {
		v[i].kind = arena_strdup(a, db_col(res, i, 0));
		v[i].state = arena_strdup(a, db_col(res, i, 1));
		v[i].n = db_col_i64(res, i, 2);
		v[i].oldest_ready_s = db_col_i64(res, i, 3);
		v[i].runs = db_col_i64(res, i, 4);
		v[i].failures = db_col_i64(res, i, 5);
	}
	*out = v;
	*n = (size_t)nt;
	return DB_OK;
}
