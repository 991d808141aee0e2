/*
 * migrate.c - `motcua migrate`: apply migrations/NNNN_name.sql in order.
 *
 * Each file runs in its own transaction together with the row that
 * records it in schema_migrations, so a file is applied entirely or
 * not at all.  An advisory lock keeps two migrators apart.  A file that
 * was changed after it was applied is an error: history is not
 * rewritten.  Migration files must not hold transaction control.
 */
#include <dirent.h>
#include <errno.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/hash.h"
#include "db.h"

#define MIGRATION_MAX	(4 << 20)	/* bytes of one file */
#define LOCK_KEY	"7243019"	/* pg_advisory_lock key: "motcua" */

static int
is_migration(const char *name)
{
	size_t	n = strlen(name);
	int	i;

	if (n < 10 || strcmp(name + n - 4, ".sql") != 0 || name[4] != '_')
		return 0;
	for (i = 0; i < 4; i++)
		if (name[i] < '0' || name[i] > '9')
			return 0;
	return 1;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf = NULL;
	long	 sz;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == -1 || (sz = ftell(f)) < 0 ||
	    sz > MIGRATION_MAX || fseek(f, 0, SEEK_SET) == -1)
		goto fail;
	if ((buf = malloc((size_t)sz + 1)) == NULL)
		goto fail;
	if (fread(buf, 1, (size_t)sz, f) != (size_t)sz)
		goto fail;
	buf[sz] = '\0';
	if (strlen(buf) != (size_t)sz)	/* NUL inside: not SQL text */
		goto fail;
	*len = (size_t)sz;
	fclose(f);
	return buf;
fail:
	free(buf);
	fclose(f);
	errno = errno ? errno : EINVAL;
	return NULL;
}

/* Line of a 1-based character position in SQL text. */
static int
line_of(const char *sql, const char *pos)
{
	long	 p;
	int	 line = 1;

	if (pos == NULL || (p = strtol(pos, NULL, 10)) <= 0)
		return 0;
	/* The position counts characters; count bytes that start one. */
	for (; *sql != '\0' && p > 1; sql++) {
		if (((unsigned char)*sql & 0xC0) != 0x80)
			p--;
		if (*sql == '\n')
			line++;
	}
	return line;
}

static int
command(PGconn *c, const char *sql)
{
	PGresult	*res;
	int		 ok;

	res = PQexec(c, sql);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK ||
	    PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok)
		fprintf(stderr, "motcua migrate: %s", PQerrorMessage(c));
	PQclear(res);
	return ok ? 0 : -1;
}

/* 1 applied with the same digest, 0 not applied, -1 error/changed. */
static int
applied(PGconn *c, const char *name, const char *digest)
{
	PGresult	*res;
	const char	*vals[1] = { name };
	int		 rc;

	res = PQexecParams(c, "SELECT sha256 FROM schema_migrations "
	    "WHERE name = $1", 1, NULL, vals, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		fprintf(stderr, "motcua migrate: %s", PQerrorMessage(c));
		rc = -1;
	} else if (PQntuples(res) == 0)
		rc = 0;
	else if (strcmp(PQgetvalue(res, 0, 0), digest) == 0)
		rc = 1;
	else {
		fprintf(stderr, "motcua migrate: %s was changed after it was "
		    "applied; write a new migration instead\n", name);
		rc = -1;
	}
	PQclear(res);
	return rc;
}

static int
apply(PGconn *c, const char *dir, const char *name, int *count)
{
	char		 path[4096], digest[SHA256_HEX_LEN + 1];
	const char	*vals[2];
	char		*sql;
	size_t		 len;
	PGresult	*res;
	int		 rc, line;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((sql = slurp(path, &len)) == NULL) {
		fprintf(stderr, "motcua migrate: %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	sha256_hex(sql, len, digest);
	if ((rc = applied(c, name, digest)) != 0) {
		free(sql);
		return rc == 1 ? 0 : -1;
	}
	if (command(c, "BEGIN") == -1)
		goto fail;
	res = PQexec(c, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK &&
	    PQresultStatus(res) != PGRES_EMPTY_QUERY) {
		/* file:line: when PostgreSQL says where, else file: */
		if ((line = line_of(sql, PQresultErrorField(res,
		    PG_DIAG_STATEMENT_POSITION))) > 0)
			fprintf(stderr, "%s:%d: %s", path, line,
			    PQresultErrorMessage(res));
		else
			fprintf(stderr, "%s: %s", path,
			    PQresultErrorMessage(res));
		PQclear(res);
		goto rollback;
	}
	PQclear(res);
	if (PQtransactionStatus(c) != PQTRANS_INTRANS) {
		/* The file ended our transaction: what it did before its
		 * COMMIT stays.  Say so rather than claim a clean state. */
		fprintf(stderr, "%s: must not commit or roll back itself; "
		    "what it did before doing so may remain, check the "
		    "database\n", path);
		res = PQexec(c, "ROLLBACK");
		PQclear(res);
		free(sql);
		return -1;
	}
	vals[0] = name;
	vals[1] = digest;
	res = PQexecParams(c, "INSERT INTO schema_migrations (name, sha256) "
	    "VALUES ($1, $2)", 2, NULL, vals, NULL, NULL, 0);
	rc = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!rc)
		fprintf(stderr, "motcua migrate: %s", PQerrorMessage(c));
	PQclear(res);
	if (!rc || command(c, "COMMIT") == -1)
		goto rollback;
	printf("applied %s\n", name);
	(*count)++;
	free(sql);
	return 0;
rollback:
	res = PQexec(c, "ROLLBACK");
	PQclear(res);
	fprintf(stderr, "motcua migrate: %s not applied; the database is as "
	    "it was before it\n", name);
fail:
	free(sql);
	return -1;
}

int
db_migrate(const char *url, const char *dir)
{
	PGconn		*c;
	DIR		*d;
	struct dirent	*de;
	char		**names = NULL, **tmp;
	size_t		 n = 0, cap = 0, i;
	int		 rc = -1, count = 0;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "motcua migrate: %s: %s\n", dir,
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (!is_migration(de->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((tmp = realloc(names, cap * sizeof(*names))) == NULL)
				abort();
			names = tmp;
		}
		if ((names[n++] = strdup(de->d_name)) == NULL)
			abort();
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp);

	c = PQconnectdb(url);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "motcua migrate: %s", PQerrorMessage(c));
		goto out;
	}
	if (command(c, "SET client_min_messages = warning") == -1 ||
	    command(c, "SELECT pg_advisory_lock(" LOCK_KEY ")") == -1 ||
	    command(c, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "name text PRIMARY KEY, sha256 text NOT NULL, "
	    "applied_at timestamptz NOT NULL DEFAULT now())") == -1)
		goto out;
	for (i = 0; i < n; i++)
		if (apply(c, dir, names[i], &count) == -1)
			goto out;
	printf("migrations: %d applied, %zu in all\n", count, n);
	rc = 0;
out:
	PQfinish(c);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}
