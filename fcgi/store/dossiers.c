/*
 * dossiers.c - the dossiers family of statements: see dossiers.h.
 *
 * Results are tied to the caller's arena (PQclear at its reset), so the
 * strings handed back point into them.  Units' kinds are spelt
 * "district_office" in the table and "district-office" in the
 * definitions (core's unit_kind_names): converted here.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "dossiers.h"
#include "records.h"
#include "store_int.h"

#define UNIT_COLS "id, code, replace(kind, '_', '-'), parent_id, name_vi, " \
	"name_en"

#define DOSSIER_COLS \
	"d.id, d.code, d.service, d.version, d.applicant_id, d.unit_id, " \
	"u.code, d.holder_unit_id, h.code, d.state, d.status, d.data::text, " \
	"d.pin_salt, d.channel, " \
	"extract(epoch FROM d.received_at)::bigint, " \
	"extract(epoch FROM d.due_at)::bigint, " \
	"extract(epoch FROM d.completed_at)::bigint, d.paused::text, " \
	"d.rev, d.rating, d.rating_comment, " \
	"extract(epoch FROM d.rated_at)::bigint " \
	"FROM dossiers d JOIN units u ON u.id = d.unit_id " \
	"LEFT JOIN units h ON h.id = d.holder_unit_id "

/* $2 service, $3 state, $4 overdue, $5 now, $6 limit, $7 offset,
 * $8 code (the whole code: one dossier, by its unique index). */
#define LIST_FILTER \
	" AND ($8::text IS NULL OR d.code = $8)" \
	" AND ($2::text IS NULL OR d.service = $2)" \
	" AND ($3::text IS NULL OR d.state = $3)" \
	" AND ($4::boolean IS NULL OR (d.completed_at IS NULL AND" \
	" d.status NOT IN (5, 6, 8) AND d.due_at < to_timestamp($5::bigint))" \
	" = $4)" \
	" ORDER BY d.due_at NULLS LAST, d.code LIMIT $6::int OFFSET $7::int"

static const struct stmt stmts[DOSSIERS__MAX] = {
	[DOSSIERS_UNIT_BY_CODE] = { "dossiers_unit_by_code",
	    "SELECT " UNIT_COLS " FROM units WHERE code = $1", 1, 1 },
	[DOSSIERS_UNIT_BY_ID] = { "dossiers_unit_by_id",
	    "SELECT " UNIT_COLS " FROM units WHERE id = $1::bigint", 1, 1 },
	[DOSSIERS_UNITS_OF_KIND] = { "dossiers_units_of_kind",
	    "SELECT " UNIT_COLS " FROM units "
	    "WHERE kind = replace($1, '-', '_') ORDER BY id LIMIT 2", 1, 1 },
	[DOSSIERS_DEF_ADD] = { "dossiers_def_add",
	    "INSERT INTO definitions (digest, code, content) "
	    "VALUES ($1, $2, $3::jsonb) ON CONFLICT (digest) DO NOTHING",
	    3, 0 },
	[DOSSIERS_BY_KEY] = { "dossiers_by_key",
	    "SELECT " DOSSIER_COLS
	    "WHERE d.applicant_id = $1::bigint AND d.idempotency_key = $2",
	    2, 1 },
	[DOSSIERS_BY_CODE] = { "dossiers_by_code",
	    "SELECT " DOSSIER_COLS "WHERE d.code = $1", 1, 1 },
	[DOSSIERS_COUNTER] = { "dossiers_counter",
	    "INSERT INTO dossier_counters AS c (unit_id, day, last) "
	    "VALUES ($1::bigint, date '1970-01-01' + $2::int, 1) "
	    "ON CONFLICT (unit_id, day) DO UPDATE SET last = c.last + 1 "
	    "RETURNING last", 2, 0 },
	/* The dossier, its first event and the audit entry of the
	 * submission (audit.c's) in one statement. */
	[DOSSIERS_INSERT] = { "dossiers_insert",
	    "WITH d AS (INSERT INTO dossiers (code, service, version, "
	    "applicant_id, unit_id, holder_unit_id, state, status, data, "
	    "pin_hash, pin_salt, channel, received_at, due_at, "
	    "idempotency_key) VALUES ($1, $2, $3, $4::bigint, $5::bigint, "
	    "$6::bigint, $7, $8::int, $9::jsonb, decode($10, 'hex'), $11, "
	    "$12::int, to_timestamp($13::bigint), to_timestamp($14::bigint), "
	    "$15) RETURNING id), "
	    "e AS (INSERT INTO dossier_events (dossier_id, at, actor_id, "
	    "actor_kind, action, from_state, to_state, holder_unit_id) "
	    "SELECT d.id, to_timestamp($13::bigint), $4::bigint, $16, "
	    "'submit', NULL, $7, $6::bigint FROM d RETURNING id), "
	    "a AS (INSERT INTO audit_log (actor_id, actor_kind, action, "
	    "object, detail, request_id, ip) SELECT $17::bigint, $18, $19, "
	    "$20, $21::jsonb, $22, $23 FROM d) "
	    "SELECT d.id, e.id FROM d, e", 23, 0 },
	[DOSSIERS_ATTACH] = { "dossiers_attach",
	    "INSERT INTO attachments (dossier_id, event_id, field, filename, "
	    "mime, size, sha256, content) VALUES ($1::bigint, $2::bigint, "
	    "$3, $4, $5, $6::bigint, $7, decode($8, 'hex'))", 8, 0 },
	/* The change and its event; no row when the dossier changed
	 * since it was read (its revision). */
	[DOSSIERS_UPDATE] = { "dossiers_update",
	    "WITH d AS (UPDATE dossiers SET state = $3, status = $4::int, "
	    "holder_unit_id = $5::bigint, due_at = to_timestamp($6::bigint), "
	    "completed_at = to_timestamp($7::bigint), paused = $8::jsonb, "
	    "data = coalesce($9::jsonb, data), rev = rev + 1 "
	    "WHERE id = $1::bigint AND rev = $17::int RETURNING id), "
	    "e AS (INSERT INTO dossier_events (dossier_id, at, actor_id, "
	    "actor_kind, actor_unit_id, action, from_state, to_state, "
	    "holder_unit_id, comment, reason) SELECT d.id, "
	    "to_timestamp($10::bigint), $11::bigint, $12, $13::bigint, $14, "
	    "$2, $3, $5::bigint, $15, $16 FROM d RETURNING id) "
	    "SELECT e.id FROM e", 17, 0 },
	[DOSSIERS_HELD_BY] = { "dossiers_held_by",
	    "SELECT EXISTS (SELECT 1 FROM dossier_events WHERE dossier_id = "
	    "$1::bigint AND (holder_unit_id = $2::bigint OR actor_unit_id = "
	    "$2::bigint))", 2, 1 },
	[DOSSIERS_EVENTS] = { "dossiers_events",
	    "SELECT e.id, extract(epoch FROM e.at)::bigint, e.actor_id, "
	    "e.actor_kind, us.full_name, au.code, e.action, e.from_state, "
	    "e.to_state, hu.code, e.comment, e.reason "
	    "FROM dossier_events e LEFT JOIN users us ON us.id = e.actor_id "
	    "LEFT JOIN units au ON au.id = e.actor_unit_id "
	    "LEFT JOIN units hu ON hu.id = e.holder_unit_id "
	    "WHERE e.dossier_id = $1::bigint ORDER BY e.id", 1, 1 },
	[DOSSIERS_ATTACHMENTS] = { "dossiers_attachments",
	    "SELECT id, field, filename, mime, size, sha256 FROM attachments "
	    "WHERE dossier_id = $1::bigint ORDER BY id", 1, 1 },
	[DOSSIERS_ATTACHMENT_CONTENTS] = { "dossiers_attachment_contents",
	    "SELECT field, filename, encode(content, 'hex') FROM attachments "
	    "WHERE dossier_id = $1::bigint ORDER BY id", 1, 1 },
	[DOSSIERS_LIST_MINE] = { "dossiers_list_mine",
	    "SELECT " DOSSIER_COLS "WHERE d.applicant_id = $1::bigint"
	    LIST_FILTER, 8, 1 },
	[DOSSIERS_LIST_INBOX] = { "dossiers_list_inbox",
	    "SELECT " DOSSIER_COLS "WHERE d.holder_unit_id = $1::bigint"
	    LIST_FILTER, 8, 1 },
	/* Every event names the holder after it: the receiving unit and
	 * each unit that held it or acted on it. */
	[DOSSIERS_LIST_HELD] = { "dossiers_list_held",
	    "SELECT " DOSSIER_COLS "WHERE d.id IN (SELECT dossier_id FROM "
	    "dossier_events WHERE holder_unit_id = $1::bigint OR "
	    "actor_unit_id = $1::bigint)" LIST_FILTER, 8, 1 },
	[DOSSIERS_LIST_ALL] = { "dossiers_list_all",
	    "SELECT " DOSSIER_COLS "WHERE $1::bigint IS NOT NULL" LIST_FILTER,
	    8, 1 },
	/* migrations/0007_web_role.sql: the server's role may append
	 * to the audit log, not read it. */
	[DOSSIERS_LOOKUP_FAILS] = { "dossiers_lookup_fails",
	    "SELECT * FROM lookup_failures($1, $2, $3::int)", 3, 1 },
	/* The dossier's columns (by key), records_applicant's, the units
	 * (JSON), records_student's (linked through student_guardians). */
	[DOSSIERS_SUBMITTER] = { "dossiers_submitter",
	    "SELECT k.*, a.full_name, a.cccd, a.phone, a.email, "
	    "(SELECT json_agg(json_build_array(id::text, code, "
	    "replace(kind, '_', '-'), parent_id::text, name_vi, name_en))::text "
	    "FROM units WHERE code = ANY ($3::text[])), "
	    "p.* FROM users a "
	    "LEFT JOIN LATERAL (SELECT " DOSSIER_COLS
	    "WHERE d.applicant_id = a.id AND d.idempotency_key = $2) k "
	    "ON true "
	    "LEFT JOIN LATERAL (SELECT s.code, s.full_name, "
	    "s.date_of_birth::text, u.code AS school, s.grade FROM students s "
	    "LEFT JOIN units u ON u.id = s.school_id "
	    "JOIN student_guardians g ON g.student_code = s.code "
	    "AND g.cccd = a.cccd WHERE s.code = $4) p ON true "
	    "WHERE a.id = $1::bigint", 4, 1 },
	[DOSSIERS_LOOKUP] = { "dossiers_lookup",
	    "SELECT code, service, state, status, received_at, due_at, "
	    "completed_at FROM dossier_lookup($1, decode($2, 'hex'))", 2, 1 },
};

const struct family dossiers_family = { stmts, DOSSIERS__MAX };

/* ---- helpers ------------------------------------------------------ */

static const char *
i64(struct arena *a, int64_t v)
{
	return arena_printf(a, "%" PRId64, v);
}

/* NULL for 0: ids and times that are absent. */
static const char *
opt(struct arena *a, int64_t v)
{
	return v != 0 ? i64(a, v) : NULL;
}

static char *
to_hex(struct arena *a, const unsigned char *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char	*out = arena_alloc(a, 2 * n + 1);
	size_t	 i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0xf];
	}
	out[2 * n] = '\0';
	return out;
}

static void
unit_row(const PGresult *res, int row, struct unit *u)
{
	u->id = db_col_i64(res, row, 0);
	u->code = db_col(res, row, 1);
	u->kind = db_col(res, row, 2);
	u->parent_id = db_col_i64(res, row, 3);
	u->name_vi = db_col(res, row, 4);
	u->name_en = db_col(res, row, 5);
}

static void
dossier_row(const PGresult *res, int row, struct dossier *d)
{
	d->id = db_col_i64(res, row, 0);
	d->code = db_col(res, row, 1);
	d->service = db_col(res, row, 2);
	d->version = db_col(res, row, 3);
	d->applicant_id = db_col_i64(res, row, 4);
	d->unit_id = db_col_i64(res, row, 5);
	d->unit_code = db_col(res, row, 6);
	d->holder_unit_id = db_col_i64(res, row, 7);
	d->holder_code = db_col(res, row, 8);
	d->state = db_col(res, row, 9);
	d->status = (int)db_col_i64(res, row, 10);
	d->data = db_col(res, row, 11);
	d->pin_salt = db_col(res, row, 12);
	d->channel = (int)db_col_i64(res, row, 13);
	d->received_at = db_col_i64(res, row, 14);
	d->due_at = db_col_i64(res, row, 15);
	d->completed_at = db_col_i64(res, row, 16);
	d->paused = db_col(res, row, 17);
	d->rev = db_col_i64(res, row, 18);
	d->rating = db_col(res, row, 19);
	d->rating_comment = db_col(res, row, 20);
	d->rated_at = db_col_i64(res, row, 21);
}

/* ---- units -------------------------------------------------------- */

static enum db_status
one_unit(struct db *db, struct arena *a, enum dossiers_stmt s,
    const char *param, struct unit *u, int exactly_one)
{
	const char	*p[1] = { param };
	PGresult	*res;
	enum db_status	 rc;

	memset(u, 0, sizeof(*u));
	if ((rc = db_exec_arena(db, a, &stmts[s], p, &res)) != DB_OK)
		return rc;
	if (PQntuples(res) == 1 || (!exactly_one && PQntuples(res) > 0))
		unit_row(res, 0, u);
	return DB_OK;
}

enum db_status
dossiers_unit_by_code(struct db *db, struct arena *a, const char *code,
    struct unit *u)
{
	return one_unit(db, a, DOSSIERS_UNIT_BY_CODE, code, u, 0);
}

enum db_status
dossiers_unit_by_id(struct db *db, struct arena *a, int64_t id,
    struct unit *u)
{
	return one_unit(db, a, DOSSIERS_UNIT_BY_ID, i64(a, id), u, 0);
}

enum db_status
dossiers_unit_of_kind(struct db *db, struct arena *a, const char *kind,
    struct unit *u)
{
	return one_unit(db, a, DOSSIERS_UNITS_OF_KIND, kind, u, 1);
}

/* ---- definitions -------------------------------------------------- */

enum db_status
dossiers_def_add(struct db *db, const char *digest, const char *code,
    const char *content_json)
{
	const char	*p[3] = { digest, code, content_json };
	PGresult	*res;
	enum db_status	 rc;

	if ((rc = db_exec_arena(db, NULL, &stmts[DOSSIERS_DEF_ADD], p,
	    &res)) == DB_OK)
		PQclear(res);
	return rc;
}

enum db_status
dossiers_def_pin(struct db *db, const char *digest, const char *code,
    const char *content_json)
{
	enum db_status	rc;

	if (db_pinned(db, digest))
		return DB_OK;
	if ((rc = dossiers_def_add(db, digest, code, content_json)) == DB_OK)
		db_pin_note(db, digest);
	return rc;
}

/* ---- dossiers ----------------------------------------------------- */

static enum db_status
one_dossier(struct db *db, struct arena *a, enum dossiers_stmt s,
    const char *const *p, struct dossier *d)
{
	PGresult	*res;
	enum db_status	 rc;

	memset(d, 0, sizeof(*d));
	if ((rc = db_exec_arena(db, a, &stmts[s], p, &res)) != DB_OK)
		return rc;
	if (PQntuples(res) == 1)
		dossier_row(res, 0, d);
	return DB_OK;
}

enum db_status
dossiers_by_key(struct db *db, struct arena *a, int64_t applicant_id,
    const char *idem_key, struct dossier *d)
{
	const char	*p[2] = { i64(a, applicant_id), idem_key };

	return one_dossier(db, a, DOSSIERS_BY_KEY, p, d);
}

/* A text[] literal of these strings. */
static const char *
text_array(struct arena *a, const char *const *v, size_t n)
{
	size_t		 i, len = 3;
	const char	*c;
	char		*out, *o;

	for (i = 0; i < n; i++)
		len += 2 * strlen(v[i]) + 3;
	o = out = arena_alloc(a, len);
	*o++ = '{';
	for (i = 0; i < n; i++) {
		if (i > 0)
			*o++ = ',';
		*o++ = '"';
		for (c = v[i]; *c != '\0'; c++) {
			if (*c == '"' || *c == '\\')
				*o++ = '\\';
			*o++ = *c;
		}
		*o++ = '"';
	}
	*o++ = '}';
	*o = '\0';
	return out;
}

static const char *
json_str(struct arena *a, json_t *arr, size_t i)
{
	const char	*s = json_string_value(json_array_get(arr, i));

	return s != NULL ? arena_strdup(a, s) : NULL;
}

/* dossiers_submitter's columns: the applicant's and the units after
 * the dossier's (DOSSIER_COLS), then the pupil's. */
#define SUB_AP		22
#define SUB_PUPIL	(SUB_AP + 5)

/* An id as text, 0 for null. */
static int64_t
json_i64(json_t *arr, size_t i)
{
	const char	*s = json_string_value(json_array_get(arr, i));

	return s != NULL ? strtoll(s, NULL, 10) : 0;
}

enum db_status
dossiers_submitter(struct db *db, struct arena *a, int64_t applicant_id,
    const char *idem_key, const char *const *unit_codes, size_t nunit_codes,
    const char *pupil_code, struct submitter *out)
{
	const char	*p[4];
	const char	*v;
	PGresult	*res;
	enum db_status	 rc;
	json_t		*units, *u;
	size_t		 i;

	memset(out, 0, sizeof(*out));
	p[0] = i64(a, applicant_id);
	p[1] = idem_key;
	p[2] = text_array(a, unit_codes, nunit_codes);
	p[3] = pupil_code;
	if ((rc = db_exec_arena(db, a, &stmts[DOSSIERS_SUBMITTER], p,
	    &res)) != DB_OK)
		return rc;
	if (PQntuples(res) != 1)
		return DB_OK;
	out->found = 1;
	if (!PQgetisnull(res, 0, 0))
		dossier_row(res, 0, &out->d);
	out->ap.full_name = db_col(res, 0, SUB_AP);
	out->ap.cccd = db_col(res, 0, SUB_AP + 1);
	out->ap.phone = db_col(res, 0, SUB_AP + 2);
	out->ap.email = db_col(res, 0, SUB_AP + 3);
	if ((v = db_col(res, 0, SUB_AP + 4)) != NULL &&
	    (units = json_loads(v, 0, NULL)) != NULL) {
		json_array_foreach(units, i, u) {
			struct unit *un;

			if (out->nunits == SUBMITTER_UNITS)
				break;
			un = &out->units[out->nunits++];
			un->id = json_i64(u, 0);
			un->code = json_str(a, u, 1);
			un->kind = json_str(a, u, 2);
			un->parent_id = json_i64(u, 3);
			un->name_vi = json_str(a, u, 4);
			un->name_en = json_str(a, u, 5);
		}
		json_decref(units);
	}
	if (!PQgetisnull(res, 0, SUB_PUPIL)) {
		out->pupil_found = 1;
		out->pupil.code = db_col(res, 0, SUB_PUPIL);
		out->pupil.full_name = db_col(res, 0, SUB_PUPIL + 1);
		out->pupil.date_of_birth = db_col(res, 0, SUB_PUPIL + 2);
		out->pupil.school_code = db_col(res, 0, SUB_PUPIL + 3);
		out->pupil.grade = db_col(res, 0, SUB_PUPIL + 4) != NULL ?
		    atoi(db_col(res, 0, SUB_PUPIL + 4)) : 0;
	}
	return DB_OK;
}

enum db_status
dossiers_by_code(struct db *db, struct arena *a, const char *code,
    struct dossier *d)
{
	const char	*p[1] = { code };

	return one_dossier(db, a, DOSSIERS_BY_CODE, p, d);
}

enum db_status
dossiers_lookup(struct db *db, struct arena *a, const char *code,
    const unsigned char pin_hash[32], struct dossier *d, int *found)
{
	static const char hexd[] = "0123456789abcdef";
	char		 hex[65];
	const char	*p[2] = { code, hex };
	PGresult	*res;
	enum db_status	 rc;
	int		 i;

	memset(d, 0, sizeof(*d));
	*found = 0;
	for (i = 0; i < 32; i++) {
		hex[2 * i] = hexd[pin_hash[i] >> 4];
		hex[2 * i + 1] = hexd[pin_hash[i] & 15];
	}
	hex[64] = '\0';
	if ((rc = db_exec_arena(db, a, &stmts[DOSSIERS_LOOKUP], p,
	    &res)) != DB_OK)
		return rc;
	if (PQntuples(res) != 1)
		return DB_OK;
	*found = 1;
	d->code = db_col(res, 0, 0);
	d->service = db_col(res, 0, 1);
	d->state = db_col(res, 0, 2);
	d->status = (int)db_col_i64(res, 0, 3);
	d->received_at = db_col_i64(res, 0, 4);
	d->due_at = db_col_i64(res, 0, 5);
	d->completed_at = db_col_i64(res, 0, 6);
	return DB_OK;
}

static enum db_status
counter(struct db *db, int64_t unit_id, int64_t day, int *seq)
{
	char		 u[24], dd[24];
	const char	*p[2] = { u, dd };
	PGresult	*res;
	enum db_status	 rc;

	snprintf(u, sizeof(u), "%" PRId64, unit_id);
	snprintf(dd, sizeof(dd), "%" PRId64, day);
	*seq = 0;
	if ((rc = db_exec_arena(db, NULL, &stmts[DOSSIERS_COUNTER], p,
	    &res)) != DB_OK)
		return rc;
	rc = PQntuples(res) == 1 ? DB_OK : DB_ERROR;
	if (rc == DB_OK)
		*seq = (int)db_col_i64(res, 0, 0);
	PQclear(res);
	return rc;
}

static enum db_status
insert(struct db *db, struct arena *a, const struct dossier_new *n,
    const struct audit_entry *ae, int64_t *id, int64_t *event_id)
{
	const char	*p[23];
	PGresult	*res;
	enum db_status	 rc;

	p[0] = n->code;
	p[1] = n->service;
	p[2] = n->version;
	p[3] = i64(a, n->applicant_id);
	p[4] = i64(a, n->unit_id);
	p[5] = opt(a, n->holder_unit_id);
	p[6] = n->state;
	p[7] = i64(a, n->status);
	p[8] = n->data;
	p[9] = to_hex(a, n->pin_hash, 32);
	p[10] = n->pin_salt;
	p[11] = i64(a, n->channel);
	p[12] = i64(a, n->received_at);
	p[13] = opt(a, n->due_at);
	p[14] = n->idem_key;
	p[15] = n->actor_kind;
	/* As audit_add has them. */
	p[16] = opt(a, ae->actor_id);
	p[17] = ae->actor_kind != NULL ? ae->actor_kind : "anonymous";
	p[18] = ae->action;
	p[19] = ae->object;
	p[20] = ae->detail_json;
	p[21] = ae->request_id;
	p[22] = ae->ip;
	*id = *event_id = 0;
	rc = db_exec_arena(db, NULL, &stmts[DOSSIERS_INSERT], p, &res);
	if (rc != DB_OK)
		return rc;
	rc = PQntuples(res) == 1 ? DB_OK : DB_ERROR;
	if (rc == DB_OK) {
		*id = db_col_i64(res, 0, 0);
		*event_id = db_col_i64(res, 0, 1);
	}
	PQclear(res);
	return rc;
}

static enum db_status
attach(struct db *db, struct arena *a, int64_t dossier_id,
    int64_t event_id, const struct attachment *at)
{
	const char	*p[8];
	PGresult	*res;
	enum db_status	 rc;

	p[0] = i64(a, dossier_id);
	p[1] = opt(a, event_id);
	p[2] = at->field;
	p[3] = at->filename;
	p[4] = at->mime;
	p[5] = i64(a, at->size);
	p[6] = at->sha256;
	p[7] = to_hex(a, at->content, (size_t)at->size);
	if ((rc = db_exec_arena(db, NULL, &stmts[DOSSIERS_ATTACH], p,
	    &res)) == DB_OK)
		PQclear(res);
	return rc;
}

static enum db_status
update(struct db *db, struct arena *a, const struct dossier_change *c,
    int *changed, int64_t *event_id)
{
	const char	*p[17];
	PGresult	*res;
	enum db_status	 rc;

	p[0] = i64(a, c->id);
	p[16] = i64(a, c->rev);
	p[1] = c->from_state;
	p[2] = c->to_state;
	p[3] = i64(a, c->status);
	p[4] = opt(a, c->holder_unit_id);
	p[5] = opt(a, c->due_at);
	p[6] = opt(a, c->completed_at);
	p[7] = c->paused;
	p[8] = c->data;
	p[9] = i64(a, c->at);
	p[10] = opt(a, c->actor_id);
	p[11] = c->actor_kind;
	p[12] = opt(a, c->actor_unit_id);
	p[13] = c->action;
	p[14] = c->comment;
	p[15] = c->reason;
	*changed = 0;
	rc = db_exec_arena(db, NULL, &stmts[DOSSIERS_UPDATE], p, &res);
	if (rc != DB_OK)
		return rc;
	*changed = PQntuples(res) == 1;
	*event_id = *changed ? db_col_i64(res, 0, 0) : 0;
	PQclear(res);
	return DB_OK;
}

enum db_status
dossiers_submit(struct db *db, struct arena *a, struct dossier_new *n,
    int (*named)(void *, int, struct dossier_new *, struct audit_entry *),
    void *arg, const struct attachment *atts, size_t natts,
    struct audit_entry *ae, int64_t *id)
{
	enum db_status	rc;
	int64_t		event_id;
	size_t		i;
	int		seq;

	*id = 0;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	/* UTC+7: the Vietnam date of receipt. */
	if ((rc = counter(db, n->unit_id, (n->received_at + 7 * 3600) /
	    86400, &seq)) != DB_OK)
		goto fail;
	if (named(arg, seq, n, ae) == -1) {
		rc = DB_ERROR;
		goto fail;
	}
	if ((rc = insert(db, a, n, ae, id, &event_id)) != DB_OK)
		goto fail;
	for (i = 0; i < natts; i++)
		if ((rc = attach(db, a, *id, event_id, &atts[i])) != DB_OK)
			goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	*id = 0;
	return rc;
}

enum db_status
dossiers_act(struct db *db, struct arena *a, const struct dossier_change *c,
    const struct attachment *atts, size_t natts,
    const struct audit_entry *ae, int *changed)
{
	enum db_status	rc;
	int64_t		event_id;
	size_t		i;

	*changed = 0;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = update(db, a, c, changed, &event_id)) != DB_OK)
		goto fail;
	for (i = 0; *changed && i < natts; i++)
		if ((rc = attach(db, a, c->id, event_id, &atts[i])) != DB_OK)
			goto fail;
	return audit_commit(db, ae, changed);
fail:
	db_rollback(db);
	*changed = 0;
	return rc;
}

enum db_status
dossiers_held_by(struct db *db, int64_t dossier_id, int64_t unit_id,
    int *held)
{
	char		 d[24], u[24];
	const char	*p[2] = { d, u };
	PGresult	*res;
	enum db_status	 rc;

	snprintf(d, sizeof(d), "%" PRId64, dossier_id);
	snprintf(u, sizeof(u), "%" PRId64, unit_id);
	*held = 0;
	if ((rc = db_exec_arena(db, NULL, &stmts[DOSSIERS_HELD_BY], p,
	    &res)) != DB_OK)
		return rc;
	*held = PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	return DB_OK;
}

enum db_status
dossiers_events(struct db *db, struct arena *a, int64_t id,
    struct dossier_event **out, size_t *n)
{
	const char		*p[1] = { i64(a, id) };
	struct dossier_event	*v;
	PGresult		*res;
	enum db_status		 rc;
	int			 i;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec_arena(db, a, &stmts[DOSSIERS_EVENTS], p,
	    &res)) != DB_OK)
		return rc;
	v = arena_calloc(a, (size_t)PQntuples(res) + 1, sizeof(*v));
	for (i = 0; i < PQntuples(res); i++) {
		v[i].id = db_col_i64(res, i, 0);
		v[i].at = db_col_i64(res, i, 1);
		v[i].actor_id = db_col_i64(res, i, 2);
		v[i].actor_kind = db_col(res, i, 3);
		v[i].actor_name = db_col(res, i, 4);
		v[i].actor_unit_code = db_col(res, i, 5);
		v[i].action = db_col(res, i, 6);
		v[i].from_state = db_col(res, i, 7);
		v[i].to_state = db_col(res, i, 8);
		v[i].holder_code = db_col(res, i, 9);
		v[i].comment = db_col(res, i, 10);
		v[i].reason = db_col(res, i, 11);
	}
	*out = v;
	*n = (size_t)PQntuples(res);
	return DB_OK;
}

enum db_status
dossiers_attachments(struct db *db, struct arena *a, int64_t id,
    struct attachment **out, size_t *n)
{
	const char		*p[1] = { i64(a, id) };
	struct attachment	*v;
	PGresult		*res;
	enum db_status		 rc;
	int			 i;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec_arena(db, a, &stmts[DOSSIERS_ATTACHMENTS], p,
	    &res)) != DB_OK)
		return rc;
	v = arena_calloc(a, (size_t)PQntuples(res) + 1, sizeof(*v));
	for (i = 0; i < PQntuples(res); i++) {
		v[i].id = db_col_i64(res, i, 0);
		v[i].field = db_col(res, i, 1);
		v[i].filename = db_col(res, i, 2);
		v[i].mime = db_col(res, i, 3);
		v[i].size = db_col_i64(res, i, 4);
		v[i].sha256 = db_col(res, i, 5);
	}
	*out = v;
	*n = (size_t)PQntuples(res);
	return DB_OK;
}

enum db_status
dossiers_attachment_contents(struct db *db, struct arena *a, int64_t id,
    struct attachment **out, size_t *n)
{
	const char		*p[1] = { i64(a, id) };
	struct attachment	*v;
	PGresult		*res;
	enum db_status		 rc;
	size_t			 len;
	int			 i;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec_arena(db, a, &stmts[DOSSIERS_ATTACHMENT_CONTENTS],
	    p, &res)) != DB_OK)
		return rc;
	v = arena_calloc(a, (size_t)PQntuples(res) + 1, sizeof(*v));
	for (i = 0; i < PQntuples(res); i++) {
		v[i].field = db_col(res, i, 0);
		v[i].filename = db_col(res, i, 1);
		v[i].content = db_col_hex(a, res, i, 2, &len);
		v[i].size = (int64_t)len;
	}
	*out = v;
	*n = (size_t)PQntuples(res);
	return DB_OK;
}

enum db_status
dossiers_list(struct db *db, struct arena *a, const struct dossier_filter *f,
    struct dossier **out, size_t *n)
{
	static const enum dossiers_stmt by_box[BOX__MAX] = {
		[BOX_MINE] = DOSSIERS_LIST_MINE,
		[BOX_INBOX] = DOSSIERS_LIST_INBOX,
		[BOX_HELD] = DOSSIERS_LIST_HELD,
		[BOX_ALL] = DOSSIERS_LIST_ALL,
	};
	const char	*p[8];
	struct dossier	*v;
	PGresult	*res;
	enum db_status	 rc;
	int		 i;

	if ((unsigned)f->box >= BOX__MAX)
		abort();
	p[0] = i64(a, f->key);
	p[1] = f->service;
	p[2] = f->state;
	p[3] = f->overdue < 0 ? NULL : f->overdue ? "true" : "false";
	p[4] = i64(a, f->now);
	p[5] = i64(a, f->limit);
	p[6] = i64(a, f->offset);
	p[7] = f->code;
	*out = NULL;
	*n = 0;
	if ((rc = db_exec_arena(db, a, &stmts[by_box[f->box]], p,
	    &res)) != DB_OK)
		return rc;
	v = arena_calloc(a, (size_t)PQntuples(res) + 1, sizeof(*v));
	for (i = 0; i < PQntuples(res); i++)
		dossier_row(res, i, &v[i]);
	*out = v;
	*n = (size_t)PQntuples(res);
	return DB_OK;
}

enum db_status
dossiers_lookup_fails(struct db *db, const char *ip, const char *object,
    int window_s, int *by_ip, int *retry_ip, int *by_object,
    int *retry_object)
{
	char		 w[16];
	const char	*p[3] = { ip, object, w };
	PGresult	*res;
	enum db_status	 rc;

	snprintf(w, sizeof(w), "%d", window_s);
	*by_ip = *retry_ip = *by_object = *retry_object = 0;
	if ((rc = db_exec_arena(db, NULL, &stmts[DOSSIERS_LOOKUP_FAILS], p,
	    &res)) != DB_OK)
		return rc;
	if (PQntuples(res) == 1) {
		*by_ip = (int)db_col_i64(res, 0, 0);
		*retry_ip = (int)db_col_i64(res, 0, 1);
		*by_object = (int)db_col_i64(res, 0, 2);
		*retry_object = (int)db_col_i64(res, 0, 3);
	}
	PQclear(res);
	return DB_OK;
}
