/*
 * xml.h - libxml2, hardened, for files we load: no network, no entity
 * substitution, no DTD loading, a depth limit, a size limit; and RELAX
 * NG validation with every error collected (file:line: message).
 */
#ifndef MOTCUA_XML_H
#define MOTCUA_XML_H

#include <libxml/tree.h>

#define XML_MAX_DEPTH	64
#define XML_MAX_BYTES	(4 << 20)

/* Errors are reported through this callback: file, line, message. */
typedef void (*xml_err_fn)(void *arg, const char *file, int line,
    const char *msg);

/* Parse a file, or a buffer (name used in messages).  NULL on error,
 * after reporting it. */
xmlDocPtr	xml_read_file(const char *path, xml_err_fn, void *arg);
xmlDocPtr	xml_read_memory(const char *buf, size_t len, const char *name,
		    xml_err_fn, void *arg);
/* The same, keeping every text node, blank or not: what a signature
 * covers (doc/dsig.c, doc/verify.c). */
xmlDocPtr	xml_read_exact(const char *buf, size_t len, const char *name,
		    xml_err_fn, void *arg);

/* Validate doc against the RELAX NG schema at rng_path; 0 valid, -1
 * with every error reported. */
int		xml_validate_rng(xmlDocPtr, const char *rng_path,
		    const char *file, xml_err_fn, void *arg);

/* The same in two steps, to validate many documents with one schema:
 * compile (NULL after reporting why), validate, free. */
struct xml_rng;
struct xml_rng	*xml_rng_load(const char *rng_path, xml_err_fn, void *arg);
int		 xml_rng_validate(struct xml_rng *, xmlDocPtr,
		    const char *file, xml_err_fn, void *arg);
void		 xml_rng_free(struct xml_rng *);

/* Attribute value or NULL (a libxml2 string: free with xmlFree). */
char		*xml_attr(xmlNodePtr, const char *name);
/* First child element named name (any namespace), or NULL. */
xmlNodePtr	 xml_child(xmlNodePtr, const char *name);
/* Next sibling element after n, or NULL. */
xmlNodePtr	 xml_next(xmlNodePtr n);
/* First child element, or NULL. */
xmlNodePtr	 xml_first(xmlNodePtr);
/* 1 if n is an element named name. */
int		 xml_is(xmlNodePtr, const char *name);

#endif
