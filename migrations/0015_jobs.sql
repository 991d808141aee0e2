-- The job table (the outbox and the timers) that `motcua jobs` works
-- through, the dossiers' escalation mark, and what the system actor
-- (motcua.kind 'system': the jobs process, core/actor.h ACTOR_SYSTEM)
-- may reach.  See docs/jobs.md.
--
-- A job is written in the transaction of what causes it (a transition
-- and its notification commit together), claimed with FOR UPDATE SKIP
-- LOCKED by one process at a time under a lease (locked_until), and
-- retried with backoff until max_attempts, then 'dead' with its last
-- error.  dedupe_key makes a retried request, or a state entered again,
-- enqueue nothing twice.

CREATE TABLE jobs (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind		text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9._-]{0,63}$'),
	payload		jsonb NOT NULL DEFAULT '{}',
	dedupe_key	text UNIQUE CHECK (length(dedupe_key) <= 200),
	state		text NOT NULL DEFAULT 'ready'
			CHECK (state IN ('ready', 'running', 'done', 'dead')),
	run_at		timestamptz NOT NULL,
	attempts	int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
	max_attempts	int NOT NULL DEFAULT 8 CHECK (max_attempts > 0),
	last_error	text CHECK (length(last_error) <= 1000),
	locked_by	text CHECK (length(locked_by) <= 200),
	locked_until	timestamptz,
	created_at	timestamptz NOT NULL DEFAULT now(),
	done_at		timestamptz,
	CHECK ((state = 'running') = (locked_until IS NOT NULL))
);

-- What a claim scans: ready jobs by time, and running ones whose lease
-- ran out.
CREATE INDEX jobs_ready_idx ON jobs (run_at) WHERE state = 'ready';
CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE state = 'running';

-- Wake the jobs processes when the enqueuing transaction commits
-- (NOTIFY is delivered at commit, and not at all on a rollback).
CREATE FUNCTION jobs_wake() RETURNS trigger LANGUAGE plpgsql
AS $$ BEGIN PERFORM pg_notify('motcua_jobs', NEW.kind); RETURN NULL; END $$;

CREATE TRIGGER jobs_wake AFTER INSERT ON jobs
	FOR EACH ROW EXECUTE FUNCTION jobs_wake();

-- Enqueue, in the caller's transaction: the id, or NULL when a job of
-- this dedupe_key exists (in any state).  The requests' contexts may
-- add jobs but never read them, hence a function of the owner's.
CREATE FUNCTION jobs_add(k text, p jsonb, key text, at timestamptz)
RETURNS bigint LANGUAGE sql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$ INSERT INTO jobs (kind, payload, dedupe_key, run_at)
	VALUES (k, p, key, at) ON CONFLICT (dedupe_key) DO NOTHING
	RETURNING id $$;

REVOKE EXECUTE ON FUNCTION jobs_add(text, jsonb, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jobs_add(text, jsonb, text, timestamptz)
	TO motcua_web;

-- Counters of what the processes did, for /metrics (a job's row keeps
-- only its last error).
CREATE TABLE job_counters (
	kind		text PRIMARY KEY,
	runs		bigint NOT NULL DEFAULT 0,
	failures	bigint NOT NULL DEFAULT 0
);

-- Queue depth by kind and state, the oldest ready job's age (by its
-- run_at, at the database's clock), runs, failures.  Read by
-- `motcua jobs --stats` and /metrics.  A view runs as its owner: the
-- server's role reads these numbers, not the jobs.
CREATE VIEW job_stats AS
SELECT k.kind, s.state,
    count(j.id) AS n,
    coalesce(extract(epoch FROM now() - min(j.run_at)
	FILTER (WHERE j.state = 'ready' AND j.run_at <= now())), 0)::bigint
	AS oldest_ready_s,
    coalesce(max(c.runs), 0) AS runs,
    coalesce(max(c.failures), 0) AS failures
FROM (SELECT DISTINCT kind FROM jobs UNION SELECT kind FROM job_counters) k
CROSS JOIN (VALUES ('ready'), ('running'), ('done'), ('dead')) s (state)
LEFT JOIN jobs j ON j.kind = k.kind AND j.state = s.state
LEFT JOIN job_counters c ON c.kind = k.kind
GROUP BY k.kind, s.state;

-- Escalated: the dossier is marked overdue on every inbox (a timer of
-- kind escalate, app/timers.c).
ALTER TABLE dossiers ADD COLUMN escalated_at timestamptz;

-- ---- the server's role --------------------------------------------

-- Requests enqueue through jobs_add (their notifications, their
-- timers); the system actor claims, completes and reschedules.  The web
-- role never deletes a job.
GRANT SELECT, UPDATE ON jobs TO motcua_web;
GRANT SELECT, INSERT, UPDATE ON job_counters TO motcua_web;
GRANT SELECT ON job_stats TO motcua_web;
GRANT SELECT (escalated_at) ON dossiers TO motcua_web;
GRANT UPDATE (escalated_at) ON dossiers TO motcua_web;

ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;

CREATE POLICY jobs_work ON jobs FOR SELECT TO motcua_web
USING (ctx_kind() = 'system');

CREATE POLICY jobs_run ON jobs FOR UPDATE TO motcua_web
USING (ctx_kind() = 'system');

ALTER TABLE job_counters ENABLE ROW LEVEL SECURITY;

CREATE POLICY job_counters_system ON job_counters FOR ALL TO motcua_web
USING (ctx_kind() = 'system') WITH CHECK (ctx_kind() = 'system');

-- The system actor (the timers) reads every dossier, writes its own
-- events on them (no user, kind 'system') and marks them escalated.
CREATE POLICY dossiers_system_see ON dossiers FOR SELECT TO motcua_web
USING (ctx_kind() = 'system');

CREATE POLICY dossiers_system_change ON dossiers FOR UPDATE TO motcua_web
USING (ctx_kind() = 'system');

CREATE POLICY events_system_write ON dossier_events FOR INSERT TO motcua_web
WITH CHECK (ctx_kind() = 'system' AND actor_kind = 'system' AND
    actor_id IS NULL AND
    EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id));
