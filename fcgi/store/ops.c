/*
 * ops.c - statements of operations: see ops.h.
 */
#include <libpq-fe.h>
#include <string.h>

#include "store_int.h"
#include "ops.h"

static const struct stmt stmts[OPS__MAX] = {
	[OPS_PING] = { "ops_ping", "SELECT 1", 0, 1 },
	/* Session settings (is_local false): they outlive the statement
	 * and the transaction, until the next request changes them. */
	[OPS_CONTEXT] = { "ops_context",
	    "SELECT set_config('motcua.kind', $1, false), "
	    "set_config('motcua.user_id', $2, false), "
	    "set_config('motcua.unit_id', $3, false)", 3, 0 },
	[OPS_ROLE_CHECK] = { "ops_role_check",
	    "SELECT NOT (r.rolsuper OR r.rolbypassrls) AND NOT EXISTS "
	    "(SELECT 1 FROM pg_class c WHERE c.relowner = r.oid) "
	    "FROM pg_roles r WHERE r.rolname = current_user", 0, 0 },
	/* For the diagnostic route only (MOTCUA_DIAG). */
	[OPS_PROBE] = { "ops_probe",
	    "SELECT current_user::text, (SELECT coalesce(json_agg(code "
	    "ORDER BY code), '[]')::text FROM dossiers), "
	    "(SELECT count(*) FROM dossier_events), "
	    "(SELECT count(*) FROM attachments), "
	    "(SELECT count(*) FROM students)", 0, 1 },
	[OPS_PROBE_TOUCH] = { "ops_probe_touch",
	    "WITH t AS (UPDATE dossiers SET rev = rev WHERE code = $1 "
	    "RETURNING 1) SELECT count(*) FROM t", 1, 0 },
};

const struct family ops_family = { stmts, OPS__MAX };

enum db_status
ops_probe(struct db *db, struct arena *a, struct ops_probe *p)
{
	PGresult	*res;
	enum db_status	 rc;

	memset(p, 0, sizeof(*p));
	if ((rc = db_exec_arena(db, a, &stmts[OPS_PROBE], NULL, &res)) != DB_OK)
		return rc;
	if (PQntuples(res) != 1)
		return DB_ERROR;
	p->role = db_col(res, 0, 0);
	p->codes = db_col(res, 0, 1);
	p->events = db_col_i64(res, 0, 2);
	p->attachments = db_col_i64(res, 0, 3);
	p->students = db_col_i64(res, 0, 4);
	return DB_OK;
}

enum db_status
ops_probe_touch(struct db *db, const char *code, int64_t *n)
{
	const char	*params[1] = { code };
	PGresult	*res;
	enum db_status	 rc;

	*n = 0;
	if ((rc = db_exec(db, &stmts[OPS_PROBE_TOUCH], params, &res)) != DB_OK)
		return rc;
	if (PQntuples(res) == 1)
		*n = db_col_i64(res, 0, 0);
	PQclear(res);
	return DB_OK;
}
