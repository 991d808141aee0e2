/*
 * db.c - see db.h.
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "db.h"

enum stmt {
	STMT_PING,
	STMT__MAX
};

/* The catalogue: name, SQL, number of parameters, safe to retry. */
static const struct {
	const char	*name;
	const char	*sql;
	int		 nparams;
	int		 retry;		/* read-only: retry once on a new conn */
} stmts[STMT__MAX] = {
	[STMT_PING] = { "ping", "SELECT 1", 0, 1 },
};

struct db {
	PGconn		*conn;
	char		*url;
	int		 prepared;
	int		 timeout_ms;
	struct timespec	 failed_at;	/* last failed connect */
	int		 failed;
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

static int
prepare_all(struct db *db)
{
	PGresult	*res;
	char		 opt[64];
	size_t		 i;
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
	for (i = 0; i < STMT__MAX; i++) {
		res = PQprepare(db->conn, stmts[i].name, stmts[i].sql,
		    stmts[i].nparams, NULL);
		ok = PQresultStatus(res) == PGRES_COMMAND_OK;
		if (!ok)
			log_msg(LOG_ERROR, "prepare %s: %s", stmts[i].name,
			    PQresultErrorMessage(res));
		PQclear(res);
		if (!ok)
			return -1;
	}
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

/* Run a catalogue statement; *out is NULL unless DB_OK. */
static enum db_status
exec_stmt(struct db *db, enum stmt s, const char *const *params,
    PGresult **out)
{
	PGresult	*res;
	ExecStatusType	 st;
	int		 attempt;
	enum db_status	 rc;

	*out = NULL;
	for (attempt = 0; attempt < 2; attempt++) {
		if ((rc = db_ready(db)) != DB_OK)
			return rc;
		res = PQexecPrepared(db->conn, stmts[s].name,
		    stmts[s].nparams, params, NULL, NULL, 0);
		st = PQresultStatus(res);
		if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
			*out = res;
			return DB_OK;
		}
		if (!conn_lost(db->conn, res)) {
			log_msg(LOG_ERROR, "statement %s: %s", stmts[s].name,
			    PQresultErrorMessage(res));
			PQclear(res);
			return DB_ERROR;
		}
		PQclear(res);
		/* Force a reconnect; retry only what is safe to repeat. */
		PQfinish(db->conn);
		db->conn = NULL;
		if (!stmts[s].retry)
			return DB_UNAVAILABLE;
	}
	return DB_UNAVAILABLE;
}

enum db_status
db_ping(struct db *db)
{
	PGresult	*res;
	enum db_status	 rc;

	if ((rc = exec_stmt(db, STMT_PING, NULL, &res)) != DB_OK)
		return rc;
	rc = PQntuples(res) == 1 ? DB_OK : DB_ERROR;
	PQclear(res);
	return rc;
}
