/*
 * db.h - the worker's database connection and its statement catalogue.
 *
 * All SQL lives in fcgi/store/; libpq is included nowhere else.  Each
 * worker holds one connection, prepares every statement of the
 * catalogue once per connection, and calls them by enum.  A lost
 * connection is re-established on the next request; while the database
 * is unreachable, calls return DB_UNAVAILABLE (the web layer answers
 * 503), and nothing crashes.
 */
#ifndef MOTCUA_DB_H
#define MOTCUA_DB_H

#include <stdint.h>

struct db;

enum db_status {
	DB_OK,
	DB_UNAVAILABLE,		/* cannot reach the database now, or it
				 * cannot finish the statement now (a
				 * timeout, a lock, a deadlock, no
				 * resources: db.c's transient[]) */
	DB_ERROR,		/* the statement failed; logged */
	DB_CONFLICT,		/* a unique constraint said no */
	DB__MAX
};

/* Connects lazily, at the first db_ready(): never blocks here. */
struct db	*db_open(const char *url, int statement_timeout_ms);
void		 db_close(struct db *);

/*
 * This connection serves requests: each new connection first checks
 * that its role owns no table, is no superuser and does not bypass
 * row-level security (migrations/0007_web_role.sql); else db_ready()
 * answers DB_ERROR (logged): better no service than one without its
 * second wall.  The commands (migrate, users, demo) run as the owner.
 */
void		 db_guarded(struct db *);

/* Make sure the connection is up and prepared, and idle. */
enum db_status	 db_ready(struct db *);

/*
 * Transactions, for use cases that change several tables at once: a
 * state change, its event and its audit entry commit together.  Commit
 * is DB_OK only if it committed; rollback is always safe to call.
 * Inside a transaction nothing is retried on a new connection.
 */
enum db_status	 db_begin(struct db *);
enum db_status	 db_commit(struct db *);
void		 db_rollback(struct db *);

/*
 * Who the next statements run for: the second wall of authorization
 * (migrations/0007_web_role.sql).  The server's role sees and changes
 * only the rows that row-level security lets this context reach, keyed
 * to kind ("citizen", "staff", "inspector", "partner", "anonymous"),
 * user and unit (0: none).  Set for every request once its session is
 * known, before any statement that touches dossiers or records.  It is
 * sent with the next statement only when it differs from what the
 * connection holds, and again on a new connection or after a rollback
 * (which undoes settings made inside the transaction).
 */
void		 db_context(struct db *, const char *kind, int64_t user_id,
		    int64_t unit_id);

/* After every request: roll back a transaction a handler left open. */
void		 db_request_end(struct db *);

/*
 * LISTEN (listen_sql, a constant "LISTEN channel") on this connection,
 * again on a new one, then wait up to ms for a notification: *woken 1
 * if one came (all waiting ones are consumed), else 0 (time-out, or a
 * signal).  Outside a transaction only.
 */
enum db_status	 db_wait_notify(struct db *, const char *listen_sql, int ms,
		    int *woken);

/* SELECT 1 through a prepared statement: the health check. */
enum db_status	 db_ping(struct db *);

/* Apply migrations/NNNN_*.sql from dir in order; see migrate.c. */
int		 db_migrate(const char *url, const char *dir);

#endif
