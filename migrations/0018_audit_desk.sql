-- The inspector's desk: who acted in which unit and role, and reading
-- the trail.
--
-- Every entry now says, besides the actor's id and kind, the unit they
-- acted for and their roles there (staff: the catalogue's role ids,
-- comma-separated), so that an inspector needs no join with tables that
-- change later (a clerk moved to another school keeps the unit of the
-- day in the entry).
--
-- motcua_web still cannot SELECT audit_log: it reads it only through
-- audit_search, which answers nothing unless the request's context
-- (migrations/0007_web_role.sql, ctx_kind) is an inspector's.

ALTER TABLE audit_log ADD COLUMN actor_unit_id bigint,
    ADD COLUMN actor_role text;

CREATE INDEX audit_log_object_idx ON audit_log (object, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id);

-- Entries matching every filter given (NULL: any), with ids after
-- `after`, in id order, at most lim (1 .. 200).  obj: the whole object
-- ("dossier:CODE"); who: a user's id (digits) or login (username or
-- CCCD); unit: the actor's unit code; act: a prefix of the action;
-- t0 <= at < t1 in Unix seconds.
CREATE FUNCTION audit_search(obj text, who text, unit text, act text,
    t0 bigint, t1 bigint, after bigint, lim int)
RETURNS TABLE (id bigint, at text, actor_id bigint, actor_login text,
    actor_name text, actor_kind text, actor_unit text, actor_role text,
    action text, object text, detail text, request_id text, ip text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
	SELECT a.id,
	    to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
	    a.actor_id,
	    CASE WHEN a.actor_kind IN ('citizen', 'staff', 'inspector')
		THEN coalesce(u.username, u.cccd) END,
	    CASE WHEN a.actor_kind IN ('citizen', 'staff', 'inspector')
		THEN u.full_name END,
	    a.actor_kind, n.code, a.actor_role, a.action, a.object,
	    a.detail::text, a.request_id, a.ip
	FROM audit_log a
	LEFT JOIN users u ON u.id = a.actor_id
	LEFT JOIN units n ON n.id = a.actor_unit_id
	WHERE ctx_kind() = 'inspector'
	AND (obj IS NULL OR a.object = obj)
	AND (who IS NULL OR CASE WHEN who ~ '^[0-9]{1,18}$' AND
	    length(who) <> 12 THEN a.actor_id = who::bigint
	    ELSE a.actor_kind IN ('citizen', 'staff', 'inspector') AND
	    a.actor_id = (SELECT x.id FROM users x WHERE x.username = who OR
		x.cccd = who) END)
	AND (unit IS NULL OR a.actor_unit_id =
	    (SELECT x.id FROM units x WHERE x.code = unit))
	AND (act IS NULL OR left(a.action, length(act)) = act)
	AND (t0 IS NULL OR a.at >= to_timestamp(t0))
	AND (t1 IS NULL OR a.at < to_timestamp(t1))
	AND (after IS NULL OR a.id > after)
	ORDER BY a.id
	LIMIT least(greatest(coalesce(lim, 50), 1), 200)
$$;

REVOKE ALL ON FUNCTION audit_search(text, text, text, text, bigint, bigint,
    bigint, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_search(text, text, text, text, bigint,
    bigint, bigint, int) TO motcua_web;
