/*
 * defxml.c - reading definition XML into the pool: strings,
 * attributes and texts in both languages, shared by every compiler
 * (defcat.c, defform.c, deffield.c, defwfc.c, defwf.c, defact.c).  It
 * knows no form, workflow or loader.
 */
#include <string.h>

#include "base/arena.h"
#include "base/xml.h"
#include "core/defxml_int.h"

char *
def_strdup(struct defs *defs, const char *s)
{
	return s == NULL ? NULL : arena_strdup(defs->pool, s);
}

char *
def_attr(struct defs *defs, xmlNodePtr n, const char *name)
{
	char	*v, *s;

	if ((v = xml_attr(n, name)) == NULL)
		return NULL;
	s = def_strdup(defs, v);
	xmlFree(v);
	return s;
}

struct i18n
def_i18n(struct defs *defs, xmlNodePtr n, const char *name)
{
	struct i18n	 t = { NULL, NULL };
	xmlNodePtr	 c;
	char		*lang;
	xmlChar		*txt;

	for (c = xml_first(n); c != NULL; c = xml_next(c)) {
		if (!xml_is(c, name))
			continue;
		lang = xml_attr(c, "lang");
		txt = xmlNodeGetContent(c);
		if (lang != NULL && txt != NULL) {
			if (strcmp(lang, "vi") == 0 && t.vi == NULL)
				t.vi = def_strdup(defs, (char *)txt);
			else if (strcmp(lang, "en") == 0 && t.en == NULL)
				t.en = def_strdup(defs, (char *)txt);
		}
		xmlFree(lang);
		xmlFree(txt);
	}
	return t;
}

struct arena *
def_pool(struct defs *defs)
{
	return defs->pool;
}

/* 1 if s is empty or only XML white space. */
int
def_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (strchr(" \t\r\n", *s) == NULL)
			return 0;
	return 1;
}

struct i18n
def_texts(struct defs *defs, const char *file, struct diags *d,
    xmlNodePtr n, const char *elem, int optional, const char *what)
{
	static const char *const langs[2] = { "vi", "en" };
	struct i18n	 none = { NULL, NULL };
	xmlNodePtr	 e;
	char		*lang;
	xmlChar		*txt;
	int		 count[2] = { 0, 0 }, k;

	for (e = xml_first(n); e != NULL; e = xml_next(e)) {
		if (!xml_is(e, elem))
			continue;
		lang = xml_attr(e, "lang");
		for (k = 0; k < 2; k++)
			if (lang != NULL && strcmp(lang, langs[k]) == 0)
				break;
		xmlFree(lang);
		if (k == 2)
			continue;	/* the schema reports it */
		if (++count[k] == 2)
			diags_add(d, file, e->line, "%s: <%s lang=\"%s\"> "
			    "given twice", what, elem, langs[k]);
		txt = xmlNodeGetContent(e);
		if (txt == NULL || def_blank((const char *)txt))
			diags_add(d, file, e->line, "%s: <%s lang=\"%s\"> "
			    "is blank", what, elem, langs[k]);
		xmlFree(txt);
	}
	if (optional && count[0] == 0 && count[1] == 0)
		return none;
	for (k = 0; k < 2; k++)
		if (count[k] == 0)
			diags_add(d, file, n->line, "%s: no <%s "
			    "lang=\"%s\">", what, elem, langs[k]);
	return def_i18n(defs, n, elem);
}
