-- A dossier's revision: 0 when filed, one more at every change
-- (dossiers.c's dossiers_update).  A change applies only to the
-- revision it was decided on: comparing the state alone would let a
-- stale decision through once the dossier came back to that state
-- (send_back, then a resubmission).
ALTER TABLE dossiers ADD COLUMN rev integer NOT NULL DEFAULT 0;

-- A submission's first read is its applicant's dossier by Idempotency-
-- Key: the unique index on (applicant_id, idempotency_key).  With a
-- second index led by applicant_id, a plan made while the table was
-- empty (a new database) could take that one and read every dossier of
-- the applicant on every submission.  The unique index serves the
-- citizen's own list as well (their dossiers, then sorted).
DROP INDEX dossiers_applicant_idx;
