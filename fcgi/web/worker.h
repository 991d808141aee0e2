/*
 * worker.h - one worker process of `motcua serve` (see server.h).
 */
#ifndef MOTCUA_WORKER_H
#define MOTCUA_WORKER_H

#include <signal.h>
#include <sys/types.h>

struct config;
struct world;

/* Serve until told to stop; returns the exit status. */
int	worker_main(const struct config *, const struct world *, int lfd,
	    pid_t master, const sigset_t *orig);

#endif
