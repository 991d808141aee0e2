/*
 * defwfc.c - what the two halves of the workflow compiler share
 * (defwf_int.h): reporting a problem at a line, lines and counts of
 * elements, names in both languages, integer and token attributes.
 * defwf.c (the workflow and its states) and defact.c (its actions and
 * timers) call it; it calls neither.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/xml.h"
#include "core/defwf_int.h"
#include "core/defxml_int.h"

void
wfc_err(struct wctx *c, int line, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		abort();
	va_end(ap);
	diags_add(c->d, c->file, line, "%s", msg);
	free(msg);
}

int
wfc_line(xmlNodePtr n)
{
	long	l = xmlGetLineNo(n);

	return l > 0 && l < 1000000000 ? (int)l : 0;
}

size_t
wfc_count(xmlNodePtr n, const char *name)
{
	size_t	k = 0;

	for (n = xml_first(n); n != NULL; n = xml_next(n))
		if (xml_is(n, name))
			k++;
	return k;
}

/*
 * <name lang="vi">…</name><name lang="en">…</name>: each language once,
 * not blank, both present.  what names the owner in messages.
 */
struct i18n
wfc_i18n(struct wctx *c, xmlNodePtr n, const char *elem, const char *what)
{
	static const char *const langs[2] = { "vi", "en" };
	xmlNodePtr	 k;
	xmlChar		*txt;
	char		*lang;
	int		 seen[2] = { 0, 0 }, i;

	for (k = xml_first(n); k != NULL; k = xml_next(k)) {
		if (!xml_is(k, elem))
			continue;
		if ((lang = xml_attr(k, "lang")) == NULL)
			continue;
		for (i = 0; i < 2; i++)
			if (strcmp(lang, langs[i]) == 0)
				break;
		xmlFree(lang);
		if (i == 2)
			continue;
		if (seen[i])
			wfc_err(c, wfc_line(k), "%s: <%s lang=\"%s\"> "
			    "is given twice", what, elem, langs[i]);
		seen[i] = wfc_line(k) > 0 ? wfc_line(k) : 1;
		txt = xmlNodeGetContent(k);
		if (txt == NULL || def_blank((const char *)txt))
			wfc_err(c, wfc_line(k), "%s: <%s lang=\"%s\"> "
			    "is empty", what, elem, langs[i]);
		xmlFree(txt);
	}
	for (i = 0; i < 2; i++)
		if (!seen[i])
			wfc_err(c, wfc_line(n), "%s: <%s lang=\"%s\"> "
			    "is missing", what, elem, langs[i]);
	return def_i18n(c->defs, n, elem);
}

/* An integer attribute: 1 and *out set, 0 absent, -1 not a number. */
int
wfc_attr_int(xmlNodePtr n, const char *name, long long *out)
{
	char		*v, *end;
	long long	 x;
	int		 rc;

	if ((v = xml_attr(n, name)) == NULL)
		return 0;
	errno = 0;
	x = strtoll(v, &end, 10);
	rc = v[0] == '\0' || *end != '\0' || errno != 0 ? -1 : 1;
	xmlFree(v);
	if (rc == 1)
		*out = x;
	return rc;
}

/* Whitespace-separated tokens of an attribute, in the pool. */
char **
wfc_tokens(struct wctx *c, xmlNodePtr n, const char *name, size_t *count)
{
	char	*v, *p, *save, **out;
	size_t	 k = 0, cap;

	*count = 0;
	if ((v = def_attr(c->defs, n, name)) == NULL)
		return NULL;
	cap = strlen(v) / 2 + 1;
	out = arena_calloc(def_pool(c->defs), cap, sizeof(*out));
	for (p = strtok_r(v, " \t\r\n", &save); p != NULL && k < cap;
	    p = strtok_r(NULL, " \t\r\n", &save))
		out[k++] = p;
	*count = k;
	return out;
}
