-- The collations the server's statements name: PostgreSQL's ICU
-- collations for Vietnamese and English alphabetical order (the school
-- picker, store/accounts.c acct_unit_pick).  A server prepares every
-- statement when it connects; without them no statement would be
-- prepared and every page would answer 503.  Debian's PostgreSQL has
-- them; say so here, when migrating, rather than there.
DO $$
BEGIN
	IF (SELECT count(*) FROM pg_collation
	    WHERE collname IN ('vi-x-icu', 'en-x-icu')) <> 2 THEN
		RAISE EXCEPTION 'this PostgreSQL has no ICU collations vi-x-icu and en-x-icu: use a PostgreSQL built with ICU (Debian''s is), or import them with pg_import_system_collations';
	END IF;
END
$$;
