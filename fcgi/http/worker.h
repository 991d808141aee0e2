/*
 * worker.h - one worker process of `motcua serve` (see server.h).
 */
#ifndef MOTCUA_WORKER_H
#define MOTCUA_WORKER_H

#include <signal.h>
#include <sys/types.h>

struct config;
struct http_site;

/* Serve until told to stop; returns the exit status.  world: what the
 * site's load() gave. */
int	worker_main(const struct config *, const struct http_site *,
	    const void *world, int lfd, pid_t master, const sigset_t *orig);

#endif
