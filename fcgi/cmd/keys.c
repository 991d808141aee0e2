/*
 * keys.c - `motcua keys init|list|rotate|log-verify`: the keys of
 * sign/keys.h.  The units and the department's name come from the
 * database; the keys themselves are made by fcgi/sign/ only.
 */
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "cmd/cli.h"
#include "cmd/cmd.h"
#include "sign/keys.h"
#include "sign/siglog.h"
#include "store/accounts.h"

#define AUDIT_NAME	"motcua/audit"

static int
usage(void)
{
	fputs("usage: motcua keys init [CODE...] [--audit-name NAME]\n"
	    "       motcua keys list\n"
	    "       motcua keys rotate CODE\n"
	    "       motcua keys log-verify [FILE]\n", stderr);
	return 2;
}

/* The owner of what is made: the signer's user when we are root. */
static int
owner(const struct config *cfg, struct keys_ctx *k)
{
	struct passwd	*pw;

	k->dir = cfg->keys_dir;
	k->out = stdout;
	if (geteuid() != 0)
		return 0;
	if ((pw = getpwnam(cfg->signer_user)) == NULL) {
		fprintf(stderr, "motcua: MOTCUA_SIGNER_USER %s: no such user\n",
		    cfg->signer_user);
		return -1;
	}
	k->chown = 1;
	k->uid = pw->pw_uid;
	k->gid = pw->pw_gid;
	return 0;
}

/* The units named (all if none), as keys_unit, and the department. */
static int
units(struct cli *c, struct keys_ctx *k, char **codes, size_t ncodes,
    struct keys_unit **out, size_t *nout)
{
	struct acct_unit	*u;
	size_t			 n, i, j;

	if (cli_db_error(acct_unit_list(c->db, c->a, &u, &n), "units") == -1)
		return -1;
	*out = arena_calloc(c->a, n + 1, sizeof(**out));
	*nout = 0;
	k->department = NULL;
	for (i = 0; i < n; i++) {
		if (strcmp(u[i].kind, "department") == 0)
			k->department = u[i].name_vi;
		for (j = 0; j < ncodes && strcmp(codes[j], u[i].code) != 0; j++)
			continue;
		if (ncodes > 0 && j == ncodes)
			continue;
		(*out)[*nout].code = u[i].code;
		(*out)[(*nout)++].name = u[i].name_vi;
	}
	for (j = 0; j < ncodes; j++) {
		for (i = 0; i < *nout && strcmp(codes[j], (*out)[i].code); i++)
			continue;
		if (i == *nout) {
			fprintf(stderr, "motcua: %s: no such unit\n", codes[j]);
			return -1;
		}
	}
	if (k->department == NULL && ncodes > 0) {
		fputs("motcua: no department in the units (motcua units add "
		    "CODE --kind department ...)\n", stderr);
		return -1;
	}
	return 0;
}

static int
init(struct cli *c, int argc, char *argv[])
{
	struct keys_ctx	 k = { 0 };
	struct keys_unit *u;
	const char	*audit = AUDIT_NAME;
	char		*codes[256];
	size_t		 ncodes = 0, n;
	int		 i;

	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--audit-name") == 0 && i + 1 < argc)
			audit = argv[++i];
		else if (argv[i][0] == '-' || ncodes == 256)
			return usage();
		else
			codes[ncodes++] = argv[i];
	}
	if (owner(&c->cfg, &k) == -1 ||
	    units(c, &k, codes, ncodes, &u, &n) == -1 ||
	    keys_init(&k, u, n, audit) == -1)
		return 1;
	if (k.department == NULL)
		printf("keys in %s: no department among the units yet, so "
		    "only the audit key; run this again once there is one\n",
		    c->cfg.keys_dir);
	else
		printf("keys in %s; the department CA certificate is "
		    "%s/ca.pem\n", c->cfg.keys_dir, c->cfg.keys_dir);
	return 0;
}

static int
rotate(struct cli *c, char *code)
{
	struct keys_ctx	 k = { 0 };
	struct keys_unit *u;
	size_t		 n;

	if (owner(&c->cfg, &k) == -1 ||
	    units(c, &k, &code, 1, &u, &n) == -1 ||
	    keys_rotate(&k, &u[0]) == -1)
		return 1;
	puts("the signer takes the new key on SIGHUP to motcua serve");
	return 0;
}

static int
log_verify(const struct config *cfg, const char *file)
{
	char		path[4096], err[4200];
	uint64_t	n;

	if (file == NULL) {
		snprintf(path, sizeof(path), "%s/signatures.log", cfg->keys_dir);
		file = path;
	}
	if (siglog_verify(file, &n, err, sizeof(err)) == -1) {
		fprintf(stderr, "motcua: %s\n", err);
		return 1;
	}
	printf("%s: %" PRIu64 " signatures, the chain holds\n", file, n);
	return 0;
}

int
cmd_keys(int argc, char *argv[])
{
	struct config	cfg;
	struct cli	c;
	int		rc;

	if (argc < 2)
		return usage();
	if (strcmp(argv[1], "list") == 0 || strcmp(argv[1], "log-verify") == 0) {
		if (argc > 3 || (argv[1][0] == 'l' && argv[1][1] == 'i' &&
		    argc != 2))
			return usage();
		if (config_load(&cfg) == -1)
			return 1;
		if (argv[1][1] == 'i')
			return keys_list(cfg.keys_dir, stdout) == 0 ? 0 : 1;
		return log_verify(&cfg, argc == 3 ? argv[2] : NULL);
	}
	if (strcmp(argv[1], "init") != 0 && (strcmp(argv[1], "rotate") != 0 ||
	    argc != 3))
		return usage();
	if (cli_open(&c, 0) == -1)
		return 1;
	rc = argv[1][0] == 'i' ? init(&c, argc, argv) : rotate(&c, argv[2]);
	cli_close(&c);
	return rc;
}
