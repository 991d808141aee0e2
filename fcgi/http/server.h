/*
 * server.h - `motcua serve`: a prefork FastCGI server.
 *
 * The master binds the socket, drops root, and forks N workers; each
 * worker has its own database connection and arena and serves one
 * request at a time.  Signals to the master:
 *   SIGTERM, SIGINT  drain: the socket stops taking connections, the
 *                    workers finish what is in flight and queued, exit
 *   SIGHUP           a new generation of workers starts; the old one
 *                    finishes its requests in flight and exits
 *   SIGCHLD          a dead worker of the current generation is replaced
 * Before it drops root, the master also starts the site's helper
 * processes (the signer): each has a keeper, which calls its prepare
 * (as root if the master was: a helper switches to its own user there)
 * and runs its main in a child, and again a second after that child
 * dies.  SIGHUP and SIGTERM reach the helpers through their keepers;
 * the master exits once the workers and the helpers have.  The keeper
 * is named motcua-keeper and the helper motcua-NAME (ps, pgrep).
 * The transport knows nothing of what it serves: the site (web/) gives
 * it a struct http_site of hooks.  libfcgi is used in this folder only.
 */
#ifndef MOTCUA_SERVER_H
#define MOTCUA_SERVER_H

#include <stddef.h>

struct config;
struct endpoint;
struct req;
struct resp;

struct http_helper {
	const char	*name;		/* "signer" */
	int		(*prepare)(const struct config *);	/* 0 or -1 */
	int		(*main)(const struct config *);	/* exit status */
};

struct http_site {
	/* In the master, at start and on SIGHUP before a generation
	 * forks: what the workers only read (definitions...); NULL
	 * after logging why. */
	void	*(*load)(const struct config *);
	void	 (*unload)(void *world);
	/* In each worker, after the fork: its own state (a database
	 * connection...); never NULL (out of memory aborts). */
	void	*(*worker_start)(const struct config *, const void *world);
	void	 (*worker_stop)(void *wk);
	/* After each response: the worker's state made clean again. */
	void	 (*request_end)(void *wk);
	/* The endpoint of r (head parsed, body not read): NULL after the
	 * error response (404, 405 with Allow...).  Sets r->site. */
	const struct endpoint *(*match)(void *wk, struct req *,
		    struct resp *);
	/* Before the body is read (query and cookies are parsed): 0 to
	 * go on, -1 after the error response (sign-in needed...). */
	int	 (*admit)(struct req *, struct resp *);
	/* The body parsed and its parameters allowed: answer. */
	void	 (*handle)(struct req *, struct resp *);
	/* For /metrics: endpoint ids are 0 .. nendpoints - 1. */
	size_t	 nendpoints;
	const char *(*endpoint_name)(size_t id);
	const struct http_helper *helpers;
	size_t	 nhelpers;
};

int	server_run(const struct config *, const struct http_site *);

#endif
