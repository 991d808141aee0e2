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

struct def_text;

struct world {
	struct defs	*defs;
	struct calendar	*cal;
	struct templates *templates;	/* by enum page */
	struct def_text	*texts;		/* by workflow, see below */
};

/* Load from cfg->root; 0, or -1 after logging every diagnostic. */
int	world_load(const struct config *, struct world *);
void	world_free(struct world *);

/*
 * What a dossier's definition version is stored with (definitions.
 * content, JSON): the workflow's and form's XML, read at load when the
 * files still had the digest compiled from them; NULL otherwise.  defs
 * is a loaded world's; a request never reads a file.
 */
const char *world_def_content(const struct defs *, const char *digest);

#endif
