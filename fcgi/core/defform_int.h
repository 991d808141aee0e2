/*
 * defform_int.h - the form compiler's parts: defform.c (the form and
 * its sections) calls deffield.c (one field and its attributes, then
 * what needs the whole form); deffield.c does not call back.
 */
#ifndef MOTCUA_DEFFORM_INT_H
#define MOTCUA_DEFFORM_INT_H

#include "core/defxml_int.h"

/* One form being compiled. */
struct fc {
	struct defs	*defs;
	struct form	*f;
	const char	*file;
	struct diags	*d;
	const char	**reqif;	/* per field: required-if source */
	const char	**key;		/* per field: prefill key */
};

/* def_texts() for the form being compiled. */
static inline struct i18n
form_texts(struct fc *c, xmlNodePtr n, const char *elem, int optional,
    const char *what)
{
	return def_texts(c->defs, c->file, c->d, n, elem, optional, what);
}

/* Field k of c->f, in section sec, from its element. */
void		field_compile(struct fc *, xmlNodePtr, size_t sec, size_t k);
/* What needs every field read: prefill keys, required-if guards. */
void		fields_finish(struct fc *);

#endif
