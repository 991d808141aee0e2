/*
 * cli.c - what the account and unit commands share: see cli.h.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "app/json.h"
#include "base/arena.h"
#include "base/config.h"
#include "base/password.h"
#include "base/utf8.h"
#include "cli.h"
#include "core/actor.h"
#include "core/def.h"
#include "core/note.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/db.h"

int
cli_open(struct cli *c, int with_defs)
{
	struct diags	 d = { NULL, 0, 0 };
	char		 forms[4096], workflows[4096], schemas[4096];
	const char	*paths[2];

	memset(c, 0, sizeof(*c));
	if (config_load(&c->cfg) == -1)
		return -1;
	if (with_defs) {
		snprintf(schemas, sizeof(schemas), "%s/schemas", c->cfg.root);
		snprintf(forms, sizeof(forms), "%s/forms", c->cfg.root);
		snprintf(workflows, sizeof(workflows), "%s/workflows",
		    c->cfg.root);
		paths[0] = forms;
		paths[1] = workflows;
		if ((c->defs = defs_load(paths, 2, schemas, &d)) == NULL) {
			diags_print(&d, stderr);
			diags_free(&d);
			return -1;
		}
		diags_free(&d);
	}
	c->a = arena_new(64 * 1024);
	c->db = db_open(c->cfg.database_url, 0);
	if (db_ready(c->db) != DB_OK) {
		fprintf(stderr, "motcua: cannot use the database (%s)\n",
		    c->cfg.database_url);
		cli_close(c);
		return -1;
	}
	return 0;
}

void
cli_close(struct cli *c)
{
	db_close(c->db);
	if (c->a != NULL)
		arena_free(c->a);
	if (c->defs != NULL)
		defs_free(c->defs);
	memset(c, 0, sizeof(*c));
}

void
cli_audit(struct cli *c, struct audit_entry *e, const char *action)
{
	struct passwd	*pw = getpwuid(getuid());
	json_t		*d;

	memset(e, 0, sizeof(*e));
	e->actor_kind = actor_kind_names[ACTOR_OPERATOR];
	e->action = action;
	d = json_pack("{s:s, s:s}", "via", "motcua command line",
	    "os_user", pw != NULL ? pw->pw_name : "?");
	e->detail_json = app_json_text(c->a, d);
}

int
cli_db_error(enum db_status rc, const char *what)
{
	switch (rc) {
	case DB_OK:
		return 0;
	case DB_CONFLICT:
		fprintf(stderr, "motcua: %s exists already\n", what);
		break;
	case DB_UNAVAILABLE:
		fprintf(stderr, "motcua: the database went away (%s)\n", what);
		break;
	case DB_ERROR:
		fprintf(stderr, "motcua: %s: refused by the database (see the "
		    "message above)\n", what);
		break;
	default:
		abort();
	}
	return -1;
}

int
cli_hash_password(const char *pw, const char *login,
    char hash[PASSWORD_HASH_MAX])
{
	enum password_weakness	w;

	if ((w = password_check(pw, strlen(pw), login)) != PW_OK) {
		fprintf(stderr, "motcua: %s\n", password_weakness_msgs[w][0]);
		return -1;
	}
	return password_hash(pw, strlen(pw), hash);
}

int
cli_username_ok(const char *s)
{
	size_t	n = strlen(s);

	return n >= 3 && n <= 32 &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n &&
	    s[0] != '.' && s[0] != '_' && s[0] != '-' &&
	    strpbrk(s, "abcdefghijklmnopqrstuvwxyz") != NULL;
}

int
cli_add_user(struct cli *c, const struct acct_new *n,
    const char *const *roles, size_t nroles, int64_t *id)
{
	struct audit_entry	e;

	cli_audit(c, &e, "user.add");
	return cli_db_error(acct_user_create(c->db, n, roles, nroles, &e, id),
	    n->login);
}

int
cli_unit_kind(const char *s)
{
	if (strcmp(s, "department") == 0)
		return UK_DEPARTMENT;
	if (strcmp(s, "district_office") == 0 ||
	    strcmp(s, "district-office") == 0)
		return UK_DISTRICT_OFFICE;
	return UK_SCHOOL;
}

/* CODE: groups of 0-9 A-Z separated by dots ("000.00.31.H26"). */
static int
code_ok(const char *s)
{
	size_t	n = strlen(s), i;

	if (n == 0 || n > 40 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] == '.' && s[i + 1] != '.')))
			return 0;
	return 1;
}

/* The rules of the hierarchy; 0, or -1 after saying why. */
int
cli_unit_check(struct cli *c, const struct acct_unit *u)
{
	struct acct_unit p;
	const char	*want;
	int		 found;

	if (!code_ok(u->code)) {
		fprintf(stderr, "motcua: %s: a unit code is groups of 0-9 A-Z "
		    "joined by dots\n", u->code);
		return -1;
	}
	if ((strcmp(u->kind, "school") == 0) != (u->school_level != NULL)) {
		fputs("motcua: a school needs --level, other units none\n",
		    stderr);
		return -1;
	}
	if (strcmp(u->kind, "department") == 0) {
		if (u->parent_code != NULL) {
			fputs("motcua: the department has no parent\n", stderr);
			return -1;
		}
		return 0;
	}
	if (u->parent_code == NULL) {
		fputs("motcua: --parent is required\n", stderr);
		return -1;
	}
	if (cli_db_error(acct_unit_get(c->db, c->a, u->parent_code, &p,
	    &found), u->parent_code) == -1)
		return -1;
	if (!found) {
		fprintf(stderr, "motcua: no unit %s\n", u->parent_code);
		return -1;
	}
	/* Offices and upper secondary schools under the department;
	 * primary and lower secondary schools under an office. */
	want = strcmp(u->kind, "district_office") == 0 ||
	    (u->school_level != NULL &&
	    strcmp(u->school_level, "upper_secondary") == 0) ?
	    "department" : "district_office";
	if (strcmp(p.kind, want) != 0) {
		fprintf(stderr, "motcua: a %s%s%s reports to a %s, not a %s\n",
		    u->school_level != NULL ? u->school_level : "",
		    u->school_level != NULL ? " " : "", u->kind, want, p.kind);
		return -1;
	}
	return 0;
}

#define NAME_MAX_BYTES	200	/* as registration (app/signup.c) */

const char *
cli_name(struct cli *c, const char *opt, const char *s)
{
	size_t	 n = strlen(s);
	char	*out;

	if (n == 0 || n > NAME_MAX_BYTES) {
		fprintf(stderr, "motcua: %s: from 1 to %d bytes\n", opt,
		    NAME_MAX_BYTES);
		return NULL;
	}
	if (!utf8_name(s, n)) {
		fprintf(stderr, "motcua: %s: not UTF-8 text on one line "
		    "without control, invisible or text-direction "
		    "characters\n", opt);
		return NULL;
	}
	out = utf8_nfc(c->a, arena_strndup(c->a, s, n), n, &n);
	if (n > NAME_MAX_BYTES) {
		fprintf(stderr, "motcua: %s: from 1 to %d bytes\n", opt,
		    NAME_MAX_BYTES);
		return NULL;
	}
	return out;
}

int
cli_vkey(const struct config *cfg, const char *path, struct note_vkey *k)
{
	char	 file[4096], text[512];
	FILE	*f;
	size_t	 n;

	if (path == NULL) {
		snprintf(file, sizeof(file), "%s/audit.vkey", cfg->keys_dir);
		path = file;
	}
	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "motcua: %s: %s\n", path, strerror(errno));
		return -1;
	}
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	if (note_vkey_parse(text, k) == -1) {
		fprintf(stderr, "motcua: %s: not a C2SP Ed25519 verifier key\n",
		    path);
		return -1;
	}
	return 0;
}
