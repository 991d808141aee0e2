/*
 * check.c - `motcua check [FILE|DIR]...`: load the definitions as the
 * server would, with the rule the pages add (world_check_fields), and
 * report every problem as FILE:LINE: message, like `nginx -t`.
 * Without arguments: MOTCUA_ROOT/forms and MOTCUA_ROOT/workflows.
 * Schemas always come from MOTCUA_ROOT/schemas.
 * Paths in messages are the arguments as given, joined with the names
 * of the files found in directories.
 */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "cmd.h"
#include "core/def.h"
#include "doc/doc.h"
#include "web/world.h"

int
cmd_check(int argc, char *argv[])
{
	struct config	 cfg;
	struct diags	 d = { NULL, 0, 0 };
	struct defs	*defs;
	struct doc_templates *docs;
	const char	*paths[2];
	char		 forms[4096], workflows[4096], schemas[4096];
	int		 i;

	for (i = 1; i < argc; i++)
		if (argv[i][0] == '-') {
			fputs("usage: motcua check [FILE|DIR]...\n", stderr);
			return 2;
		}
	if (config_load(&cfg) == -1)
		return 1;
	/* "forms/x.xml" rather than "./forms/x.xml" in messages. */
	if (strcmp(cfg.root, ".") == 0 || strcmp(cfg.root, "./") == 0)
		cfg.root = "";
	snprintf(schemas, sizeof(schemas), "%s%sschemas", cfg.root,
	    cfg.root[0] ? "/" : "");
	if (argc > 1)
		defs = defs_load((const char *const *)argv + 1,
		    (size_t)argc - 1, schemas, &d);
	else {
		snprintf(forms, sizeof(forms), "%s%sforms", cfg.root,
		    cfg.root[0] ? "/" : "");
		snprintf(workflows, sizeof(workflows), "%s%sworkflows",
		    cfg.root, cfg.root[0] ? "/" : "");
		paths[0] = forms;
		paths[1] = workflows;
		defs = defs_load(paths, 2, schemas, &d);
	}
	if (defs != NULL && world_check_fields(defs, &d) == -1) {
		defs_free(defs);
		defs = NULL;
	}
	/* The whole tree: every kind of document has its template. */
	if (defs != NULL && argc == 1) {
		snprintf(forms, sizeof(forms), "%s%stemplates/documents",
		    cfg.root, cfg.root[0] ? "/" : "");
		if ((docs = doc_templates_load(forms, defs, &d)) == NULL) {
			defs_free(defs);
			defs = NULL;
		}
		doc_templates_free(docs);
	}
	if (defs == NULL) {
		diags_print(&d, stderr);
		diags_free(&d);
		return 1;
	}
	if (defs->nforms == 0 && defs->nworkflows == 0) {
		/* A wrong MOTCUA_ROOT or directory must not look fine. */
		fputs("motcua check: no forms or workflows found\n", stderr);
		defs_free(defs);
		diags_free(&d);
		return 1;
	}
	printf("%zu form%s, %zu workflow%s, %zu role%s, %zu document "
	    "kind%s\n", defs->nforms, defs->nforms == 1 ? "" : "s",
	    defs->nworkflows, defs->nworkflows == 1 ? "" : "s",
	    defs->nroles - 1, defs->nroles == 2 ? "" : "s",
	    defs->ndocs, defs->ndocs == 1 ? "" : "s");
	puts("definitions OK");
	defs_free(defs);
	diags_free(&d);
	return 0;
}
