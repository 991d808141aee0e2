-- Accounts, sessions and the audit trail.
--
-- Citizens sign in with their citizen ID (CCCD, 12 digits), staff and
-- inspectors with a user name.  Staff belong to one unit and hold roles
-- named in workflows/catalogue.xml.  Passwords are Argon2id encoded
-- hashes ($argon2id$v=19$m=...,t=...,p=...$salt$hash).  Session and
-- partner tokens are stored as their SHA-256: the database never holds
-- a token that could be replayed.
CREATE TABLE users (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind		text NOT NULL
			CHECK (kind IN ('citizen', 'staff', 'inspector')),
	cccd		text UNIQUE CHECK (cccd ~ '^[0-9]{12}$'),
	username	text UNIQUE
			CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,31}$' AND
			    username ~ '[a-z]'),
	full_name	text NOT NULL
			CHECK (full_name <> '' AND length(full_name) <= 200),
	phone		text CHECK (phone ~ '^\+84[0-9]{9}$'),
	email		text CHECK (length(email) <= 254 AND email LIKE '%_@_%'),
	password_hash	text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
	unit_id		bigint REFERENCES units (id),
	created_at	timestamptz NOT NULL DEFAULT now(),
	disabled_at	timestamptz,
	CHECK ((kind = 'citizen') = (cccd IS NOT NULL)),
	CHECK ((kind = 'citizen') = (username IS NULL)),
	CHECK (kind <> 'citizen' OR phone IS NOT NULL OR email IS NOT NULL),
	CHECK ((kind = 'staff') = (unit_id IS NOT NULL))
);

CREATE INDEX users_unit_idx ON users (unit_id);

CREATE TABLE staff_roles (
	user_id		bigint NOT NULL REFERENCES users (id),
	role		text NOT NULL CHECK (role ~ '^[a-z][a-z0-9-]{0,63}$'),
	PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
	token_hash	bytea PRIMARY KEY CHECK (length(token_hash) = 32),
	user_id		bigint NOT NULL REFERENCES users (id),
	csrf		text NOT NULL CHECK (csrf ~ '^[0-9a-f]{64}$'),
	created_at	timestamptz NOT NULL DEFAULT now(),
	last_seen_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL
);

CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Failed sign-ins, by "account:LOGIN" and "address:IP", for throttling.
CREATE TABLE signin_failures (
	key		text NOT NULL,
	at		timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX signin_failures_key_at_idx ON signin_failures (key, at);

-- Bearer tokens of partner systems: what they may do (scopes), and for
-- which unit when they act for one.
CREATE TABLE partner_tokens (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	token_hash	bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
	name		text NOT NULL CHECK (name <> '' AND length(name) <= 200),
	scopes		text[] NOT NULL DEFAULT '{}',
	unit_id		bigint REFERENCES units (id),
	created_at	timestamptz NOT NULL DEFAULT now(),
	revoked_at	timestamptz
);

-- The audit trail: sign-ins, refusals, submissions, transitions, views.
-- Only ever inserted into (DESIGN.md, "Audit trail"): no global lock on
-- the request path (the id is an identity column; a sealer sequences
-- committed entries later), and neither UPDATE, DELETE nor TRUNCATE:
-- revoked, and refused by triggers even for the owner.
CREATE TABLE audit_log (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at		timestamptz NOT NULL DEFAULT clock_timestamp(),
	actor_id	bigint,
	actor_kind	text NOT NULL,
	action		text NOT NULL CHECK (action <> ''),
	object		text,
	detail		jsonb,
	request_id	text,
	ip		text
);

REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM CURRENT_USER;

CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP
	    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
