-- The citizen's rating of a completed dossier: the satisfaction figure
-- of the periodic report on one-stop processing (very satisfied,
-- satisfied, not satisfied; DOMAIN.md "Statistics").
--
-- A dossier is rated once, by its applicant, after it is closed (a
-- final state: completed_at is set) and not withdrawn (status 7: the
-- citizen ended it; no service was given to rate).  The rating commits
-- with its dossier event (action 'rate', from_state = to_state) and its
-- audit entry (web/dossier_rate.c, store/dossiers.c DOSSIERS_RATE).
-- Number 0008: 0007 is the web role's (row-level security).
ALTER TABLE dossiers
	ADD COLUMN rating text
	    CHECK (rating IN ('very-satisfied', 'satisfied', 'dissatisfied')),
	ADD COLUMN rating_comment text CHECK (length(rating_comment) <= 1000),
	ADD COLUMN rated_at timestamptz,
	ADD CONSTRAINT dossiers_rating_complete CHECK ((rating IS NULL) =
	    (rated_at IS NULL) AND (rating_comment IS NULL OR rating IS NOT NULL)),
	ADD CONSTRAINT dossiers_rating_closed CHECK (rating IS NULL OR
	    (completed_at IS NOT NULL AND status <> 7));

-- The server's role (0007_web_role.sql) reads them, and writes them only.
GRANT SELECT (rating, rating_comment, rated_at),
    UPDATE (rating, rating_comment, rated_at) ON dossiers TO motcua_web;
