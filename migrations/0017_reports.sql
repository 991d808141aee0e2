-- The periodic report on one-stop processing (Circular 01/2020/TT-VPCP,
-- form 06) and the Decision 766/QĐ-TTg indicators: docs/statistics.md
-- defines every figure and the period boundary rule.
--
-- report_facts() reduces the dossiers of a unit (and, if asked, of the
-- units under it) that concern a period [from, to) to groups of dossiers
-- sharing the same facts: where each one stands against the period's
-- bounds and its due time, its outcome, its supplements, whether it
-- had a fee and paid it online, an electronic result, attached files,
-- its rating.  core/report.c turns the groups into the report's
-- columns: the rules live there; this only compares timestamps, so
-- that a year of a department is one pass over its rows.
--
-- What the definitions know and the table does not (which states ask
-- for a supplement or a fee, which actions issue the result) comes in
-- as 'service/state' and 'service/action' lists built from the
-- compiled definitions (app/report.c).  Paid online: the dossier left
-- a fee state (status 6) by an action that no staff member took (the
-- payment gateway's notification, or the citizen); when the payments
-- table exists, this is the one place to read it instead.
--
-- It runs as the owner (SECURITY DEFINER): a head of a department must
-- count the dossiers of schools whose rows row-level security hides
-- from them, and a year of them must not be checked row by row.  So it
-- checks the asker itself: an inspector, or staff holding one of the
-- reporting roles, in the unit reported on or a unit above it.

-- Is unit u the unit a or under it?
CREATE FUNCTION unit_within(u bigint, a bigint) RETURNS boolean
LANGUAGE sql STABLE SET search_path = public, pg_temp
AS $$
	WITH RECURSIVE up (id, parent_id) AS (
		SELECT id, parent_id FROM units WHERE id = u
		UNION ALL
		SELECT p.id, p.parent_id FROM units p JOIN up ON p.id = up.parent_id
	)
	SELECT a IS NOT NULL AND EXISTS (SELECT 1 FROM up WHERE id = a)
$$;

CREATE FUNCTION report_facts(p_unit bigint, p_sub boolean, p_from timestamptz,
    p_to timestamptz, p_service text, p_roles text[], p_supp text[], p_fee text[],
    p_results text[])
RETURNS TABLE (service text, channel int, carried boolean, done boolean,
    status int, day_cmp int, after_due boolean, overdue boolean,
    paused boolean, supplements int, e_result boolean, has_fee boolean,
    paid boolean, files boolean, rating text, n bigint, work bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    SET work_mem = '64MB'
AS $$
	WITH RECURSIVE allowed AS (
		SELECT ctx_kind() = 'inspector' OR (ctx_kind() = 'staff' AND
		    unit_within(p_unit, ctx_unit()) AND EXISTS (SELECT 1
		    FROM staff_roles r WHERE r.user_id = ctx_user() AND
		    r.role = ANY (p_roles))) AS ok
	), u (id) AS (
		SELECT p_unit WHERE (SELECT ok FROM allowed)
		UNION ALL
		SELECT c.id FROM units c JOIN u ON c.parent_id = u.id
		WHERE p_sub
	), d AS (
		SELECT d.id, d.service, d.channel, d.status, d.received_at,
		    d.due_at, d.completed_at, d.paused, d.rating FROM dossiers d
		WHERE d.unit_id IN (SELECT id FROM u) AND d.received_at < p_to AND
		    (d.completed_at IS NULL OR d.completed_at >= p_from) AND
		    (p_service IS NULL OR d.service = p_service)
	), names AS (
		SELECT ARRAY(SELECT split_part(x, '/', 2)
		    FROM unnest(p_supp || p_fee) x) AS states,
		    ARRAY(SELECT split_part(x, '/', 2) FROM unnest(p_results) x)
		    AS actions
	), e AS (
		SELECT e.dossier_id,
		    count(*) FILTER (WHERE d.service || '/' || e.to_state =
			ANY (p_supp) AND e.at < p_to AND
			e.from_state IS DISTINCT FROM e.to_state) AS supp,
		    bool_or(d.service || '/' || e.to_state = ANY (p_fee)) AS fee,
		    bool_or(d.service || '/' || e.from_state = ANY (p_fee) AND
			NOT d.service || '/' || e.to_state = ANY (p_fee) AND
			e.actor_kind <> 'staff') AS paid,
		    bool_or(d.service || '/' || e.action = ANY (p_results))
			AS result
		FROM names, d JOIN dossier_events e ON e.dossier_id = d.id
		-- The names alone first: most events are none of these.
		WHERE (e.to_state = ANY (names.states) OR
		    e.from_state = ANY (names.states) OR
		    e.action = ANY (names.actions)) AND
		    (d.service || '/' || e.to_state = ANY (p_supp || p_fee) OR
		    d.service || '/' || e.from_state = ANY (p_fee) OR
		    d.service || '/' || e.action = ANY (p_results))
		GROUP BY e.dossier_id
	), f AS (
		SELECT d.service, d.channel, d.received_at < p_from AS carried,
		    d.completed_at < p_to AS done,
		    CASE WHEN d.completed_at < p_to THEN d.status ELSE 0 END
			AS status,
		    CASE WHEN d.completed_at < p_to AND d.due_at IS NOT NULL THEN
			sign((d.completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date -
			(d.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::int
			END AS day_cmp,
		    coalesce(d.completed_at < p_to AND d.completed_at > d.due_at,
			false) AS after_due,
		    coalesce(NOT d.completed_at < p_to, true) AND
			coalesce(d.due_at < p_to, false) AS overdue,
		    coalesce(NOT d.completed_at < p_to, true) AND
			d.paused <> '[]' AND EXISTS (SELECT 1 FROM
			jsonb_array_elements(d.paused) p WHERE
			(p->>0)::bigint < extract(epoch FROM p_to) AND
			(p->>1 IS NULL OR
			(p->>1)::bigint > extract(epoch FROM p_to))) AS paused,
		    least(coalesce(e.supp, 0), 2)::int AS supplements,
		    coalesce(e.result, false) AS e_result,
		    coalesce(e.fee, false) AS has_fee,
		    coalesce(e.paid, false) AS paid,
		    EXISTS (SELECT 1 FROM attachments a
			WHERE a.dossier_id = d.id) AS files,
		    d.rating,
		    CASE WHEN d.completed_at >= p_from AND d.completed_at < p_to THEN
			extract(epoch FROM d.completed_at - d.received_at)::bigint -
			CASE WHEN d.paused = '[]' THEN 0 ELSE (SELECT
			coalesce(sum((p->>1)::bigint - (p->>0)::bigint), 0)
			FROM jsonb_array_elements(d.paused) p
			WHERE p->>1 IS NOT NULL) END END AS work
		FROM d LEFT JOIN e ON e.dossier_id = d.id
	-- Grouped by one packed key: a hash of three columns, where fifteen
	-- make the planner expect too many groups and sort every row.
	), k AS (
		SELECT service, rating, work, channel |
		    (carried::int << 2) | (coalesce(done, false)::int << 3) |
		    (status << 4) | (coalesce(day_cmp + 2, 0) << 8) |
		    (after_due::int << 10) | (overdue::int << 11) |
		    (paused::int << 12) | (supplements << 13) |
		    (e_result::int << 15) | (has_fee::int << 16) |
		    (paid::int << 17) | (files::int << 18) AS k
		FROM f
	), g AS (
		SELECT service, rating, k, count(*) AS n,
		    coalesce(sum(work), 0)::bigint AS work
		FROM k GROUP BY service, rating, k
	)
	SELECT service, k & 3, (k & 4) <> 0, (k & 8) <> 0, (k >> 4) & 15,
	    nullif((k >> 8) & 3, 0) - 2, (k & 1024) <> 0, (k & 2048) <> 0,
	    (k & 4096) <> 0, (k >> 13) & 3, (k & 32768) <> 0,
	    (k & 65536) <> 0, (k & 131072) <> 0, (k & 262144) <> 0, rating,
	    n, work
	FROM g ORDER BY service
$$;

REVOKE ALL ON FUNCTION report_facts(bigint, boolean, timestamptz,
    timestamptz, text, text[], text[], text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION report_facts(bigint, boolean, timestamptz,
    timestamptz, text, text[], text[], text[], text[]) TO motcua_web;
GRANT EXECUTE ON FUNCTION unit_within(bigint, bigint) TO motcua_web;

-- The dossiers of a unit that concern a period: received before its
-- end, and not completed before its start.
CREATE INDEX dossiers_unit_received_idx ON dossiers (unit_id, received_at);
