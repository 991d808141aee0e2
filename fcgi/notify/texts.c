/*
 * texts.c - the notifications' texts: see texts.h.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>

#include "base/arena.h"
#include "base/xml.h"
#include "texts.h"

const char *const notify_lang_names[NL__MAX] = { "vi", "en" };

static const char *const var_names[] = {
	"code", "service", "status", "comment", "reason", "due", "link",
	"name", "otp",
};

static void
xml_err(void *arg, const char *file, int line, const char *msg)
{
	(void)arg;
	fprintf(stderr, "%s:%d: %s\n", file, line, msg);
}

/* Every {name} of s is known; 0, or -1 after saying which is not. */
static int
names_ok(const char *file, const char *s)
{
	const char	*p, *e;
	size_t		 i, len;

	for (p = s; (p = strchr(p, '{')) != NULL; p = e + 1) {
		if (p[1] == '{') {
			e = p + 1;
			continue;
		}
		if ((e = strchr(p, '}')) == NULL) {
			fprintf(stderr, "%s: a '{' without its '}'\n", file);
			return -1;
		}
		len = (size_t)(e - p - 1);
		for (i = 0; i < sizeof(var_names) / sizeof(var_names[0]); i++)
			if (strlen(var_names[i]) == len &&
			    strncmp(var_names[i], p + 1, len) == 0)
				break;
		if (i == sizeof(var_names) / sizeof(var_names[0])) {
			fprintf(stderr, "%s: unknown name {%.*s}\n", file,
			    (int)len, p + 1);
			return -1;
		}
	}
	return 0;
}

static char *
child_text(const char *file, xmlNodePtr n, const char *name, int required)
{
	xmlNodePtr	 c;
	xmlChar		*t;
	char		*s;

	if ((c = xml_child(n, name)) == NULL) {
		if (required)
			fprintf(stderr, "%s: <text> without <%s>\n", file,
			    name);
		return NULL;
	}
	t = xmlNodeGetContent(c);
	s = strdup(t != NULL ? (const char *)t : "");
	xmlFree(t);
	if (s == NULL)
		abort();
	if (names_ok(file, s) == -1) {
		free(s);
		return NULL;
	}
	return s;
}

static int
load_kind(const char *file, struct notify_kind *k)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, t;
	char		*kind = NULL, *st = NULL, *lang, *p, *e;
	long		 v;
	int		 seen = 0, rc = -1, l;

	if ((doc = xml_read_file(file, xml_err, NULL)) == NULL)
		return -1;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !xml_is(root, "notification") ||
	    (kind = xml_attr(root, "kind")) == NULL || kind[0] == '\0') {
		fprintf(stderr, "%s: not a <notification kind=\"…\">\n", file);
		goto fail;
	}
	if ((k->id = strdup(kind)) == NULL)
		abort();
	if ((st = xml_attr(root, "statuses")) != NULL)
		for (p = st; *p != '\0'; p = e) {
			v = strtol(p, &e, 10);
			if (e == p || v < 1 || v > 10) {
				fprintf(stderr, "%s: statuses: 1 to 10\n",
				    file);
				goto fail;
			}
			k->statuses |= 1u << v;
			while (*e == ' ')
				e++;
		}
	for (t = xml_first(root); t != NULL; t = xml_next(t)) {
		if (!xml_is(t, "text"))
			continue;
		lang = xml_attr(t, "lang");
		l = lang != NULL && strcmp(lang, "en") == 0 ? NL_EN :
		    lang != NULL && strcmp(lang, "vi") == 0 ? NL_VI : -1;
		xmlFree(lang);
		if (l == -1 || (seen & (1 << l))) {
			fprintf(stderr, "%s: <text lang> is vi or en, once "
			    "each\n", file);
			goto fail;
		}
		seen |= 1 << l;
		if ((k->text[l].subject = child_text(file, t, "subject",
		    1)) == NULL ||
		    (k->text[l].body = child_text(file, t, "body", 1)) == NULL ||
		    (k->text[l].sms = child_text(file, t, "sms", 1)) == NULL)
			goto fail;
	}
	if (seen != (1 << NL__MAX) - 1) {
		fprintf(stderr, "%s: a <text> in vi and in en\n", file);
		goto fail;
	}
	rc = 0;
fail:
	xmlFree(kind);
	xmlFree(st);
	xmlFreeDoc(doc);
	return rc;
}

static void
free_kind(struct notify_kind *k)
{
	int	l;

	free(k->id);
	for (l = 0; l < NL__MAX; l++) {
		free(k->text[l].subject);
		free(k->text[l].body);
		free(k->text[l].sms);
	}
}

struct notify_texts *
notify_texts_load(const char *dir)
{
	struct notify_texts *t;
	struct dirent	**ents = NULL;
	char		 path[4096];
	int		 i, n, bad = 0;
	size_t		 len;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		abort();
	if ((n = scandir(dir, &ents, NULL, alphasort)) == -1) {
		fprintf(stderr, "%s: cannot read the directory\n", dir);
		free(t);
		return NULL;
	}
	if ((t->v = calloc((size_t)n + 1, sizeof(*t->v))) == NULL)
		abort();
	for (i = 0; i < n; i++) {
		len = strlen(ents[i]->d_name);
		if (len > 4 && strcmp(ents[i]->d_name + len - 4, ".xml") == 0 &&
		    ents[i]->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", dir,
			    ents[i]->d_name);
			if (load_kind(path, &t->v[t->n]) == -1)
				bad = 1;
			t->n++;
		}
		free(ents[i]);
	}
	free(ents);
	if (bad) {
		notify_texts_free(t);
		return NULL;
	}
	return t;
}

void
notify_texts_free(struct notify_texts *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++)
		free_kind(&t->v[i]);
	free(t->v);
	free(t);
}

const struct notify_kind *
notify_kind(const struct notify_texts *t, const char *id)
{
	size_t	i;

	for (i = 0; t != NULL && id != NULL && i < t->n; i++)
		if (strcmp(t->v[i].id, id) == 0)
			return &t->v[i];
	return NULL;
}

const struct notify_kind *
notify_kind_for_status(const struct notify_texts *t, int status)
{
	size_t	i;

	for (i = 0; t != NULL && status >= 1 && status <= 10 && i < t->n; i++)
		if (t->v[i].statuses & (1u << status))
			return &t->v[i];
	return NULL;
}

enum notify_lang
notify_lang(const char *s)
{
	return s != NULL && strcmp(s, "en") == 0 ? NL_EN : NL_VI;
}

char *
notify_expand(struct arena *a, const char *tmpl, const struct notify_var *v,
    size_t n)
{
	const char	*p, *e;
	char		*out;
	size_t		 i, len, cap, used = 0;

	for (cap = strlen(tmpl) + 1, i = 0; i < n; i++)
		cap += v[i].value != NULL ? strlen(v[i].value) * 4 : 0;
	out = arena_alloc(a, cap);
	for (p = tmpl; *p != '\0'; p++) {
		if (*p != '{') {
			out[used++] = *p;
			continue;
		}
		if (p[1] == '{') {
			out[used++] = '{';
			p++;
			continue;
		}
		if ((e = strchr(p, '}')) == NULL) {
			out[used++] = *p;
			continue;
		}
		len = (size_t)(e - p - 1);
		for (i = 0; i < n; i++)
			if (strlen(v[i].name) == len &&
			    strncmp(v[i].name, p + 1, len) == 0)
				break;
		if (i < n && v[i].value != NULL &&
		    used + strlen(v[i].value) < cap) {
			memcpy(out + used, v[i].value, strlen(v[i].value));
			used += strlen(v[i].value);
		}
		p = e;
	}
	out[used] = '\0';
	return out;
}

char *
notify_sms(struct arena *a, const char *s)
{
	uint8_t		*nfd;
	size_t		 len = 0, i, j = 0;
	char		*out;
	int		 space = 0;

	nfd = u8_normalize(UNINORM_NFD, (const uint8_t *)s, strlen(s), NULL,
	    &len);
	if (nfd == NULL)
		return arena_strdup(a, "");
	out = arena_alloc(a, NOTIFY_SMS_MAX + 1);
	for (i = 0; i < len && j < NOTIFY_SMS_MAX; ) {
		unsigned c = nfd[i];
		char	 o;

		if (c < 0x80) {
			i++;
			/* GSM 7-bit's basic set: no ` ^ { } [ ] ~ \ | */
			o = c == '\n' || c == '\t' || c == '\r' ? ' ' :
			    c < 0x20 || c == 0x7f || strchr("`^{}[]~\\|", (int)c)
			    != NULL ? '?' : (char)c;
		} else if (c == 0xcc && i + 1 < len && nfd[i + 1] >= 0x80 &&
		    nfd[i + 1] <= 0xbf) {
			i += 2;		/* U+0300..U+033F: a diacritic */
			continue;
		} else if (c == 0xcd && i + 1 < len && nfd[i + 1] >= 0x80 &&
		    nfd[i + 1] <= 0xaf) {
			i += 2;		/* U+0340..U+036F */
			continue;
		} else if (c == 0xc4 && i + 1 < len &&
		    (nfd[i + 1] == 0x90 || nfd[i + 1] == 0x91)) {
			o = nfd[i + 1] == 0x90 ? 'D' : 'd';	/* Đ đ */
			i += 2;
		} else {
			for (i++; i < len && (nfd[i] & 0xc0) == 0x80; i++)
				;
			o = '?';
		}
		if (o == ' ') {
			if (space || j == 0)
				continue;
			space = 1;
		} else
			space = 0;
		out[j++] = o;
	}
	while (j > 0 && out[j - 1] == ' ')
		j--;
	out[j] = '\0';
	free(nfd);
	return out;
}
