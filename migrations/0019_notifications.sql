-- Notifications: an outbox written in the transaction of the event that
-- causes it, and the confirmation of a citizen's phone or email by a
-- one-time code sent through the same outbox (docs/notifications.md).
--
-- One row per message: a dossier's event told to its applicant by email
-- or SMS, or a contact code.  Its text is rendered when the row is
-- written (templates/notifications/KIND.xml, in the citizen's language),
-- so that what was sent is what the citizen's page shows, and its
-- Message-ID is fixed then: a retried delivery is the same message.

-- The citizen's language, and when each contact was confirmed.
ALTER TABLE users
	ADD COLUMN lang text NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
	ADD COLUMN phone_confirmed_at timestamptz,
	ADD COLUMN email_confirmed_at timestamptz;

CREATE TABLE notifications (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier_id	bigint REFERENCES dossiers (id),
	event_id	bigint REFERENCES dossier_events (id),
	account_id	bigint NOT NULL REFERENCES users (id),
	channel		text NOT NULL CHECK (channel IN ('email', 'sms')),
	address		text NOT NULL CHECK (address <> '' AND
			    length(address) <= 254),
	lang		text NOT NULL CHECK (lang IN ('vi', 'en')),
	kind		text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,63}$'),
	subject		text CHECK (length(subject) <= 500),
	body		text NOT NULL CHECK (length(body) <= 8000),
	-- Written as RANDOM@DOMAIN; the trigger below makes it
	-- <notification-ID.RANDOM@DOMAIN>, once.
	message_id	text NOT NULL UNIQUE,
	state		text NOT NULL DEFAULT 'pending'
			CHECK (state IN ('pending', 'sent', 'failed', 'retrying')),
	attempts	int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
	next_at		timestamptz NOT NULL,
	last_error	text CHECK (length(last_error) <= 500),
	created_at	timestamptz NOT NULL,
	sent_at		timestamptz,
	CHECK ((state = 'sent') = (sent_at IS NOT NULL)),
	CHECK (channel <> 'email' OR subject IS NOT NULL)
);

CREATE INDEX notifications_due_idx ON notifications (next_at)
	WHERE state IN ('pending', 'retrying');
CREATE INDEX notifications_dossier_idx ON notifications (dossier_id, id);
CREATE INDEX notifications_account_idx ON notifications (account_id, id);

CREATE FUNCTION notifications_message_id() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.message_id !~ '^[0-9a-f]{16,64}@[A-Za-z0-9.-]+$' THEN
		RAISE EXCEPTION 'notifications: bad message_id seed'
		    USING ERRCODE = 'check_violation';
	END IF;
	NEW.message_id := '<notification-' || NEW.id || '.' ||
	    NEW.message_id || '>';
	RETURN NEW;
END;
$$;

CREATE TRIGGER notifications_message_id BEFORE INSERT ON notifications
	FOR EACH ROW EXECUTE FUNCTION notifications_message_id();

-- One-time codes confirming a contact: 6 digits, kept as SHA-256 of
-- salt || code, expiring, at most 5 tries; a new one replaces (uses up)
-- the last.
CREATE TABLE contact_codes (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	user_id		bigint NOT NULL REFERENCES users (id),
	channel		text NOT NULL CHECK (channel IN ('email', 'sms')),
	salt		text NOT NULL CHECK (salt ~ '^[0-9a-f]{32}$'),
	code_hash	bytea NOT NULL CHECK (length(code_hash) = 32),
	created_at	timestamptz NOT NULL,
	expires_at	timestamptz NOT NULL,
	tries		int NOT NULL DEFAULT 0 CHECK (tries BETWEEN 0 AND 5),
	used_at		timestamptz
);

CREATE INDEX contact_codes_user_idx ON contact_codes (user_id, id);

-- Until one of their contacts is confirmed, a citizen is linked to no
-- pupil: whoever registers a citizen ID first does not own its pupils.
CREATE OR REPLACE FUNCTION pupil_of_user(pupil text, u bigint)
RETURNS boolean LANGUAGE sql STABLE
AS $$
	SELECT EXISTS (SELECT 1 FROM student_guardians g
	    JOIN users a ON a.cccd = g.cccd
	    WHERE g.student_code = pupil AND a.id = u AND
	    (a.phone_confirmed_at IS NOT NULL OR
	    a.email_confirmed_at IS NOT NULL))
$$;

-- ---- what the server's role may do ---------------------------------

GRANT UPDATE (lang, phone_confirmed_at, email_confirmed_at) ON users
    TO motcua_web;
-- The web role writes notifications and reads them; it never sends
-- (`motcua notify`, the jobs process, runs as the owner).
GRANT SELECT, INSERT ON notifications TO motcua_web;
GRANT SELECT, INSERT ON contact_codes TO motcua_web;
GRANT UPDATE (tries, used_at) ON contact_codes TO motcua_web;

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;

-- The citizen reads their own; staff those of the dossiers their unit
-- sees (the dossiers' own policy decides).
CREATE POLICY notifications_see ON notifications FOR SELECT TO motcua_web
USING (CASE ctx_kind()
	WHEN 'citizen' THEN account_id = ctx_user()
	WHEN 'staff' THEN dossier_id IS NOT NULL AND
	    EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id)
	ELSE false END);

-- Written by a citizen for themselves (a submission, a contact code),
-- by staff for the applicant of a dossier they see.
CREATE POLICY notifications_add ON notifications FOR INSERT TO motcua_web
WITH CHECK (state = 'pending' AND attempts = 0 AND CASE ctx_kind()
	WHEN 'citizen' THEN account_id = ctx_user() AND (dossier_id IS NULL OR
	    EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id))
	WHEN 'staff' THEN dossier_id IS NOT NULL AND
	    EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id AND
	    d.applicant_id = account_id)
	ELSE false END);

ALTER TABLE contact_codes ENABLE ROW LEVEL SECURITY;

CREATE POLICY contact_codes_own ON contact_codes FOR ALL TO motcua_web
USING (ctx_kind() = 'citizen' AND user_id = ctx_user())
WITH CHECK (ctx_kind() = 'citizen' AND user_id = ctx_user());
