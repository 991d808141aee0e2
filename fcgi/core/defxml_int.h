/*
 * defxml_int.h - reading definition XML into the pool (defxml.c), for
 * the compilers of core/def*.c.  Everything returned lives in the pool
 * of struct defs and is released with it.
 */
#ifndef MOTCUA_DEFXML_INT_H
#define MOTCUA_DEFXML_INT_H

#include <libxml/tree.h>

#include "core/def.h"

struct arena;

/* The definitions' own namespace. */
#define DEF_NS	"urn:motcua:def:1"

/* Strings of the pool. */
char	*def_strdup(struct defs *, const char *);
/* An attribute copied into the pool, or NULL. */
char	*def_attr(struct defs *, xmlNodePtr, const char *name);
/* <name lang="vi">…</name><name lang="en">…</name> under n -> i18n,
 * unchecked. */
struct i18n def_i18n(struct defs *, xmlNodePtr n, const char *name);
/* A pool arena for arrays. */
struct arena *def_pool(struct defs *);

/* 1 if s is empty or only XML white space. */
int	 def_blank(const char *);

/*
 * <elem lang="vi">…</elem><elem lang="en">…</elem> under n, each
 * language once and not blank; if optional, none at all is fine too.
 * Problems go to d at file's lines, prefixed with what ("field
 * \"phone\"").
 */
struct i18n def_texts(struct defs *, const char *file, struct diags *d,
	    xmlNodePtr n, const char *elem, int optional, const char *what);

#endif
