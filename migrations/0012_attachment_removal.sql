-- A supplement may replace or remove files, not only add them: a file
-- it removes stays, for the audit trail (staff still see and download
-- it), marked with the event that removed it.  removed_by is NULL
-- while the file is part of the application.
ALTER TABLE attachments
	ADD COLUMN removed_by bigint REFERENCES dossier_events (id);

CREATE INDEX attachments_current_idx ON attachments (dossier_id, id)
	WHERE removed_by IS NULL;

-- The server's role changes that column only (a file's bytes, name and
-- owner never change), and only as the applicant answering a
-- supplement: on a file of their own dossier that is current, to an
-- event of that same dossier written by them.  A removal is never
-- undone through this role (from NULL only).
GRANT UPDATE (removed_by) ON attachments TO motcua_web;

CREATE POLICY attachments_remove ON attachments FOR UPDATE TO motcua_web
USING (removed_by IS NULL AND ctx_kind() = 'citizen' AND
    EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id AND
	d.applicant_id = ctx_user()))
WITH CHECK (ctx_kind() = 'citizen' AND EXISTS (SELECT 1 FROM dossier_events e
    WHERE e.id = removed_by AND e.dossier_id = attachments.dossier_id AND
	e.actor_kind = 'citizen' AND e.actor_id = ctx_user()));
