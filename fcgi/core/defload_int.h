/*
 * defload_int.h - the compilers that defs_load() (defload.c) calls,
 * private to core/def*.c.  The loader reads and schema-validates every
 * file, then hands each document to its compiler by root element, in
 * dependency order: the catalogue (defcat.c), forms (defform.c),
 * workflows (defwf.c); then it checks each workflow's graph
 * (defcheck.c).  Each compiler adds to struct defs, reports every
 * problem it finds to d (never stopping at the first), and allocates
 * from the pool arena.  The compilers know nothing of the loader: they
 * share only defxml_int.h and the lookups of def.h.
 */
#ifndef MOTCUA_DEFLOAD_INT_H
#define MOTCUA_DEFLOAD_INT_H

#include <libxml/tree.h>

#include "core/def.h"

void	catalogue_compile(struct defs *, xmlDocPtr, const char *file,
	    struct diags *);
void	form_compile(struct defs *, xmlDocPtr, const char *file,
	    const char *digest, struct diags *);
void	workflow_compile(struct defs *, xmlDocPtr, const char *file,
	    const char *digest, struct diags *);

/* Checks a schema cannot express, over a compiled workflow. */
void	workflow_check(const struct defs *, const struct workflow *,
	    struct diags *);

/* Free what the pool does not own (compiled regexes, guards). */
void	form_release(struct form *);
void	workflow_release(struct workflow *);

#endif
