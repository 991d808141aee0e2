-- Throttles that stop the guessers, not their targets, and a retried
-- submission that must be the same request.

-- ---- a submission's request ------------------------------------------
-- The SHA-256 (hex) of the request that filed the dossier, as
-- normalised (fcgi/app/idem.c).  The same Idempotency-Key with another
-- request is refused (422) instead of answered with this dossier's
-- receipt.  NULL for a dossier filed before this column: nothing to
-- compare, answered as before.
ALTER TABLE dossiers ADD COLUMN request_hash text
	CHECK (request_hash ~ '^[0-9a-f]{64}$');

-- Inserted with the dossier (INSERT is granted on the whole table),
-- read back on a retry; never changed.
GRANT SELECT (request_hash) ON dossiers TO motcua_web;

-- ---- the public lookup -----------------------------------------------
-- Counted per code alone, ten wrong guesses from anywhere shut out the
-- owner with the right PIN (0007's lookup_failures).  Now the failures
-- are counted per address, per code from this address, and per code
-- from anywhere; fcgi/app/dossier.c says what each allows.  Counts
-- only, as before: the server's role does not read the audit log.
-- The locks (per address, then per code) are taken in the lookup's
-- transaction and held until it ends.
DROP FUNCTION lookup_failures(text, text, int);

CREATE FUNCTION lookup_failures(addr text, obj text, secs int)
RETURNS TABLE (by_address bigint, retry_address int, by_pair bigint,
    retry_pair int, by_object bigint, retry_object int)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
	SELECT pg_advisory_xact_lock(hashtext('lookup-address:' || addr));
	SELECT pg_advisory_xact_lock(hashtext('lookup-object:' || obj));
	WITH f AS (SELECT ip, object, at FROM audit_log
	    WHERE action = 'lookup.failed' AND (ip = addr OR object = obj) AND
	    at > now() - make_interval(secs => secs))
	SELECT a.n, a.r, p.n, p.r, o.n, o.r FROM
	(SELECT count(*) AS n, coalesce(ceil(extract(epoch FROM min(at) +
	    make_interval(secs => secs) - now())), 0)::int AS r
	    FROM f WHERE ip = addr) a,
	(SELECT count(*) AS n, coalesce(ceil(extract(epoch FROM min(at) +
	    make_interval(secs => secs) - now())), 0)::int AS r
	    FROM f WHERE ip = addr AND object = obj) p,
	(SELECT count(*) AS n, coalesce(ceil(extract(epoch FROM min(at) +
	    make_interval(secs => secs) - now())), 0)::int AS r
	    FROM f WHERE object = obj) o
$$;

REVOKE ALL ON FUNCTION lookup_failures(text, text, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_failures(text, text, int) TO motcua_web;

-- ---- anonymous refusals in the audit log -------------------------------
-- Anyone can be refused, as often as they like, and the audit log is
-- append-only: audited anonymous refusals are limited per address and
-- minute (fcgi/app/audit.c), the others only counted (/metrics).  One
-- row per address: the refusals of its latest minute.  Rows of
-- addresses not seen for a day are removed as refusals come in.
CREATE TABLE refusal_counts (
	address		text PRIMARY KEY,
	minute		timestamptz NOT NULL,
	n		int NOT NULL CHECK (n >= 1)
);

CREATE INDEX refusal_counts_minute_idx ON refusal_counts (minute);

GRANT SELECT, INSERT, UPDATE, DELETE ON refusal_counts TO motcua_web;
