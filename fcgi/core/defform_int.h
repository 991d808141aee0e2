/*
 * defform_int.h - the form compiler's parts, private to defform.c (the
 * form, its sections, what needs the whole form) and deffield.c (one
 * field and its attributes); defcat.c borrows form_texts() for names.
 */
#ifndef MOTCUA_DEFFORM_INT_H
#define MOTCUA_DEFFORM_INT_H

#include "core/defload_int.h"

/* One form being compiled. */
struct fc {
	struct defs	*defs;
	struct form	*f;
	const char	*file;
	struct diags	*d;
	const char	**reqif;	/* per field: required-if source */
	const char	**key;		/* per field: prefill key */
};

/*
 * <elem lang="vi">…</elem><elem lang="en">…</elem> under n, each
 * language once and not blank; if optional, none at all is fine too.
 * Problems are reported prefixed with what ("field \"phone\"").
 */
struct i18n	form_texts(struct fc *, xmlNodePtr n, const char *elem,
		    int optional, const char *what);

/* 1 if s is empty or only XML white space. */
int		form_blank(const char *);

/* Field k of c->f, in section sec, from its element. */
void		field_compile(struct fc *, xmlNodePtr, size_t sec, size_t k);
/* What needs every field read: prefill keys, required-if guards. */
void		fields_finish(struct fc *);

#endif
