-- The second wall: the server's own database role, and row-level
-- security keyed to who is asking.
--
-- `motcua serve` connects as motcua_web, a role that owns nothing: it
-- cannot ALTER or DROP a table, disable the audit log's triggers, or
-- UPDATE, DELETE or TRUNCATE the audit log.  The owner (the role that
-- runs these migrations and the `motcua` commands: users, units, demo)
-- is not subject to row-level security; motcua_web is.  The role must
-- exist before this file runs (scripts/lib.sh creates it; README,
-- "Production").
--
-- Each request sets, once it knows who is asking (web/session.c, through
-- db_context in store/db.c), the settings motcua.kind ('citizen',
-- 'staff', 'inspector', 'partner' or 'anonymous'), motcua.user_id and
-- motcua.unit_id.  The policies below let its statements see and change
-- only the rows that person may, even if a statement forgot to say so:
--   citizen    the dossiers they filed; their pupils' records
--   staff      the dossiers their unit received, holds or held
--   partner    (a token with dossiers:read) as staff for its unit, or
--              every dossier but no attachment when it names none (the
--              first wall shows it no personal data); never writes
--   inspector  every dossier; never writes
--   anonymous  nothing (the public lookup goes through dossier_lookup)
-- No setting, or an unknown kind, sees nothing.

CREATE FUNCTION ctx_kind() RETURNS text LANGUAGE sql STABLE
AS $$ SELECT nullif(current_setting('motcua.kind', true), '') $$;

CREATE FUNCTION ctx_user() RETURNS bigint LANGUAGE sql STABLE
AS $$ SELECT nullif(current_setting('motcua.user_id', true), '')::bigint $$;

CREATE FUNCTION ctx_unit() RETURNS bigint LANGUAGE sql STABLE
AS $$ SELECT nullif(current_setting('motcua.unit_id', true), '')::bigint $$;

-- Has the unit held the dossier or acted on it?  Every event names the
-- holder after it.  It reads dossier_events as the owner: the events'
-- own policy asks whether their dossier is visible, and a policy of
-- dossiers reading them through it would go round in a circle.
CREATE FUNCTION unit_handled(dossier bigint, unit bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
	SELECT EXISTS (SELECT 1 FROM dossier_events
	    WHERE dossier_id = dossier AND
	    (holder_unit_id = unit OR actor_unit_id = unit))
$$;

-- Is this dossier the unit's: received, held now, or held before?
CREATE FUNCTION unit_sees(unit bigint, id bigint, received_by bigint,
    holder bigint) RETURNS boolean LANGUAGE sql STABLE
AS $$
	SELECT unit IS NOT NULL AND (received_by = unit OR holder = unit OR
	    unit_handled(id, unit))
$$;

REVOKE ALL ON FUNCTION unit_handled(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION unit_handled(bigint, bigint) TO motcua_web;

-- The public lookup: a dossier's status by its code and the SHA-256 of
-- code || PIN (core/dossier.c), nothing when they do not match.  No
-- personal data, and the PIN's hash never leaves the database.
CREATE FUNCTION dossier_lookup(c text, h bytea)
RETURNS TABLE (code text, service text, state text, status int,
    received_at bigint, due_at bigint, completed_at bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
	SELECT d.code, d.service, d.state, d.status,
	    extract(epoch FROM d.received_at)::bigint,
	    extract(epoch FROM d.due_at)::bigint,
	    extract(epoch FROM d.completed_at)::bigint
	FROM dossiers d WHERE d.code = c AND d.pin_hash = h
$$;

REVOKE ALL ON FUNCTION dossier_lookup(text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dossier_lookup(text, bytea) TO motcua_web;

-- The public lookup's throttle: failed lookups (audited) from one
-- address and of one dossier code within the last secs seconds, and in
-- how many seconds the oldest of each leaves the window.  Counts only:
-- the server's role does not read the audit log.  Called inside the
-- lookup's transaction, it first takes a lock per address and per code
-- until that transaction ends (web/dossier_uc.c, uc_lookup), so that
-- parallel guesses are counted one after the other.
CREATE FUNCTION lookup_failures(addr text, obj text, secs int)
RETURNS TABLE (by_address bigint, retry_address int, by_object bigint,
    retry_object int)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
	SELECT pg_advisory_xact_lock(hashtext('lookup-address:' || addr));
	SELECT pg_advisory_xact_lock(hashtext('lookup-object:' || obj));
	SELECT a.n, a.r, b.n, b.r FROM
	(SELECT count(*) AS n, coalesce(ceil(extract(epoch FROM min(at) +
	    make_interval(secs => secs) - now())), 0)::int AS r
	    FROM audit_log WHERE action = 'lookup.failed' AND ip = addr AND
	    at > now() - make_interval(secs => secs)) a,
	(SELECT count(*) AS n, coalesce(ceil(extract(epoch FROM min(at) +
	    make_interval(secs => secs) - now())), 0)::int AS r
	    FROM audit_log WHERE action = 'lookup.failed' AND object = obj AND
	    at > now() - make_interval(secs => secs)) b
$$;

REVOKE ALL ON FUNCTION lookup_failures(text, text, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_failures(text, text, int) TO motcua_web;

-- ---- what the server's role may do at all --------------------------

GRANT USAGE ON SCHEMA public TO motcua_web;
-- Not grades: nothing the server does reads them yet.
GRANT SELECT ON units, staff_roles, partner_tokens, definitions, students,
    student_guardians TO motcua_web;
GRANT SELECT, INSERT ON users TO motcua_web;
-- Registration answers an existing citizen ID as it answers a new one,
-- and spends an id the same way (accounts.c, ACCT_ID_BURN).
GRANT USAGE ON SEQUENCE users_id_seq TO motcua_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, signin_failures
    TO motcua_web;
-- The audit log: appended to, never read (the lookup's throttle counts
-- failures through lookup_failures below).
GRANT INSERT ON audit_log TO motcua_web;
GRANT SELECT, INSERT ON definitions, dossier_events, attachments
    TO motcua_web;
GRANT SELECT, INSERT, UPDATE ON dossier_counters TO motcua_web;
-- A dossier's identity never changes once filed: who filed it, where,
-- its code, service, version, PIN and key.  Only its progress and (on a
-- supplement) its data do.  Nor is the PIN's hash ever read back: only
-- dossier_lookup compares it.
GRANT INSERT ON dossiers TO motcua_web;
GRANT SELECT (id, code, service, version, applicant_id, unit_id,
    holder_unit_id, state, status, data, pin_salt, channel, received_at,
    due_at, completed_at, paused, idempotency_key, rev) ON dossiers
    TO motcua_web;
GRANT UPDATE (state, status, holder_unit_id, due_at, completed_at, paused,
    data, rev) ON dossiers TO motcua_web;

-- ---- dossiers --------------------------------------------------------

ALTER TABLE dossiers ENABLE ROW LEVEL SECURITY;

CREATE POLICY dossiers_see ON dossiers FOR SELECT TO motcua_web
USING (CASE ctx_kind()
	WHEN 'citizen' THEN applicant_id = ctx_user()
	WHEN 'staff' THEN unit_sees(ctx_unit(), id, unit_id, holder_unit_id)
	WHEN 'partner' THEN ctx_unit() IS NULL OR
	    unit_sees(ctx_unit(), id, unit_id, holder_unit_id)
	WHEN 'inspector' THEN true
	ELSE false END);

CREATE POLICY dossiers_file ON dossiers FOR INSERT TO motcua_web
WITH CHECK (ctx_kind() = 'citizen' AND applicant_id = ctx_user());

-- A change by staff may route the dossier to another unit: the new row
-- stays theirs through unit_handled (they held it).
CREATE POLICY dossiers_change ON dossiers FOR UPDATE TO motcua_web
USING (CASE ctx_kind()
	WHEN 'citizen' THEN applicant_id = ctx_user()
	WHEN 'staff' THEN unit_sees(ctx_unit(), id, unit_id, holder_unit_id)
	ELSE false END);

-- ---- events and attachments: those of a visible dossier -------------

ALTER TABLE dossier_events ENABLE ROW LEVEL SECURITY;

-- A citizen's own event is visible to them as it is written: the
-- submission's first event is inserted in the statement that inserts
-- the dossier, which that statement's snapshot does not yet show.
CREATE POLICY events_see ON dossier_events FOR SELECT TO motcua_web
USING ((ctx_kind() = 'citizen' AND actor_kind = 'citizen' AND
	actor_id = ctx_user()) OR
    EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id));

-- Events are written by who they name, on a dossier they may see: an
-- event naming a unit as holder or actor opens the dossier to that unit
-- (unit_handled).  The one exception is a submission's first event,
-- written in the statement that inserts the dossier, which that
-- statement does not yet see: a dossier has one 'submit' event (the
-- unique index), so it cannot be used on another's.
CREATE UNIQUE INDEX dossier_events_one_submit ON dossier_events (dossier_id)
	WHERE action = 'submit';

CREATE POLICY events_write ON dossier_events FOR INSERT TO motcua_web
WITH CHECK (actor_id = ctx_user() AND CASE ctx_kind()
	WHEN 'citizen' THEN actor_kind = 'citizen' AND
	    ((action = 'submit' AND from_state IS NULL) OR
	    EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id))
	WHEN 'staff' THEN actor_kind = 'staff' AND
	    actor_unit_id = ctx_unit() AND
	    EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id)
	ELSE false END);

-- The day's counters advance only with a citizen's submission.
ALTER TABLE dossier_counters ENABLE ROW LEVEL SECURITY;

CREATE POLICY counters_file ON dossier_counters FOR ALL TO motcua_web
USING (ctx_kind() = 'citizen') WITH CHECK (ctx_kind() = 'citizen');

ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;

-- Not to a partner that names no unit: it follows progress only.
CREATE POLICY attachments_see ON attachments FOR SELECT TO motcua_web
USING (NOT (ctx_kind() = 'partner' AND ctx_unit() IS NULL) AND
    EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id));

CREATE POLICY attachments_add ON attachments FOR INSERT TO motcua_web
WITH CHECK (ctx_kind() IN ('citizen', 'staff') AND
    EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id));

-- ---- records the state holds: pupils and their grades ---------------
-- A citizen sees the pupils linked to their citizen ID (themselves, or
-- as parent or guardian), to file for them; nobody else, until a use
-- needs it (grades are not even granted).

CREATE FUNCTION pupil_of_user(pupil text, u bigint) RETURNS boolean
LANGUAGE sql STABLE
AS $$
	SELECT EXISTS (SELECT 1 FROM student_guardians g
	    JOIN users a ON a.cccd = g.cccd
	    WHERE g.student_code = pupil AND a.id = u)
$$;

ALTER TABLE students ENABLE ROW LEVEL SECURITY;

CREATE POLICY students_see ON students FOR SELECT TO motcua_web
USING (ctx_kind() = 'citizen' AND pupil_of_user(code, ctx_user()));

ALTER TABLE grades ENABLE ROW LEVEL SECURITY;

CREATE POLICY grades_see ON grades FOR SELECT TO motcua_web
USING (EXISTS (SELECT 1 FROM students s WHERE s.code = student_code));
