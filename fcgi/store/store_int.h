/*
 * store_int.h - what the files of fcgi/store/ share: the statement
 * catalogue, split by table family.  Each family (ops.c, accounts.c,
 * dossiers.c, changes.c ...) has its own enum and its own table of
 * statements, indexed by that enum, and is listed once in db.c's
 * families[]; every statement of every family is prepared once per
 * connection and called with db_exec(db, &family[ENUM], ...).
 * Statement names carry the family's prefix so that they are unique.
 * SQL is never built from strings: parameters only.
 */
#ifndef MOTCUA_STORE_INT_H
#define MOTCUA_STORE_INT_H

#include <libpq-fe.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"

struct arena;

struct stmt {
	const char	*name;
	const char	*sql;
	int		 nparams;
	int		 retry;		/* read-only: retry once on a new conn */
};

struct family {
	const struct stmt *v;
	size_t		 n;
};

/* The families; db.c lists them. */
extern const struct family ops_family;
extern const struct family audit_family;
extern const struct family accounts_family;
extern const struct family records_family;
extern const struct family units_family;
extern const struct family dossiers_family;
extern const struct family changes_family;
extern const struct family ratings_family;
extern const struct family attachments_family;
extern const struct family trail_family;
extern const struct family seal_family;
extern const struct family jobs_family;
extern const struct family timers_family;
extern const struct family notifications_family;
extern const struct family payments_family;

struct dossier_change;

/* changes.c: a dossier's change and its event, inside the caller's
 * transaction; *changed 0 when the dossier moved on meanwhile. */
enum db_status	 changes_update(struct db *, struct arena *,
		    const struct dossier_change *, int *changed,
		    int64_t *event_id);
/* payments.c: inside the caller's transaction, a withdrawn dossier's
 * paid payments become refund-due. */
enum db_status	 payments_refund_due_tx(struct db *, struct arena *,
		    int64_t dossier_id, int64_t at);
extern const struct family reports_family;
extern const struct family documents_family;

/*
 * Run a prepared statement.  On DB_OK *out holds the result, which the
 * caller PQclear()s (or ties to an arena).  Outside a transaction, a
 * statement marked retry is retried once on a fresh connection when
 * the connection was lost.  Errors are logged; the caller maps them.
 * A unique violation gives DB_CONFLICT.
 */
enum db_status	 db_exec(struct db *, const struct stmt *,
		    const char *const *params, PGresult **out);

/* db_exec, with the result freed at the arena's reset (a may be NULL:
 * then the caller PQclear()s it). */
enum db_status	 db_exec_arena(struct db *, struct arena *, const struct stmt *,
		    const char *const *params, PGresult **out);
/*
 * The last statement of a transaction (db_begin'd), and COMMIT, in one
 * round trip; its result is dropped.  DB_OK only if it committed; on
 * any failure the transaction is rolled back.
 */
enum db_status	 db_exec_commit(struct db *, const struct stmt *,
		    const char *const *params);
/* db_exec for the statement's effect only; the result is dropped. */
enum db_status	 db_exec_only(struct db *, const struct stmt *,
		    const char *const *params);
/* A column as text, NULL when SQL NULL; as an integer, 0 when NULL. */
const char	*db_col(const PGresult *, int row, int col);
int64_t		 db_col_i64(const PGresult *, int row, int col);
/* A statement's parameter: an integer as text, in the arena. */
const char	*db_i64(struct arena *, int64_t);
/* A text[] literal of these n strings (a parameter for $n::text[]). */
const char	*db_text_array(struct arena *, const char *const *v, size_t n);
/* n bytes as 2n lower-case hex digits (a parameter for decode($n,
 * 'hex')), in the arena; and back. */
char		*db_hex(struct arena *, const unsigned char *, size_t n);
void		 db_unhex(const char *hex, unsigned char *out, size_t n);
/* A column of hex digits (encode(x, 'hex')) as bytes in the arena, with
 * a NUL after them; NULL (*len 0) when SQL NULL. */
unsigned char	*db_col_hex(struct arena *, const PGresult *, int row, int col,
		    size_t *len);

/*
 * Definition versions known to be stored (dossiers_def_pin), remembered
 * per connection like the prepared statements: forgotten on a new one.
 */
#define DB_PINNED_MAX	64
#define DB_PIN_LEN	64
int		 db_pinned(const struct db *, const char *digest);
void		 db_pin_note(struct db *, const char *digest);

/* Transactions (db_begin, db_commit, db_rollback) are in db.h. */

#endif
