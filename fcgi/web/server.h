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
 * libfcgi is used in this file only.
 */
#ifndef MOTCUA_SERVER_H
#define MOTCUA_SERVER_H

struct config;

int	server_run(const struct config *);

#endif
