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
struct diags;
struct calendar;
struct route;
struct templates;
struct notify_texts;
struct doc_templates;

struct endpoint;

struct world {
	struct defs	*defs;
	struct calendar	*cal;
	struct templates *templates;	/* by enum page */
	struct notify_texts *notify;	/* templates/notifications */
	struct doc_templates *docs;	/* templates/documents/, doc/doc.h */
	/* The application page of each workflow (by index in
	 * defs->workflows): its route's endpoint with the form's fields
	 * allowed; and the answer to a supplement request, with the fields
	 * of every form (which form is known only once the dossier is
	 * read, after its body). */
	struct endpoint	*apply;
	struct endpoint	*act;
	void		*params;	/* owns their lists */
};

/*
 * The rule of the definitions that the pages add: no form field takes
 * the id of a parameter of the pages that carry a form's fields
 * (csrf, lang, ...: the route table's).  Each offender is added to d
 * with its file and line; 0, or -1 if there is one.  world_load and
 * `motcua check` apply it.
 */
int	world_check_fields(const struct defs *, struct diags *);

/* Load from cfg->root; 0, or -1 after logging every diagnostic. */
int	world_load(const struct config *, struct world *);
/* Also the XML behind each workflow (workflow.content, def.h), read at
 * load when its files still have the digest compiled from them: a
 * request never reads a file. */
void	world_free(struct world *);

/*
 * The endpoint of a route for this request: the compiled one of the
 * application page (by the service in the path) and of a dossier's
 * action page; the route's own otherwise.
 */
const struct endpoint *world_endpoint(const struct world *,
	    const struct route *, const char *service);

#endif
