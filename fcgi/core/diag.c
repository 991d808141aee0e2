/*
 * diag.c - diagnostics of the definition compiler: file:line: message,
 * all of them, in the order found.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/def.h"

void
diags_add(struct diags *d, const char *file, int line, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;
	void	*nv;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		abort();
	va_end(ap);
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		if ((nv = realloc(d->v, d->cap * sizeof(*d->v))) == NULL)
			abort();
		d->v = nv;
	}
	if ((d->v[d->n].file = strdup(file ? file : "")) == NULL)
		abort();
	d->v[d->n].line = line;
	d->v[d->n].msg = msg;
	d->n++;
}

void
diags_print(const struct diags *d, void *stream)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		fprintf(stream, "%s:%d: %s\n", d->v[i].file, d->v[i].line,
		    d->v[i].msg);
}

void
diags_free(struct diags *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++) {
		free((char *)d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}
