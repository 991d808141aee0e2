-- Issued documents (docs/documents.md): results and notices, signed
-- XML (XML-DSig) and, later, PDF (PAdES), registered in the same
-- transaction as the action that issued them.
--
-- Numbering: a result kind (catalogue <document result="true">) gets
-- the result code dossier code || '-KQ' || n (Decree 45/2020/NĐ-CP,
-- art. 14), n counting the dossier's results; a notice (receipt,
-- supplement request, refusal) gets dossier code || '-TB' || n, n
-- counting the dossier's notices.  The serial number counts the issuing
-- unit's documents of a calendar year: "n/YYYY".
CREATE TABLE documents (
	id		bigserial PRIMARY KEY,
	dossier_id	bigint NOT NULL REFERENCES dossiers (id),
	event_id	bigint NOT NULL REFERENCES dossier_events (id),
	kind		text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,63}$'),
	is_result	boolean NOT NULL,	-- -KQn, else a notice -TBn
	result_code	text NOT NULL UNIQUE,
	serial		text NOT NULL,
	verification_code text NOT NULL UNIQUE
			CHECK (verification_code ~ '^[A-Z2-7]{24}$'),
	unit_id		bigint NOT NULL REFERENCES units (id),
	key_id		text NOT NULL CHECK (key_id ~ '^[0-9a-f]{64}$'),
	signer_id	bigint NOT NULL REFERENCES users (id),
	signer_name	text NOT NULL,
	signer_title	text NOT NULL,
	issued_at	timestamptz NOT NULL,
	status		text NOT NULL DEFAULT 'valid'
			CHECK (status IN ('valid', 'revoked', 'superseded')),
	revoked_at	timestamptz,
	revoked_reason	text,
	superseded_by	bigint REFERENCES documents (id),
	sha256		bytea NOT NULL CHECK (length(sha256) = 32),
	xml		bytea NOT NULL,
	pdf		bytea,
	UNIQUE (unit_id, serial)
);

CREATE INDEX documents_dossier_idx ON documents (dossier_id);

CREATE TABLE document_serials (
	unit_id		bigint NOT NULL REFERENCES units (id),
	year		int NOT NULL,
	last		int NOT NULL,
	PRIMARY KEY (unit_id, year)
);

-- ---- the server's role -----------------------------------------------
-- It issues (INSERT) and reads what the dossier's reader may read; it
-- never changes a document's bytes.  Revocation and supersession will
-- be staff actions granted their columns then.
GRANT SELECT, INSERT ON documents TO motcua_web;
GRANT USAGE ON SEQUENCE documents_id_seq TO motcua_web;
GRANT SELECT, INSERT, UPDATE ON document_serials TO motcua_web;

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;

-- The dossier's visibility: a document is seen by whoever sees its
-- dossier (dossiers_see does the work).
CREATE POLICY documents_see ON documents FOR SELECT TO motcua_web
USING (EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id));

-- Issued by staff of the unit that signs, on a dossier they see.
CREATE POLICY documents_issue ON documents FOR INSERT TO motcua_web
WITH CHECK (ctx_kind() = 'staff' AND unit_id = ctx_unit() AND
    EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id));

ALTER TABLE document_serials ENABLE ROW LEVEL SECURITY;

CREATE POLICY serials_issue ON document_serials FOR ALL TO motcua_web
USING (ctx_kind() = 'staff' AND unit_id = ctx_unit())
WITH CHECK (ctx_kind() = 'staff' AND unit_id = ctx_unit());

-- A school's staff read the records of the school's own pupils (a
-- transcript certificate is built from them).
GRANT SELECT ON grades TO motcua_web;

CREATE POLICY students_school ON students FOR SELECT TO motcua_web
USING (ctx_kind() = 'staff' AND school_id = ctx_unit());

-- The public verification: what the verification page shows, by the
-- verification code, and nothing else.  It shows what the document
-- names on its face about its issuance (kind, result code, serial,
-- unit, signer's name and title, time, status), never the applicant,
-- the pupil or the dossier's data: whoever holds the document sees
-- those in it, whoever only guesses a code learns nothing personal.
CREATE FUNCTION document_public(vc text)
RETURNS TABLE (kind text, result_code text, serial text, unit_code text,
    unit_name text, signer_name text, signer_title text, issued_at bigint,
    status text, revoked_at bigint, revoked_reason text,
    superseded_by text, sha256 text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
	SELECT d.kind, d.result_code, d.serial, u.code, u.name_vi,
	    d.signer_name, d.signer_title,
	    extract(epoch FROM d.issued_at)::bigint, d.status,
	    extract(epoch FROM d.revoked_at)::bigint, d.revoked_reason,
	    s.result_code, encode(d.sha256, 'hex')
	FROM documents d JOIN units u ON u.id = d.unit_id
	LEFT JOIN documents s ON s.id = d.superseded_by
	WHERE d.verification_code = vc
$$;

REVOKE ALL ON FUNCTION document_public(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION document_public(text) TO motcua_web;

-- The public lookup by code and PIN says that results were issued (how
-- many), nothing more.
CREATE FUNCTION dossier_results(c text, h bytea) RETURNS int
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
	SELECT count(*)::int FROM documents x JOIN dossiers d
	    ON d.id = x.dossier_id
	WHERE d.code = c AND d.pin_hash = h AND x.is_result
$$;

REVOKE ALL ON FUNCTION dossier_results(text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dossier_results(text, bytea) TO motcua_web;
