/*
 * fcgi_min.c - the baseline for `make bench`: the least a libfcgi
 * responder can do to answer a health check with a database round trip.
 * Forks N processes on one socket; each holds a libpq connection with a
 * prepared "SELECT 1" and answers every request with the same body as
 * motcua's /healthz.  No parsing, routing, arena, logging or metrics:
 * what motcua adds on top of this is the framework's own cost.
 *
 * usage: fcgi_min SOCKET WORKERS CONNINFO
 */
#include <fcgiapp.h>
#include <libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char body[] = "{\"status\":\"ok\",\"database\":\"ok\"}\n";

static int
serve(int lfd, const char *conninfo)
{
	FCGX_Request	 req;
	PGconn		*c;
	PGresult	*res;
	int		 ok;

	c = PQconnectdb(conninfo);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "fcgi_min: %s", PQerrorMessage(c));
		return 1;
	}
	res = PQprepare(c, "ping", "SELECT 1", 0, NULL);
	PQclear(res);
	FCGX_InitRequest(&req, lfd, 0);
	while (FCGX_Accept_r(&req) >= 0) {
		res = PQexecPrepared(c, "ping", 0, NULL, NULL, NULL, 0);
		ok = PQresultStatus(res) == PGRES_TUPLES_OK;
		PQclear(res);
		if (ok)
			FCGX_FPrintF(req.out, "Status: 200 OK\r\n"
			    "Content-Type: application/json\r\n"
			    "Content-Length: %d\r\n\r\n%s",
			    (int)strlen(body), body);
		else
			FCGX_PutS("Status: 503 Service Unavailable\r\n\r\n",
			    req.out);
		FCGX_Finish_r(&req);
	}
	PQfinish(c);
	return 0;
}

int
main(int argc, char *argv[])
{
	int	lfd, n, i;

	if (argc != 4) {
		fputs("usage: fcgi_min SOCKET WORKERS CONNINFO\n", stderr);
		return 2;
	}
	n = atoi(argv[2]);
	unlink(argv[1]);
	FCGX_Init();
	if ((lfd = FCGX_OpenSocket(argv[1], 256)) < 0) {
		perror("fcgi_min: listen");
		return 1;
	}
	chmod(argv[1], 0666);
	for (i = 0; i < n; i++)
		if (fork() == 0)
			return serve(lfd, argv[3]);
	signal(SIGTERM, SIG_DFL);
	while (wait(NULL) > 0)
		continue;
	return 0;
}
