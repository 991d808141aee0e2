/*
 * dossiers.c - the dossiers family of statements: reading dossiers,
 * see dossiers.h.  One dossier (by key, by code, the public lookup and
 * its throttle, what a submission reads first), its events and
 * attachments, and the lists (mine, the inbox and its filters).
 * Writing them is changes.c's; units are units.c's.
 *
 * Results are tied to the caller's arena (PQclear at its reset), so the
 * strings handed back point into them.
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

/* DOSSIER_COLS are read by position (dossier_row): DOSSIER_NCOLS. */
#define DOSSIER_NCOLS	26
#define DOSSIER_COLS \
	"d.id, d.code, d.service, d.version, d.applicant_id, d.unit_id, " \
	"u.code, d.holder_unit_id, h.code, d.state, d.status, d.data::text, " \
	"d.pin_salt, d.channel, " \
	"extract(epoch FROM d.received_at)::bigint, " \
	"extract(epoch FROM d.due_at)::bigint, " \
	"extract(epoch FROM d.completed_at)::bigint, d.paused::text, " \
	"d.rev, d.rating, d.rating_comment, " \
	"extract(epoch FROM d.rated_at)::bigint, h.name_vi, h.name_en, " \
	"d.request_hash, extract(epoch FROM d.escalated_at)::bigint " \
	"FROM dossiers d JOIN units u ON u.id = d.unit_id " \
	"LEFT JOIN units h ON h.id = d.holder_unit_id "

/* $2 service, $3 state, $4 overdue, $5 now, $6 limit, $7 offset,
 * $8 code (the whole code: one dossier, by its unique index).  Ties of
 * due date in the order of filing: by code as text, a day's 10000th
 * dossier would come before its 9999th. */
#define LIST_FILTER \
	" AND ($8::text IS NULL OR d.code = $8)" \
	" AND ($2::text IS NULL OR d.service = $2)" \
	" AND ($3::text IS NULL OR d.state = $3)" \
	" AND ($4::boolean IS NULL OR (d.completed_at IS NULL AND" \
	" (d.escalated_at IS NOT NULL OR (d.status NOT IN (5, 6, 8) AND" \
	" d.due_at < to_timestamp($5::bigint)))) = $4)" \
	" ORDER BY d.due_at NULLS LAST, d.id LIMIT $6::int OFFSET $7::int"

static const struct stmt stmts[DOSSIERS__MAX] = {
	[DOSSIERS_BY_KEY] = { "dossiers_by_key",
	    "SELECT " DOSSIER_COLS
	    "WHERE d.applicant_id = $1::bigint AND d.idempotency_key = $2",
	    2, 1 },
	[DOSSIERS_BY_CODE] = { "dossiers_by_code",
	    "SELECT " DOSSIER_COLS "WHERE d.code = $1", 1, 1 },
	[DOSSIERS_HELD_BY] = { "dossiers_held_by",
	    "SELECT EXISTS (SELECT 1 FROM dossier_events WHERE dossier_id = "
	    "$1::bigint AND (holder_unit_id = $2::bigint OR actor_unit_id = "
	    "$2::bigint))", 2, 1 },
	[DOSSIERS_EVENTS] = { "dossiers_events",
	    "SELECT e.id, extract(epoch FROM e.at)::bigint, e.actor_id, "
	    "e.actor_kind, us.full_name, au.code, e.action, e.from_state, "
	    "e.to_state, hu.code, e.comment, e.reason, au.name_vi, "
	    "au.name_en "
	    "FROM dossier_events e LEFT JOIN users us ON us.id = e.actor_id "
	    "LEFT JOIN units au ON au.id = e.actor_unit_id "
	    "LEFT JOIN units hu ON hu.id = e.holder_unit_id "
	    "WHERE e.dossier_id = $1::bigint ORDER BY e.id", 1, 1 },
	[DOSSIERS_ATTACHMENTS] = { "dossiers_attachments",
	    "SELECT id, field, filename, mime, size, sha256, removed_by "
	    "FROM attachments WHERE dossier_id = $1::bigint ORDER BY id",
	    1, 1 },
	[DOSSIERS_ATTACHMENT_CONTENTS] = { "dossiers_attachment_contents",
	    "SELECT id, field, filename, encode(content, 'hex') FROM "
	    "attachments WHERE dossier_id = $1::bigint AND removed_by IS NULL "
	    "ORDER BY id", 1, 1 },
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
	d->holder_name_vi = db_col(res, row, 22);
	d->holder_name_en = db_col(res, row, 23);
	d->request_hash = db_col(res, row, 24);
	d->escalated_at = db_col_i64(res, row, 25);
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
	if (PQnfields(res) != DOSSIER_NCOLS)
		return DB_ERROR;	/* res is the arena's */
	if (PQntuples(res) == 1)
		dossier_row(res, 0, d);
	return DB_OK;
}

enum db_status
dossiers_by_key(struct db *db, struct arena *a, int64_t applicant_id,
    const char *idem_key, struct dossier *d)
{
	const char	*p[2] = { db_i64(a, applicant_id), idem_key };

	return one_dossier(db, a, DOSSIERS_BY_KEY, p, d);
}

static const char *
json_str(struct arena *a, json_t *arr, size_t i)
{
	const char	*s = json_string_value(json_array_get(arr, i));

	return s != NULL ? arena_strdup(a, s) : NULL;
}

/* dossiers_submitter's columns: the applicant's and the units after
 * the dossier's (DOSSIER_COLS), then the pupil's. */
#define SUB_AP		DOSSIER_NCOLS
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
	p[0] = db_i64(a, applicant_id);
	p[1] = idem_key;
	p[2] = db_text_array(a, unit_codes, nunit_codes);
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
	const char	*p[2] = { code, db_hex(a, pin_hash, 32) };
	PGresult	*res;
	enum db_status	 rc;

	memset(d, 0, sizeof(*d));
	*found = 0;
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
	const char		*p[1] = { db_i64(a, id) };
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
		v[i].actor_unit_vi = db_col(res, i, 12);
		v[i].actor_unit_en = db_col(res, i, 13);
	}
	*out = v;
	*n = (size_t)PQntuples(res);
	return DB_OK;
}

enum db_status
dossiers_attachments(struct db *db, struct arena *a, int64_t id,
    struct attachment **out, size_t *n)
{
	const char		*p[1] = { db_i64(a, id) };
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
		v[i].removed_by = db_col_i64(res, i, 6);
	}
	*out = v;
	*n = (size_t)PQntuples(res);
	return DB_OK;
}

enum db_status
dossiers_attachment_contents(struct db *db, struct arena *a, int64_t id,
    struct attachment **out, size_t *n)
{
	const char		*p[1] = { db_i64(a, id) };
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
		v[i].id = db_col_i64(res, i, 0);
		v[i].field = db_col(res, i, 1);
		v[i].filename = db_col(res, i, 2);
		v[i].content = db_col_hex(a, res, i, 3, &len);
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
	p[0] = db_i64(a, f->key);
	p[1] = f->service;
	p[2] = f->state;
	p[3] = f->overdue < 0 ? NULL : f->overdue ? "true" : "false";
	p[4] = db_i64(a, f->now);
	p[5] = db_i64(a, f->limit);
	p[6] = db_i64(a, f->offset);
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
    int window_s, struct lookup_fails *f)
{
	char		 w[16];
	const char	*p[3] = { ip, object, w };
	PGresult	*res;
	enum db_status	 rc;

	snprintf(w, sizeof(w), "%d", window_s);
	memset(f, 0, sizeof(*f));
	if ((rc = db_exec_arena(db, NULL, &stmts[DOSSIERS_LOOKUP_FAILS], p,
	    &res)) != DB_OK)
		return rc;
	if (PQnfields(res) != 6)
		rc = DB_ERROR;
	else if (PQntuples(res) == 1) {
		f->by_address = (int)db_col_i64(res, 0, 0);
		f->retry_address = (int)db_col_i64(res, 0, 1);
		f->by_pair = (int)db_col_i64(res, 0, 2);
		f->retry_pair = (int)db_col_i64(res, 0, 3);
		f->by_object = (int)db_col_i64(res, 0, 4);
		f->retry_object = (int)db_col_i64(res, 0, 5);
	}
	PQclear(res);
	return rc;
}
