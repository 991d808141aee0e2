-- Dossiers: what citizens file, the steps staff take on them, and the
-- files they carry.
--
-- Every change to a dossier commits in one transaction with its event
-- and its audit entry (audit_log, 0002_accounts.sql).  Nothing here
-- takes a global lock: ids are identity columns; the only serialised
-- step is the day's counter of the receiving unit, which numbers
-- dossier codes without gaps (UNITCODE-YYMMDD-NNNN) and is locked only
-- by submissions to the same unit on the same day.

-- The definition versions dossiers are pinned to: the digest of a
-- workflow and its form (core/def.h), with the XML texts when they
-- could be read (content: {"workflow": {"file", "xml"}, "form": ...}).
CREATE TABLE definitions (
	digest		text PRIMARY KEY CHECK (digest ~ '^[0-9a-f]{64}$'),
	code		text NOT NULL,
	content		jsonb,
	stored_at	timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dossiers (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code		text NOT NULL UNIQUE CHECK (code ~
			    '^[0-9A-Z]+(\.[0-9A-Z]+)*-[0-9]{6}-[0-9]{4}$'),
	service		text NOT NULL,
	version		text NOT NULL REFERENCES definitions (digest),
	applicant_id	bigint NOT NULL REFERENCES users (id),
	-- The unit that received it (its code starts the dossier code).
	unit_id		bigint NOT NULL REFERENCES units (id),
	-- The unit holding it now; NULL while the applicant must act.
	holder_unit_id	bigint REFERENCES units (id),
	state		text NOT NULL,
	status		int NOT NULL CHECK (status BETWEEN 1 AND 10),
	data		jsonb NOT NULL,
	-- SHA-256 of code || PIN; the PIN itself is never stored.
	pin_hash	bytea NOT NULL CHECK (length(pin_hash) = 32),
	pin_salt	text NOT NULL CHECK (pin_salt ~ '^[0-9a-f]{32}$'),
	channel		int NOT NULL DEFAULT 2 CHECK (channel IN (1, 2, 3)),
	received_at	timestamptz NOT NULL,
	due_at		timestamptz,
	completed_at	timestamptz,
	-- Paused clock: [[from, to], ...] in seconds since the epoch; the
	-- last interval's "to" is null while paused.
	paused		jsonb NOT NULL DEFAULT '[]',
	-- SHA-256 (hex) of the client's Idempotency-Key.
	idempotency_key	text NOT NULL
			CHECK (idempotency_key ~ '^[0-9a-f]{64}$'),
	UNIQUE (applicant_id, idempotency_key)
);

CREATE INDEX dossiers_holder_due_idx ON dossiers (holder_unit_id, due_at);
CREATE INDEX dossiers_applicant_idx ON dossiers (applicant_id, due_at);
CREATE INDEX dossiers_due_idx ON dossiers (due_at);

CREATE TABLE dossier_counters (
	unit_id		bigint NOT NULL REFERENCES units (id),
	day		date NOT NULL,
	last		int NOT NULL CHECK (last BETWEEN 1 AND 9999),
	PRIMARY KEY (unit_id, day)
);

-- The dossier's history (the control sheet, Mẫu 06): who did what,
-- from which state to which, and who held it afterwards.
CREATE TABLE dossier_events (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier_id	bigint NOT NULL REFERENCES dossiers (id),
	at		timestamptz NOT NULL,
	actor_id	bigint REFERENCES users (id),
	actor_kind	text NOT NULL,
	actor_unit_id	bigint REFERENCES units (id),
	action		text NOT NULL,
	from_state	text,
	to_state	text NOT NULL,
	holder_unit_id	bigint REFERENCES units (id),
	comment		text CHECK (length(comment) <= 2000),
	reason		text CHECK (length(reason) <= 2000)
);

CREATE INDEX dossier_events_dossier_idx ON dossier_events (dossier_id, id);
CREATE INDEX dossier_events_holder_idx
	ON dossier_events (holder_unit_id, dossier_id);
CREATE INDEX dossier_events_actor_unit_idx
	ON dossier_events (actor_unit_id, dossier_id);

CREATE TABLE attachments (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier_id	bigint NOT NULL REFERENCES dossiers (id),
	event_id	bigint REFERENCES dossier_events (id),
	field		text NOT NULL,
	filename	text NOT NULL
			CHECK (filename <> '' AND length(filename) <= 255),
	mime		text NOT NULL,
	size		bigint NOT NULL CHECK (size >= 0),
	sha256		text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
	content		bytea NOT NULL,
	CHECK (length(content) = size)
);

CREATE INDEX attachments_dossier_idx ON attachments (dossier_id, id);

-- The public lookup (code and PIN) is throttled by its failures, which
-- are audited: counted per address and per dossier code.
CREATE INDEX audit_log_lookup_ip_idx ON audit_log (ip, at)
	WHERE action = 'lookup.failed';
CREATE INDEX audit_log_lookup_object_idx ON audit_log (object, at)
	WHERE action = 'lookup.failed';
