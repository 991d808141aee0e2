-- The sealed audit trail (docs/audit-trail.md): audit_log's entries
-- sequenced without gaps in the order the sealer finds them final,
-- hashed into an RFC 6962 Merkle tree, and the tree's signed
-- checkpoints.
--
-- Each entry records the transaction that wrote it.  The request path
-- still only INSERTs (the default fills it in; no lock, no counter).
-- Rows already there get the id of this migration's transaction, so
-- they are sealed in the first round, ordered by id.
ALTER TABLE audit_log ADD COLUMN xid xid8 NOT NULL
	DEFAULT pg_current_xact_id();
CREATE INDEX audit_log_xid_idx ON audit_log (xid, id);

-- The order of the tree: seq 0, 1, 2 ... with no hole, the entries of
-- finished transactions in (xid, id) order (docs/audit-trail.md).
CREATE TABLE audit_seq (
	seq		bigint PRIMARY KEY CHECK (seq >= 0),
	-- No foreign key: its check locks the row (FOR KEY SHARE), which
	-- needs the UPDATE right nobody has on audit_log.  motcua audit
	-- verify checks that every entry_id is there.
	entry_id	bigint NOT NULL UNIQUE,
	leaf_hash	bytea NOT NULL CHECK (length(leaf_hash) = 32)
);

-- A checkpoint: the C2SP tlog-checkpoint body signed as a C2SP signed
-- note with the audit key, for a tree of size entries.
CREATE TABLE audit_checkpoints (
	size		bigint PRIMARY KEY CHECK (size >= 1),
	root		bytea NOT NULL CHECK (length(root) = 32),
	note		text NOT NULL,
	made_at		timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- Written by the sealer (`motcua seal`, the owner's connection), never
-- changed: like audit_log, refused even to the owner.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_seq, audit_checkpoints
    FROM PUBLIC, CURRENT_USER;
CREATE FUNCTION audit_sealed_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP
	    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_seq_no_change BEFORE UPDATE OR DELETE ON audit_seq
	FOR EACH ROW EXECUTE FUNCTION audit_sealed_append_only();
CREATE TRIGGER audit_seq_no_truncate BEFORE TRUNCATE ON audit_seq
	FOR EACH STATEMENT EXECUTE FUNCTION audit_sealed_append_only();
CREATE TRIGGER audit_checkpoints_no_change BEFORE UPDATE OR DELETE
	ON audit_checkpoints
	FOR EACH ROW EXECUTE FUNCTION audit_sealed_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE
	ON audit_checkpoints
	FOR EACH STATEMENT EXECUTE FUNCTION audit_sealed_append_only();

-- The server's role writes none of them.  It may read the hashes and
-- the checkpoints (public: they reveal no entry), not the entries.
REVOKE ALL ON audit_seq, audit_checkpoints
    FROM motcua_web;
GRANT SELECT (seq, leaf_hash) ON audit_seq TO motcua_web;
GRANT SELECT ON audit_checkpoints TO motcua_web;
