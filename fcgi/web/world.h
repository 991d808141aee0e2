/*
 * world.h - what the workers read and never change: the compiled
 * definitions, the working-day calendar and the page stylesheets
 * (templates/, see render.h).  The master loads them at start and again
 * on SIGHUP, before it forks a generation; a request never parses a
 * definition nor compiles a stylesheet.
 */
#ifndef MOTCUA_WORLD_H
#define MOTCUA_WORLD_H

struct config;
struct defs;
struct calendar;
struct templates;

struct world {
	struct defs	*defs;
	struct calendar	*cal;
	struct templates *templates;	/* by enum page */
};

/* Load from cfg->root; 0, or -1 after logging every diagnostic. */
int	world_load(const struct config *, struct world *);
/* Also the XML behind each workflow (workflow.content, def.h), read at
 * load when its files still have the digest compiled from them: a
 * request never reads a file. */
void	world_free(struct world *);

#endif
