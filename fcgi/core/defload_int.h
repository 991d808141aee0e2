/*
 * defload_int.h - the parts of the definition compiler, private to
 * core/def*.c.  defs_load() (defload.c) reads and schema-validates
 * every file, then hands each document to its compiler by root
 * element, in dependency order: the catalogue, forms, workflows.  Each
 * compiler adds to struct defs, reports every problem it finds to d
 * (never stopping at the first), and allocates from the pool arena.
 */
#ifndef MOTCUA_DEFLOAD_INT_H
#define MOTCUA_DEFLOAD_INT_H

#include <libxml/tree.h>

#include "core/def.h"

struct arena;

/* The definitions' own namespace. */
#define DEF_NS	"urn:motcua:def:1"

/* Strings of the pool. */
char	*def_strdup(struct defs *, const char *);
/* An attribute copied into the pool, or NULL. */
char	*def_attr(struct defs *, xmlNodePtr, const char *name);
/* <name lang="vi">…</name><name lang="en">…</name> under n -> i18n. */
struct i18n def_i18n(struct defs *, xmlNodePtr n, const char *name);
/* A pool arena for arrays. */
struct arena *def_pool(struct defs *);

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
