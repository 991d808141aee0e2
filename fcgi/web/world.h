/*
 * world.h - what the workers read and never change: the compiled
 * definitions and the working-day calendar.  The master loads them at
 * start and again on SIGHUP, before it forks a generation; a request
 * never parses a definition.
 */
#ifndef MOTCUA_WORLD_H
#define MOTCUA_WORLD_H

struct config;
struct defs;
struct calendar;

struct world {
	struct defs	*defs;
	struct calendar	*cal;
};

/* Load from cfg->root; 0, or -1 after logging every diagnostic. */
int	world_load(const struct config *, struct world *);
void	world_free(struct world *);

#endif
