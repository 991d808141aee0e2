/*
 * defload.c - defs_load(): find the files, parse them hardened,
 * validate each against the schema of its root element, compile them
 * in dependency order.  Every diagnostic is collected.  The loader is
 * the top of the definition compiler: it calls the compilers of
 * defload_int.h (defcat.c, defform.c, defwf.c, defcheck.c), and none of
 * them calls it.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/arena.h"
#include "base/hash.h"
#include "base/xml.h"
#include "core/defload_int.h"
#include "core/defxml_int.h"

enum kind {
	K_CATALOGUE,
	K_FORM,
	K_WORKFLOW,
	K__MAX
};

/* Root element -> schema file, in compile order. */
static const char *const roots[K__MAX] = {
	"catalogue", "form", "workflow",
};

struct file {
	char		*path;
	xmlDocPtr	 doc;
	enum kind	 kind;
	char		 digest[SHA256_HEX_LEN + 1];
};

struct files {
	struct file	*v;
	size_t		 n, cap;
};

static void
on_xml_error(void *arg, const char *file, int line, const char *msg)
{
	diags_add(arg, file, line, "%s", msg);
}

static void
add_file(struct files *fs, const char *path)
{
	void	*nv;

	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 16;
		if ((nv = realloc(fs->v, fs->cap * sizeof(*fs->v))) == NULL)
			abort();
		fs->v = nv;
	}
	memset(&fs->v[fs->n], 0, sizeof(fs->v[0]));
	if ((fs->v[fs->n].path = strdup(path)) == NULL)
		abort();
	fs->n++;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory's *.xml files, sorted, so that output is stable. */
static void
add_dir(struct files *fs, const char *dir, struct diags *d)
{
	DIR		*dp;
	struct dirent	*de;
	char		**names = NULL, path[4096];
	size_t		 n = 0, i, len;

	if ((dp = opendir(dir)) == NULL) {
		diags_add(d, dir, 0, "cannot open directory");
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || de->d_name[0] == '.' ||
		    strcmp(de->d_name + len - 4, ".xml") != 0)
			continue;
		if ((names = realloc(names, (n + 1) * sizeof(*names))) == NULL ||
		    (names[n++] = strdup(de->d_name)) == NULL)
			abort();
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		add_file(fs, path);
		free(names[i]);
	}
	free(names);
}

static int
read_digest(const char *path, char *digest)
{
	FILE	*f;
	char	*buf;
	long	 sz;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	if (fseek(f, 0, SEEK_END) == -1 || (sz = ftell(f)) < 0 ||
	    sz > XML_MAX_BYTES || fseek(f, 0, SEEK_SET) == -1) {
		fclose(f);
		return -1;
	}
	if ((buf = malloc((size_t)sz + 1)) == NULL)
		abort();
	if (fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	sha256_hex(buf, (size_t)sz, digest);
	free(buf);
	return 0;
}

struct defs *
defs_load(const char *const *paths, size_t npaths, const char *schema_dir,
    struct diags *d)
{
	struct files	 fs = { NULL, 0, 0 };
	struct defs	*defs;
	struct stat	 st;
	xmlNodePtr	 root;
	char		 rng[4096];
	size_t		 i, k, before = d->n;
	int		 ok, schema_failed[K__MAX] = { 0 };
	struct xml_rng	*schemas[K__MAX] = { NULL };

	if ((defs = calloc(1, sizeof(*defs))) == NULL)
		abort();
	defs->pool = arena_new(64 * 1024);
	/* Role 0 is the applicant, in every catalogue. */
	defs->roles[ROLE_APPLICANT].id = "applicant";
	defs->roles[ROLE_APPLICANT].name.vi = "Người nộp hồ sơ";
	defs->roles[ROLE_APPLICANT].name.en = "Applicant";
	defs->nroles = 1;

	for (i = 0; i < npaths; i++) {
		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
			add_dir(&fs, paths[i], d);
		else
			add_file(&fs, paths[i]);
	}
	for (i = 0; i < fs.n; i++) {
		struct file *f = &fs.v[i];

		if (read_digest(f->path, f->digest) == -1 ||
		    (f->doc = xml_read_file(f->path, on_xml_error, d)) == NULL) {
			if (f->doc == NULL && d->n == before)
				diags_add(d, f->path, 0, "cannot read");
			continue;
		}
		root = xmlDocGetRootElement(f->doc);
		for (k = 0; k < K__MAX; k++)
			if (xml_is(root, roots[k]))
				break;
		ok = k < K__MAX && root->ns != NULL &&
		    strcmp((const char *)root->ns->href, DEF_NS) == 0;
		if (!ok) {
			diags_add(d, f->path, root->line, "the root element "
			    "must be catalogue, form or workflow in namespace "
			    "%s", DEF_NS);
			xmlFreeDoc(f->doc);
			f->doc = NULL;
			continue;
		}
		f->kind = (enum kind)k;
		/* Each schema is compiled once per load. */
		if (schemas[k] == NULL && !schema_failed[k]) {
			snprintf(rng, sizeof(rng), "%s/%s.rng", schema_dir,
			    roots[k]);
			schemas[k] = xml_rng_load(rng, on_xml_error, d);
			schema_failed[k] = schemas[k] == NULL;
		}
		if (schemas[k] == NULL || xml_rng_validate(schemas[k], f->doc,
		    f->path, on_xml_error, d) == -1) {
			xmlFreeDoc(f->doc);
			f->doc = NULL;
		}
	}
	/* Compile in dependency order. */
	for (k = 0; k < K__MAX; k++)
		for (i = 0; i < fs.n; i++) {
			if (fs.v[i].doc == NULL || fs.v[i].kind != k)
				continue;
			switch (fs.v[i].kind) {
			case K_CATALOGUE:
				catalogue_compile(defs, fs.v[i].doc,
				    fs.v[i].path, d);
				break;
			case K_FORM:
				form_compile(defs, fs.v[i].doc, fs.v[i].path,
				    fs.v[i].digest, d);
				break;
			case K_WORKFLOW:
				workflow_compile(defs, fs.v[i].doc,
				    fs.v[i].path, fs.v[i].digest, d);
				break;
			default:
				abort();
			}
		}
	for (i = 0; i < defs->nworkflows; i++)
		workflow_check(defs, &defs->workflows[i], d);
	for (k = 0; k < K__MAX; k++)
		xml_rng_free(schemas[k]);
	for (i = 0; i < fs.n; i++) {
		if (fs.v[i].doc != NULL)
			xmlFreeDoc(fs.v[i].doc);
		free(fs.v[i].path);
	}
	free(fs.v);
	if (d->n > before) {
		defs_free(defs);
		return NULL;
	}
	return defs;
}

void
defs_free(struct defs *defs)
{
	size_t	i;

	if (defs == NULL)
		return;
	for (i = 0; i < defs->nworkflows; i++)
		workflow_release(&defs->workflows[i]);
	for (i = 0; i < defs->nforms; i++)
		form_release(&defs->forms[i]);
	arena_free(defs->pool);
	free(defs);
}
