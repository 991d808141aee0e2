/*
 * documents.c - the documents family of statements: see documents.h.
 * Result columns are read by name (PQfnumber), so a changed SELECT
 * fails loudly rather than shifting values.
 */
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/log.h"
#include "documents.h"
#include "store_int.h"

#define DOC_COLS \
	"x.id, x.kind, x.is_result, x.result_code, x.serial, " \
	"x.verification_code, u.code AS unit_code, u.name_vi AS unit_name, " \
	"x.key_id, x.signer_name, x.signer_title, " \
	"extract(epoch FROM x.issued_at)::bigint AS issued_at, x.status, " \
	"extract(epoch FROM x.revoked_at)::bigint AS revoked_at, " \
	"x.revoked_reason, s.result_code AS superseded_by, " \
	"encode(x.sha256, 'hex') AS sha256 "
#define DOC_FROM \
	"FROM documents x JOIN units u ON u.id = x.unit_id " \
	"LEFT JOIN documents s ON s.id = x.superseded_by "

static const struct stmt stmts[DOCUMENTS__MAX] = {
	[DOCUMENTS_SERIAL] = { "documents_serial",
	    "INSERT INTO document_serials AS s (unit_id, year, last) "
	    "VALUES ($1::bigint, $2::int, 1) ON CONFLICT (unit_id, year) "
	    "DO UPDATE SET last = s.last + 1 RETURNING last", 2, 0 },
	[DOCUMENTS_COUNT] = { "documents_count",
	    "SELECT count(*) + 1 FROM documents WHERE dossier_id = $1::bigint "
	    "AND is_result = $2::boolean", 2, 0 },
	[DOCUMENTS_ADD] = { "documents_add",
	    "INSERT INTO documents (dossier_id, event_id, kind, is_result, "
	    "result_code, serial, verification_code, unit_id, key_id, "
	    "signer_id, signer_name, signer_title, issued_at, sha256, xml) "
	    "VALUES ($1::bigint, $2::bigint, $3, $4::boolean, $5, $6, $7, "
	    "$8::bigint, $9, $10::bigint, $11, $12, to_timestamp($13::bigint), "
	    "sha256(decode($14, 'hex')), decode($14, 'hex')) RETURNING id",
	    14, 0 },
	[DOCUMENTS_PUBLIC] = { "documents_public",
	    "SELECT 0::bigint AS id, kind, result_code ~ '-KQ[0-9]+$' "
	    "AS is_result, result_code, serial, NULL::text AS "
	    "verification_code, unit_code, unit_name, NULL::text AS key_id, "
	    "signer_name, signer_title, issued_at, status, revoked_at, "
	    "revoked_reason, superseded_by, sha256 "
	    "FROM document_public($1)", 1, 1 },
	[DOCUMENTS_OF_DOSSIER] = { "documents_of_dossier",
	    "SELECT " DOC_COLS DOC_FROM
	    "WHERE x.dossier_id = $1::bigint ORDER BY x.id", 1, 1 },
	[DOCUMENTS_XML] = { "documents_xml",
	    "SELECT " DOC_COLS ", encode(x.xml, 'hex') AS xml " DOC_FROM
	    "WHERE x.dossier_id = $1::bigint AND x.id = $2::bigint", 2, 1 },
	[DOCUMENTS_RESULTS] = { "documents_results",
	    "SELECT dossier_results($1, decode($2, 'hex'))", 2, 1 },
};

const struct family documents_family = { stmts, DOCUMENTS__MAX };

static const char *
named(const PGresult *res, int row, const char *col)
{
	int	c = PQfnumber(res, col);

	if (c < 0) {
		log_msg(LOG_ERROR, "documents: no column %s", col);
		abort();
	}
	return db_col(res, row, c);
}

static int64_t
named_i64(const PGresult *res, int row, const char *col)
{
	const char	*v = named(res, row, col);

	return v != NULL ? strtoll(v, NULL, 10) : 0;
}

static void
read_row(const PGresult *res, int i, struct document *d)
{
	const char	*v;

	memset(d, 0, sizeof(*d));
	d->id = named_i64(res, i, "id");
	d->kind = named(res, i, "kind");
	d->is_result = (v = named(res, i, "is_result")) != NULL && v[0] == 't';
	d->result_code = named(res, i, "result_code");
	d->serial = named(res, i, "serial");
	d->verification_code = named(res, i, "verification_code");
	d->unit_code = named(res, i, "unit_code");
	d->unit_name = named(res, i, "unit_name");
	d->key_id = named(res, i, "key_id");
	d->signer_name = named(res, i, "signer_name");
	d->signer_title = named(res, i, "signer_title");
	d->issued_at = named_i64(res, i, "issued_at");
	d->status = named(res, i, "status");
	d->revoked_at = named_i64(res, i, "revoked_at");
	d->revoked_reason = named(res, i, "revoked_reason");
	d->superseded_by = named(res, i, "superseded_by");
	d->sha256 = named(res, i, "sha256");
}

static enum db_status
one_int(struct db *db, struct arena *a, enum documents_stmt s,
    const char *const *p, int *out)
{
	PGresult	*res;
	enum db_status	 rc;

	if ((rc = db_exec_arena(db, a, &stmts[s], p, &res)) != DB_OK)
		return rc;
	if (PQntuples(res) != 1)
		return DB_ERROR;
	*out = (int)db_col_i64(res, 0, 0);
	return DB_OK;
}

enum db_status
documents_number(struct db *db, struct arena *a, int64_t unit_id, int year,
    int64_t dossier_id, int is_result, int *serial, int *n)
{
	const char	*p[2];
	enum db_status	 rc;

	p[0] = db_i64(a, unit_id);
	p[1] = db_i64(a, year);
	if ((rc = one_int(db, a, DOCUMENTS_SERIAL, p, serial)) != DB_OK)
		return rc;
	p[0] = db_i64(a, dossier_id);
	p[1] = is_result ? "true" : "false";
	return one_int(db, a, DOCUMENTS_COUNT, p, n);
}

enum db_status
documents_add(struct db *db, struct arena *a, struct document *d)
{
	const char	*p[14];
	PGresult	*res;
	enum db_status	 rc;

	p[0] = db_i64(a, d->dossier_id);
	p[1] = db_i64(a, d->event_id);
	p[2] = d->kind;
	p[3] = d->is_result ? "true" : "false";
	p[4] = d->result_code;
	p[5] = d->serial;
	p[6] = d->verification_code;
	p[7] = db_i64(a, d->unit_id);
	p[8] = d->key_id;
	p[9] = db_i64(a, d->signer_id);
	p[10] = d->signer_name;
	p[11] = d->signer_title;
	p[12] = db_i64(a, d->issued_at);
	p[13] = db_hex(a, (const unsigned char *)d->xml, d->xml_len);
	if ((rc = db_exec_arena(db, a, &stmts[DOCUMENTS_ADD], p, &res)) !=
	    DB_OK)
		return rc;
	d->id = PQntuples(res) == 1 ? db_col_i64(res, 0, 0) : 0;
	return d->id != 0 ? DB_OK : DB_ERROR;
}

enum db_status
documents_public(struct db *db, struct arena *a, const char *vc,
    struct document *d, int *found)
{
	const char	*p[1] = { vc };
	PGresult	*res;
	enum db_status	 rc;

	*found = 0;
	if ((rc = db_exec_arena(db, a, &stmts[DOCUMENTS_PUBLIC], p, &res)) !=
	    DB_OK)
		return rc;
	if (PQntuples(res) == 1) {
		read_row(res, 0, d);
		d->verification_code = vc;
		*found = 1;
	}
	return DB_OK;
}

enum db_status
documents_of_dossier(struct db *db, struct arena *a, int64_t dossier_id,
    struct document **out, size_t *n)
{
	const char	*p[1];
	PGresult	*res;
	enum db_status	 rc;
	int		 i;

	p[0] = db_i64(a, dossier_id);
	*out = NULL;
	*n = 0;
	if ((rc = db_exec_arena(db, a, &stmts[DOCUMENTS_OF_DOSSIER], p,
	    &res)) != DB_OK)
		return rc;
	*out = arena_calloc(a, (size_t)PQntuples(res) + 1, sizeof(**out));
	for (i = 0; i < PQntuples(res); i++)
		read_row(res, i, &(*out)[i]);
	*n = (size_t)PQntuples(res);
	return DB_OK;
}

enum db_status
documents_xml(struct db *db, struct arena *a, int64_t dossier_id, int64_t id,
    struct document *d, int *found)
{
	const char	*p[2];
	PGresult	*res;
	enum db_status	 rc;

	p[0] = db_i64(a, dossier_id);
	p[1] = db_i64(a, id);
	*found = 0;
	if ((rc = db_exec_arena(db, a, &stmts[DOCUMENTS_XML], p, &res)) !=
	    DB_OK)
		return rc;
	if (PQntuples(res) != 1)
		return DB_OK;
	read_row(res, 0, d);
	d->xml = (const char *)db_col_hex(a, res, 0, PQfnumber(res, "xml"),
	    &d->xml_len);
	*found = d->xml != NULL;
	return DB_OK;
}

enum db_status
documents_results(struct db *db, struct arena *a, const char *code,
    const unsigned char pin_hash[32], int *n)
{
	const char	*p[2] = { code, db_hex(a, pin_hash, 32) };

	return one_int(db, a, DOCUMENTS_RESULTS, p, n);
}
