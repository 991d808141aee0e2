/*
 * db.c - see db.h.
 */
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/log.h"
#include "db.h"
#include "ops.h"
#include "store_int.h"

/* Every family of statements, prepared on each new connection. */
static const struct family *const families[] = {
	&ops_family,
	&audit_family,
	&accounts_family,
	&records_family,
	&units_family,
	&dossiers_family,
	&changes_family,
	&ratings_family,
	&attachments_family,
	&trail_family,
	&seal_family,
	&jobs_family,
	&timers_family,
	&notifications_family,
	&payments_family,
	&reports_family,
	&documents_family,
};

struct db {
	PGconn		*conn;
	char		*url;
	int		 prepared;
	int		 timeout_ms;
	struct timespec	 failed_at;	/* last failed connect */
	int		 failed;
	int		 in_tx;		/* inside db_begin .. commit */
	int		 begin_due;	/* BEGIN not sent yet: with the next
					 * statement, in its round trip */
	/* Definition digests stored through this connection (reset with
	 * the prepared statements, on a new connection). */
	char		 pinned[DB_PINNED_MAX][DB_PIN_LEN + 1];
	int		 npinned;
	/* The request's context (db_context) and whether the connection
	 * holds it. */
	char		 ctx_kind[16];
	char		 ctx_user[24];
	char		 ctx_unit[24];
	int		 ctx_sent;
	int		 guarded;	/* db_guarded(): check the role */
	int		 listening;	/* db_wait_notify's LISTEN was sent on
					 * this connection */
};

/* After a failed connect, answer "unavailable" this long without
 * trying again, so that an unreachable server does not hold every
 * request for a connect timeout. */
#define RETRY_AFTER_MS	1000

struct db *
db_open(const char *url, int statement_timeout_ms)
{
	struct db	*db;

	if ((db = calloc(1, sizeof(*db))) == NULL ||
	    (db->url = strdup(url)) == NULL) {
		fputs("motcua: out of memory\n", stderr);
		abort();
	}
	db->timeout_ms = statement_timeout_ms;
	return db;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	if (db->conn != NULL)
		PQfinish(db->conn);
	free(db->url);
	free(db);
}

int
db_pinned(const struct db *db, const char *digest)
{
	int	i;

	for (i = 0; i < db->npinned; i++)
		if (strcmp(db->pinned[i], digest) == 0)
			return 1;
	return 0;
}

void
db_pin_note(struct db *db, const char *digest)
{
	if (strlen(digest) > DB_PIN_LEN || db_pinned(db, digest))
		return;
	if (db->npinned == DB_PINNED_MAX)
		db->npinned = 0;	/* forget: they are checked again */
	snprintf(db->pinned[db->npinned++], DB_PIN_LEN + 1, "%s", digest);
}

void
db_guarded(struct db *db)
{
	db->guarded = 1;
}

/* The server's role must be held by row-level security. */
static int
role_check(struct db *db)
{
	PGresult	*res;
	int		 ok;

	res = PQexecPrepared(db->conn, ops_family.v[OPS_ROLE_CHECK].name, 0,
	    NULL, NULL, NULL, 0);
	ok = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
	    strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	if (!ok)
		log_msg(LOG_ERROR, "the database role of MOTCUA_DATABASE_URL "
		    "owns tables, is a superuser or bypasses row-level "
		    "security: the second wall would be down; connect as "
		    "motcua_web (README, \"Production\")");
	PQclear(res);
	return ok ? 0 : -1;
}

static int
prepare_all(struct db *db)
{
	PGresult	*res;
	char		 opt[64];
	size_t		 f, i;
	int		 ok;

	snprintf(opt, sizeof(opt), "%d", db->timeout_ms);
	{
		const char *vals[1] = { opt };

		res = PQexecParams(db->conn,
		    "SELECT set_config('statement_timeout', $1, false)",
		    1, NULL, vals, NULL, NULL, 0);
		ok = PQresultStatus(res) == PGRES_TUPLES_OK;
		PQclear(res);
		if (!ok)
			return -1;
	}
	for (f = 0; f < sizeof(families) / sizeof(families[0]); f++)
		for (i = 0; i < families[f]->n; i++) {
			const struct stmt *st = &families[f]->v[i];

			res = PQprepare(db->conn, st->name, st->sql,
			    st->nparams, NULL);
			ok = PQresultStatus(res) == PGRES_COMMAND_OK;
			if (!ok)
				log_msg(LOG_ERROR, "prepare %s: %s", st->name,
				    PQresultErrorMessage(res));
			PQclear(res);
			if (!ok)
				return -1;
		}
	if (db->guarded && role_check(db) == -1)
		return -1;
	db->prepared = 1;
	return 0;
}

static long
ms_since(const struct timespec *t)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t->tv_sec) * 1000 +
	    (now.tv_nsec - t->tv_nsec) / 1000000;
}

/*
 * connect_timeout comes first so that the URL's own setting wins; a
 * URL without one waits at most 3 seconds, not for ever.
 */
static PGconn *
connect_db(const char *url)
{
	const char *const keys[] = { "connect_timeout", "dbname", NULL };
	const char *const vals[] = { "3", url, NULL };

	return PQconnectdbParams(keys, vals, 1);
}

enum db_status
db_ready(struct db *db)
{
	PGresult	*res;

	if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) {
		if (db->failed && ms_since(&db->failed_at) < RETRY_AFTER_MS)
			return DB_UNAVAILABLE;
		if (db->conn != NULL)
			PQfinish(db->conn);
		db->conn = connect_db(db->url);
		db->prepared = 0;
		db->listening = 0;
		db->npinned = 0;
		db->ctx_sent = 0;
		if (PQstatus(db->conn) != CONNECTION_OK) {
			db->failed = 1;
			clock_gettime(CLOCK_MONOTONIC, &db->failed_at);
			return DB_UNAVAILABLE;
		}
		db->failed = 0;
	}
	/* Never reuse a connection left inside a transaction. */
	if (PQtransactionStatus(db->conn) != PQTRANS_IDLE) {
		res = PQexec(db->conn, "ROLLBACK");
		PQclear(res);
		db->ctx_sent = 0;
		if (PQstatus(db->conn) != CONNECTION_OK)
			return DB_UNAVAILABLE;
	}
	if (!db->prepared && prepare_all(db) == -1)
		return PQstatus(db->conn) == CONNECTION_OK ?
		    DB_ERROR : DB_UNAVAILABLE;
	return DB_OK;
}

/*
 * Was the failure the connection's, not the statement's?  Lost socket,
 * or the server shutting down (SQLSTATE class 08 and 57P).
 */
static int
conn_lost(const PGconn *conn, const PGresult *res)
{
	const char	*state;

	if (PQstatus(conn) != CONNECTION_OK)
		return 1;
	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	return state != NULL && (strncmp(state, "08", 2) == 0 ||
	    strncmp(state, "57P", 3) == 0);
}

/*
 * SQLSTATEs, or their classes by prefix, of a statement that failed
 * for now and would pass later: the database is busy, not wrong.  They
 * are DB_UNAVAILABLE (503, try again), not DB_ERROR (500): submissions
 * queued on one unit's day counter (the one lock they share) past the
 * statement timeout are a known condition of a busy day, not a bug.
 */
static const char *const transient[] = {
	"57014",	/* query_canceled: the statement timeout */
	"55P03",	/* lock_not_available */
	"40001",	/* serialization_failure */
	"40P01",	/* deadlock_detected */
	"53",		/* insufficient_resources: disk, memory, slots */
};

static enum db_status
status_of(const char *state)
{
	size_t	i;

	if (state == NULL)
		return DB_ERROR;
	if (strcmp(state, "23505") == 0)
		return DB_CONFLICT;
	for (i = 0; i < sizeof(transient) / sizeof(transient[0]); i++)
		if (strncmp(state, transient[i], strlen(transient[i])) == 0)
			return DB_UNAVAILABLE;
	return DB_ERROR;
}

void
db_context(struct db *db, const char *kind, int64_t user_id,
    int64_t unit_id)
{
	char	user[24], unit[24];

	snprintf(user, sizeof(user), "%lld", (long long)user_id);
	snprintf(unit, sizeof(unit), "%lld", (long long)unit_id);
	if (user_id == 0)
		user[0] = '\0';
	if (unit_id == 0)
		unit[0] = '\0';
	if (strlen(kind) >= sizeof(db->ctx_kind))
		abort();
	if (strcmp(db->ctx_kind, kind) == 0 &&
	    strcmp(db->ctx_user, user) == 0 && strcmp(db->ctx_unit, unit) == 0)
		return;
	memcpy(db->ctx_kind, kind, strlen(kind) + 1);
	memcpy(db->ctx_user, user, sizeof(user));
	memcpy(db->ctx_unit, unit, sizeof(unit));
	db->ctx_sent = 0;
}

/*
 * The statement, preceded by the context when the connection does not
 * hold it, and followed by COMMIT when *committed is asked for
 * (committed not NULL): all in one round trip (libpq's pipeline mode),
 * so that a request from someone new costs no extra wait, nor does the
 * last statement of a transaction.  Outside a transaction the context
 * and the statement run in one implicit transaction: a statement that
 * fails takes the context back with it, and it is sent again next
 * time.  A statement that fails skips the COMMIT (the transaction stays
 * open, aborted, for the caller's rollback); a COMMIT that fails
 * answers in the statement's place.  NULL when the connection failed.
 */
static PGresult *
run(struct db *db, const struct stmt *st, const char *const *params,
    int *committed)
{
	const char	*ctx[3] = { db->ctx_kind, db->ctx_user, db->ctx_unit };
	PGconn		*c = db->conn;
	PGresult	*r, *out = NULL;
	ExecStatusType	 rs;
	int		 send_ctx, send_begin, q_stmt, nq, query = 0;
	int		 ctx_ok = 0, begin_ok = 0;

	send_ctx = !db->ctx_sent && db->ctx_kind[0] != '\0';
	send_begin = db->begin_due;
	if (!send_ctx && !send_begin && committed == NULL)
		return PQexecPrepared(c, st->name, st->nparams, params, NULL,
		    NULL, 0);
	/* Queries, in order: the context, BEGIN, the statement, COMMIT. */
	q_stmt = send_ctx + send_begin;
	nq = q_stmt + 1 + (committed != NULL);
	if (PQenterPipelineMode(c) != 1 || (send_ctx &&
	    PQsendQueryPrepared(c, ops_family.v[OPS_CONTEXT].name, 3, ctx,
	    NULL, NULL, 0) != 1) || (send_begin && PQsendQueryParams(c,
	    "BEGIN", 0, NULL, NULL, NULL, NULL, 0) != 1) ||
	    PQsendQueryPrepared(c, st->name, st->nparams, params, NULL, NULL,
	    0) != 1 || (committed != NULL && PQsendQueryParams(c, "COMMIT",
	    0, NULL, NULL, NULL, NULL, 0) != 1) || PQpipelineSync(c) != 1) {
		log_msg(LOG_ERROR, "pipeline: %s", PQerrorMessage(c));
		goto lost;
	}
	/* Each query's results end with a NULL; the sync's ends all. */
	while (query <= nq) {
		if ((r = PQgetResult(c)) == NULL) {
			if (PQstatus(c) != CONNECTION_OK)
				break;
			query++;
			continue;
		}
		rs = PQresultStatus(r);
		if (rs == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			break;
		}
		if (send_ctx && query == 0) {
			if (!(ctx_ok = rs == PGRES_TUPLES_OK))
				log_msg(LOG_ERROR, "context: %s",
				    PQresultErrorMessage(r));
			PQclear(r);
		} else if (send_begin && query == q_stmt - 1) {
			/* A failed BEGIN aborts the pipeline: the statement
			 * is not run, and answers PGRES_PIPELINE_ABORTED. */
			if ((begin_ok = rs == PGRES_COMMAND_OK) == 0)
				log_msg(LOG_ERROR, "BEGIN: %s",
				    PQresultErrorMessage(r));
			PQclear(r);
		} else if (query == q_stmt && out == NULL)
			out = r;
		else if (query == q_stmt + 1 && rs == PGRES_FATAL_ERROR &&
		    out != NULL) {
			PQclear(out);
			out = r;
		} else {
			if (query == q_stmt + 1)
				*committed = rs == PGRES_COMMAND_OK &&
				    strcmp(PQcmdStatus(r), "COMMIT") == 0;
			PQclear(r);
		}
	}
	if (PQstatus(c) != CONNECTION_OK || PQexitPipelineMode(c) != 1 ||
	    PQpipelineStatus(c) != PQ_PIPELINE_OFF) {
		PQclear(out);
		goto lost;
	}
	rs = PQresultStatus(out);
	if (send_ctx)
		db->ctx_sent = ctx_ok &&
		    (rs == PGRES_TUPLES_OK || rs == PGRES_COMMAND_OK);
	if (send_begin && begin_ok)
		db->begin_due = 0;	/* the transaction is open */
	return out;
lost:
	/* A connection left in pipeline mode, or with a query queued,
	 * would answer the next statement wrongly: drop it. */
	PQfinish(c);
	db->conn = NULL;
	return NULL;
}

static enum db_status
exec(struct db *db, const struct stmt *st, const char *const *params,
    int *committed, PGresult **out)
{
	PGresult	*res;
	ExecStatusType	 rs;
	const char	*state, *msg;
	int		 attempt;
	enum db_status	 rc;

	*out = NULL;
	for (attempt = 0; attempt < 2; attempt++) {
		if (!db->in_tx && (rc = db_ready(db)) != DB_OK)
			return rc;
		if (db->conn == NULL)
			return DB_UNAVAILABLE;
		res = run(db, st, params, committed);
		if (res == NULL && db->conn == NULL) {
			if (db->in_tx || !st->retry)
				return DB_UNAVAILABLE;
			continue;
		}
		rs = PQresultStatus(res);
		if (rs == PGRES_TUPLES_OK || rs == PGRES_COMMAND_OK) {
			*out = res;
			return DB_OK;
		}
		if (!conn_lost(db->conn, res)) {
			state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
			rc = status_of(state);
			/* The primary message only: DETAIL may quote a
			 * row, personal data that logs must not keep. */
			msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
			if (rc != DB_CONFLICT)
				log_msg(rc == DB_ERROR ? LOG_ERROR : LOG_WARN,
				    "statement %s: %s (%s)", st->name,
				    msg ? msg : "error", state ? state : "");
			PQclear(res);
			return rc;
		}
		PQclear(res);
		/* Force a reconnect; retry only what is safe to repeat. */
		PQfinish(db->conn);
		db->conn = NULL;
		if (db->in_tx || !st->retry)
			return DB_UNAVAILABLE;
	}
	return DB_UNAVAILABLE;
}

enum db_status
db_exec(struct db *db, const struct stmt *st, const char *const *params,
    PGresult **out)
{
	return exec(db, st, params, NULL, out);
}

enum db_status
db_exec_commit(struct db *db, const struct stmt *st,
    const char *const *params)
{
	PGresult	*res;
	enum db_status	 rc;
	int		 committed = 0;

	if (!db->in_tx)
		abort();
	if ((rc = exec(db, st, params, &committed, &res)) == DB_OK) {
		PQclear(res);
		if (committed) {
			db->in_tx = 0;
			return DB_OK;
		}
		log_msg(LOG_ERROR, "COMMIT: the transaction had failed");
		rc = DB_ERROR;
	}
	db_rollback(db);
	return rc;
}

static void
clear(void *res)
{
	PQclear(res);
}

enum db_status
db_exec_arena(struct db *db, struct arena *a, const struct stmt *st,
    const char *const *params, PGresult **out)
{
	enum db_status	rc;

	if ((rc = db_exec(db, st, params, out)) == DB_OK && a != NULL)
		arena_cleanup(a, clear, *out);
	return rc;
}

enum db_status
db_exec_only(struct db *db, const struct stmt *st, const char *const *params)
{
	PGresult	*res;
	enum db_status	 rc;

	if ((rc = db_exec(db, st, params, &res)) == DB_OK)
		PQclear(res);
	return rc;
}

static enum db_status
command(struct db *db, const char *sql)
{
	PGresult	*res;
	enum db_status	 rc;

	if (db->conn == NULL)
		return DB_UNAVAILABLE;
	res = PQexec(db->conn, sql);
	if (PQresultStatus(res) == PGRES_COMMAND_OK)
		rc = DB_OK;
	else if (PQstatus(db->conn) != CONNECTION_OK)
		rc = DB_UNAVAILABLE;
	else {
		log_msg(LOG_ERROR, "%s: %s", sql, PQresultErrorMessage(res));
		rc = DB_ERROR;
	}
	PQclear(res);
	return rc;
}

enum db_status
db_begin(struct db *db)
{
	enum db_status	rc;

	if ((rc = db_ready(db)) != DB_OK)
		return rc;
	/* Sent with the transaction's first statement (run): one round
	 * trip less for every change. */
	db->in_tx = 1;
	db->begin_due = 1;
	return DB_OK;
}

enum db_status
db_commit(struct db *db)
{
	PGresult	*res;
	enum db_status	 rc;

	/* COMMIT of a failed transaction reports success, with the tag
	 * ROLLBACK: only the tag COMMIT means it committed.  A transaction
	 * that ran no statement was never begun: nothing to commit. */
	if (db->begin_due)
		rc = DB_OK;
	else if (db->conn == NULL)
		rc = DB_UNAVAILABLE;
	else {
		res = PQexec(db->conn, "COMMIT");
		if (PQresultStatus(res) == PGRES_COMMAND_OK &&
		    strcmp(PQcmdStatus(res), "COMMIT") == 0)
			rc = DB_OK;
		else if (PQstatus(db->conn) != CONNECTION_OK)
			rc = DB_UNAVAILABLE;
		else {
			log_msg(LOG_ERROR, "COMMIT: %s",
			    PQresultStatus(res) == PGRES_COMMAND_OK ?
			    "the transaction had failed; rolled back" :
			    PQresultErrorMessage(res));
			rc = DB_ERROR;
		}
		PQclear(res);
	}
	db->in_tx = 0;
	db->begin_due = 0;
	if (rc != DB_OK)
		db->ctx_sent = 0;
	return rc;
}

void
db_request_end(struct db *db)
{
	if (db->in_tx) {
		log_msg(LOG_WARN, "a transaction was left open; rolled back");
		db_rollback(db);
	}
}

void
db_rollback(struct db *db)
{
	if (db->in_tx && !db->begin_due && db->conn != NULL &&
	    PQstatus(db->conn) == CONNECTION_OK)
		(void)command(db, "ROLLBACK");
	db->in_tx = 0;
	db->begin_due = 0;
	db->ctx_sent = 0;
}

enum db_status
db_ping(struct db *db)
{
	PGresult	*res;
	enum db_status	 rc;

	if ((rc = db_exec(db, &ops_family.v[OPS_PING], NULL, &res)) != DB_OK)
		return rc;
	rc = PQntuples(res) == 1 ? DB_OK : DB_ERROR;
	PQclear(res);
	return rc;
}

/* Notifications that arrived: drained, 1 if any. */
static int
drain_notifies(PGconn *conn)
{
	PGnotify	*n;
	int		 any = 0;

	while ((n = PQnotifies(conn)) != NULL) {
		any = 1;
		PQfreemem(n);
	}
	return any;
}

enum db_status
db_wait_notify(struct db *db, const char *listen_sql, int ms, int *woken)
{
	struct pollfd	 pfd;
	PGresult	*res;
	int		 ok;

	*woken = 0;
	if (db->in_tx)
		abort();
	if (db_ready(db) != DB_OK)
		return DB_UNAVAILABLE;
	if (!db->listening) {
		res = PQexec(db->conn, listen_sql);
		ok = PQresultStatus(res) == PGRES_COMMAND_OK;
		PQclear(res);
		if (!ok) {
			log_msg(LOG_ERROR, "LISTEN: %s",
			    PQerrorMessage(db->conn));
			return PQstatus(db->conn) == CONNECTION_OK ?
			    DB_ERROR : DB_UNAVAILABLE;
		}
		db->listening = 1;
	}
	if (PQconsumeInput(db->conn) == 0)
		return DB_UNAVAILABLE;
	if ((*woken = drain_notifies(db->conn)))
		return DB_OK;
	pfd.fd = PQsocket(db->conn);
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (pfd.fd < 0)
		return DB_UNAVAILABLE;
	/* EINTR (a signal) answers as a time-out: the caller looks at its
	 * flags. */
	if (poll(&pfd, 1, ms) > 0) {
		if (PQconsumeInput(db->conn) == 0)
			return DB_UNAVAILABLE;
		*woken = drain_notifies(db->conn);
	}
	return DB_OK;
}
