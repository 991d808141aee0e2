/*
 * defwf_int.h - the workflow compiler's parts: defwf.c (the workflow,
 * its deadline, windows and states) calls defact.c (its actions,
 * effects and timers); both use the helpers of defwfc.c.
 */
#ifndef MOTCUA_DEFWF_INT_H
#define MOTCUA_DEFWF_INT_H

#include <libxml/tree.h>

#include "core/def.h"

#define HOURS_PER_DAY	8	/* working hours in a working day */

/* What the compiler of one workflow file works on. */
struct wctx {
	struct defs	*defs;
	struct workflow	*wf;
	const char	*file;
	struct diags	*d;
};

/* defwfc.c.  Report a problem at this line of the file being compiled. */
void		 wfc_err(struct wctx *, int line, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
/* The line of an element (0 if unknown). */
int		 wfc_line(xmlNodePtr);
/* How many child elements are called name. */
size_t		 wfc_count(xmlNodePtr, const char *name);
/* <elem lang="vi"> and <elem lang="en"> under n, each once and not
 * blank; what names the owner in messages ("state \"x\""). */
struct i18n	 wfc_i18n(struct wctx *, xmlNodePtr n, const char *elem,
		    const char *what);
/* An integer attribute: 1 with *out set, 0 absent, -1 not a number. */
int		 wfc_attr_int(xmlNodePtr, const char *name, long long *out);
/* The blank-separated tokens of an attribute, in the pool. */
char		**wfc_tokens(struct wctx *, xmlNodePtr, const char *name,
		    size_t *count);

/* defact.c: after the states (actions name them) and the deadline and
 * fee (timers and effects are checked against them). */
void		 wfc_actions(struct wctx *, xmlNodePtr root);
void		 wfc_timers(struct wctx *, xmlNodePtr root);

#endif
