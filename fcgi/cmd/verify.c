/*
 * verify.c - `motcua verify FILE [--ca CA.pem]`: is FILE an issued
 * document of ours, unchanged?  Offline: the signature and the chain to
 * the department CA (MOTCUA_KEYS_DIR/ca.pem, or --ca) need no database
 * and no server.  Only when MOTCUA_DATABASE_URL is set is the registry
 * asked for the document's status (valid, revoked, superseded).
 * Exit 0 valid, 1 not, 2 usage or an unreadable file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/config.h"
#include "cmd/cli.h"
#include "cmd/cmd.h"
#include "doc/doc.h"
#include "store/documents.h"

static char *
slurp(struct arena *a, const char *path, size_t *len)
{
	FILE	*f;
	char	*buf;
	size_t	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	buf = arena_alloc(a, DOC_XML_MAX + 1);
	n = fread(buf, 1, DOC_XML_MAX + 1, f);
	fclose(f);
	*len = n;
	return buf;
}

/* The registry's word, when a database is configured: 0 valid, 1 not. */
static int
registry(const char *vc)
{
	struct cli	c;
	struct document	d;
	int		found = 0, rc = 1;

	if (getenv("MOTCUA_DATABASE_URL") == NULL) {
		puts("registry: not asked (MOTCUA_DATABASE_URL is not set)");
		return 0;
	}
	if (cli_open(&c, 0) == -1)
		return 1;
	if (vc != NULL && cli_db_error(documents_public(c.db, c.a, vc, &d,
	    &found), "documents") == -1)
		found = 0;
	if (!found)
		puts("registry: no document with this verification code");
	else if (strcmp(d.status, "valid") != 0)
		printf("registry: %s%s%s\n", d.status,
		    d.revoked_reason != NULL ? " because: " : "",
		    d.revoked_reason != NULL ? d.revoked_reason : "");
	else {
		printf("registry: valid, %s, issued by %s\n", d.result_code,
		    d.unit_name);
		rc = 0;
	}
	cli_close(&c);
	return rc;
}

int
cmd_verify(int argc, char *argv[])
{
	struct config		 cfg;
	struct doc_check	 c;
	struct arena		*a;
	const char		*ca = NULL;
	char			*buf;
	size_t			 len;
	int			 rc;

	if (argc == 4 && strcmp(argv[2], "--ca") == 0)
		ca = argv[3];
	else if (argc != 2) {
		fputs("usage: motcua verify FILE [--ca CA.pem]\n", stderr);
		return 2;
	}
	if (config_load(&cfg) == -1)
		return 2;
	a = arena_new(1 << 16);
	if (ca == NULL)
		ca = arena_printf(a, "%s/ca.pem", cfg.keys_dir);
	if ((buf = slurp(a, argv[1], &len)) == NULL) {
		fprintf(stderr, "motcua: %s: cannot read it\n", argv[1]);
		arena_free(a);
		return 2;
	}
	if (doc_verify(buf, len, ca, a, &c) != DOC_VALID) {
		printf("%s: %s\n%s: %s\n", argv[1], c.en, argv[1], c.vi);
		arena_free(a);
		return 1;
	}
	printf("%s: the signature is valid (%s), certificate issued by %s\n",
	    argv[1], c.signer_subject != NULL ? c.signer_subject : "-", ca);
	rc = registry(c.verification_code);
	arena_free(a);
	return rc;
}
