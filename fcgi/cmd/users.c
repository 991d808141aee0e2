/*
 * users.c - `motcua users ...`: staff, inspectors, citizens, partner
 * tokens and passwords, through the accounts store; and the helpers
 * that units.c and demo.c share (cmd.h).
 *
 * Passwords are read from standard input (one line; without echo on a
 * terminal), never from the command line, where `ps` would show them.
 */
#include <errno.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <jansson.h>

#include "base/arena.h"
#include "base/config.h"
#include "base/hash.h"
#include "base/password.h"
#include "base/utf8.h"
#include "cmd.h"
#include "core/def.h"
#include "core/validate.h"
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
	char		*s;

	memset(e, 0, sizeof(*e));
	e->actor_kind = "operator";
	e->action = action;
	d = json_pack("{s:s, s:s}", "via", "motcua command line",
	    "os_user", pw != NULL ? pw->pw_name : "?");
	s = json_dumps(d, JSON_COMPACT);
	json_decref(d);
	if (s == NULL)
		abort();
	e->detail_json = arena_strdup(c->a, s);
	free(s);
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

/*
 * One line of standard input, without its newline, in NFC as web
 * sign-ins are (base/utf8.h): a password typed decomposed here is the
 * same one composed there.  No echo on a tty.  As on the web
 * (params.c), up to 4 times the policy's bytes are read before
 * normalization, which the policy bounds after (password_check).  NULL
 * after saying why.
 */
static char *
read_password(struct cli *c, const char *prompt)
{
	struct termios	 old, quiet;
	char		 buf[4 * PASSWORD_MAX_BYTES + 2];
	int		 tty = isatty(STDIN_FILENO), ok;
	size_t		 n;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		} else
			tty = 0;
	}
	ok = fgets(buf, (int)sizeof(buf), stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (!ok) {
		fputs("motcua: no password on standard input\n", stderr);
		return NULL;
	}
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	else if (n == sizeof(buf) - 1) {
		fputs("motcua: the password is too long\n", stderr);
		return NULL;
	}
	if (n > 0 && buf[n - 1] == '\r')
		buf[--n] = '\0';
	/* Not UTF-8: left as it is, for the policy to refuse. */
	return arena_strdup(c->a, utf8_valid(buf, n) ?
	    utf8_nfc(c->a, buf, n, &n) : buf);
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

#define NAME_MAX_BYTES	200	/* as registration (web/signup.c) */

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
cli_add_user(struct cli *c, const struct acct_new *n,
    const char *const *roles, size_t nroles, int64_t *id)
{
	struct audit_entry	e;

	cli_audit(c, &e, "user.add");
	return cli_db_error(acct_user_create(c->db, n, roles, nroles, &e, id),
	    n->login);
}

/* Options shared by the add-* subcommands. */
struct uopts {
	const char	*login;
	const char	*name;
	const char	*phone;
	const char	*email;
	const char	*unit;
	const char	*roles[ROLE_MAX];
	size_t		 nroles;
	const char	*scopes[8];
	size_t		 nscopes;
};

static int
usage(void)
{
	fputs("usage: motcua users add-staff USERNAME --unit CODE --role ROLE "
	    "[--role ROLE]... --name NAME [--phone P] [--email E]\n"
	    "       motcua users add-inspector USERNAME --name NAME "
	    "[--phone P] [--email E]\n"
	    "       motcua users add-citizen CCCD --name NAME "
	    "(--phone P | --email E)\n"
	    "       motcua users add-partner NAME --scope SCOPE "
	    "[--scope SCOPE]... [--unit CODE]\n"
	    "       motcua users list\n"
	    "       motcua users passwd CCCD|USERNAME\n"
	    "Passwords are read from standard input.\n", stderr);
	return 2;
}

static int
parse(int argc, char *argv[], struct uopts *o)
{
	int	i;

	memset(o, 0, sizeof(*o));
	if (argc < 3 || argv[2][0] == '-')
		return -1;
	o->login = argv[2];
	for (i = 3; i < argc; i++) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] :
		    NULL;

		if (val == NULL)
			return -1;
		i++;
		if (strcmp(opt, "--name") == 0)
			o->name = val;
		else if (strcmp(opt, "--phone") == 0)
			o->phone = val;
		else if (strcmp(opt, "--email") == 0)
			o->email = val;
		else if (strcmp(opt, "--unit") == 0)
			o->unit = val;
		else if (strcmp(opt, "--role") == 0 && o->nroles < ROLE_MAX)
			o->roles[o->nroles++] = val;
		else if (strcmp(opt, "--scope") == 0 && o->nscopes < 8)
			o->scopes[o->nscopes++] = val;
		else
			return -1;
	}
	return 0;
}

static int
add_user(struct cli *c, const char *kind, struct uopts *o)
{
	struct acct_new	 n;
	struct acct_unit u;
	char		*pw, hash[PASSWORD_HASH_MAX];
	char		 phone[13], *login;
	const char	*name;
	int64_t		 id;
	size_t		 i, r;
	int		 found;

	memset(&n, 0, sizeof(n));
	login = arena_strdup(c->a, o->login);
	if (strcmp(kind, "citizen") == 0) {
		if (check_cccd(login, strlen(login)) == -1) {
			fprintf(stderr, "motcua: %s: not a valid CCCD\n",
			    login);
			return 1;
		}
		if (o->phone == NULL && o->email == NULL) {
			fputs("motcua: a citizen needs --phone or --email\n",
			    stderr);
			return 2;
		}
	} else {
		for (i = 0; login[i] != '\0'; i++)
			if (login[i] >= 'A' && login[i] <= 'Z')
				login[i] = (char)(login[i] - 'A' + 'a');
		if (!cli_username_ok(login)) {
			fprintf(stderr, "motcua: %s: a user name has 3 to 32 "
			    "of a-z 0-9 . _ -, with a letter\n", login);
			return 1;
		}
	}
	if (o->name == NULL) {
		fputs("motcua: --name is required\n", stderr);
		return 2;
	}
	if ((name = cli_name(c, "--name", o->name)) == NULL)
		return 1;
	if (o->phone != NULL && normalize_phone(o->phone, strlen(o->phone),
	    phone) == -1) {
		fprintf(stderr, "motcua: %s: not a Vietnamese mobile number\n",
		    o->phone);
		return 1;
	}
	if (strcmp(kind, "staff") == 0) {
		if (o->unit == NULL || o->nroles == 0)
			return usage();
		if (cli_db_error(acct_unit_get(c->db, c->a, o->unit, &u,
		    &found), o->unit) == -1)
			return 1;
		if (!found) {
			fprintf(stderr, "motcua: no unit %s (motcua units "
			    "list)\n", o->unit);
			return 1;
		}
		n.unit_id = u.id;
		for (i = 0; i < o->nroles; i++) {
			r = defs_role(c->defs, o->roles[i]);
			if (r == DEF_NONE || r == ROLE_APPLICANT) {
				fprintf(stderr, "motcua: no role \"%s\" in "
				    "workflows/catalogue.xml\n", o->roles[i]);
				return 1;
			}
			if (!(c->defs->roles[r].unit_kinds &
			    (1u << cli_unit_kind(u.kind)))) {
				fprintf(stderr, "motcua: role \"%s\" does not "
				    "exist in a unit of kind %s\n",
				    o->roles[i], u.kind);
				return 1;
			}
		}
	} else if (o->unit != NULL || o->nroles > 0)
		return usage();
	if ((pw = read_password(c, "Password: ")) == NULL ||
	    cli_hash_password(pw, login, hash) == -1)
		return 1;
	n.kind = kind;
	n.login = login;
	n.full_name = name;
	n.phone = o->phone != NULL ? phone : NULL;
	n.email = o->email;
	n.password_hash = hash;
	if (cli_add_user(c, &n, o->roles, o->nroles, &id) == -1)
		return 1;
	printf("%s %s added (id %" PRId64 ")\n", kind, login, id);
	return 0;
}

static int
add_partner(struct cli *c, struct uopts *o)
{
	struct audit_entry	 e;
	struct acct_unit	 u;
	const char		*name;
	char			 token[65], hash[SHA256_HEX_LEN + 1];
	char			 scopes[256] = "";
	int64_t			 id, unit_id = 0;
	size_t			 i, j;
	int			 found;
	static const char *const known[] = {
		"lookup", "dossiers:read", "dossiers:write",
	};

	if (o->nscopes == 0 || o->name != NULL || o->nroles > 0)
		return usage();
	if ((name = cli_name(c, "NAME", o->login)) == NULL)
		return 1;
	for (i = 0; i < o->nscopes; i++) {
		for (j = 0; j < sizeof(known) / sizeof(known[0]); j++)
			if (strcmp(o->scopes[i], known[j]) == 0)
				break;
		if (j == sizeof(known) / sizeof(known[0])) {
			fprintf(stderr, "motcua: unknown scope \"%s\" (lookup, "
			    "dossiers:read, dossiers:write)\n", o->scopes[i]);
			return 1;
		}
		snprintf(scopes + strlen(scopes), sizeof(scopes) -
		    strlen(scopes), "%s%s", i > 0 ? "," : "", o->scopes[i]);
	}
	if (o->unit != NULL) {
		if (cli_db_error(acct_unit_get(c->db, c->a, o->unit, &u,
		    &found), o->unit) == -1)
			return 1;
		if (!found) {
			fprintf(stderr, "motcua: no unit %s\n", o->unit);
			return 1;
		}
		unit_id = u.id;
	}
	random_hex(token, 32);
	sha256_hex(token, 64, hash);
	cli_audit(c, &e, "partner.add");
	if (cli_db_error(acct_partner_add(c->db, hash, name, scopes,
	    unit_id, &e, &id), name) == -1)
		return 1;
	fprintf(stderr, "partner token %" PRId64 " for \"%s\" (%s); it is "
	    "shown once:\n", id, name, scopes);
	printf("%s\n", token);
	return 0;
}

static int
list(struct cli *c)
{
	struct acct_user	*u;
	size_t			 n, i;

	if (cli_db_error(acct_user_list(c->db, c->a, &u, &n), "users") == -1)
		return 1;
	printf("%-6s %-9s %-34s %-14s %-24s %s\n", "ID", "KIND", "LOGIN",
	    "UNIT", "ROLES", "NAME");
	for (i = 0; i < n; i++)
		printf("%-6" PRId64 " %-9s %-34s %-14s %-24s %s%s\n", u[i].id,
		    u[i].kind, u[i].login, u[i].unit_code != NULL ?
		    u[i].unit_code : "-", u[i].roles[0] ? u[i].roles : "-",
		    u[i].full_name, u[i].disabled ? " (disabled)" : "");
	return 0;
}

static int
passwd(struct cli *c, const char *login_in)
{
	struct audit_entry	e;
	char			hash[PASSWORD_HASH_MAX], *login, *pw;
	int64_t			id;
	size_t			i;

	login = arena_strdup(c->a, login_in);
	for (i = 0; login[i] != '\0'; i++)
		if (login[i] >= 'A' && login[i] <= 'Z')
			login[i] = (char)(login[i] - 'A' + 'a');
	if ((pw = read_password(c, "New password: ")) == NULL ||
	    cli_hash_password(pw, login, hash) == -1)
		return 1;
	cli_audit(c, &e, "user.passwd");
	if (cli_db_error(acct_passwd(c->db, login, hash, &e, &id), login) ==
	    -1)
		return 1;
	if (id == 0) {
		fprintf(stderr, "motcua: no user %s\n", login);
		return 1;
	}
	printf("password of %s changed; their sessions ended\n", login);
	return 0;
}

int
cmd_users(int argc, char *argv[])
{
	struct cli	 c;
	struct uopts	 o;
	const char	*sub = argc > 1 ? argv[1] : "";
	int		 rc;

	if (strcmp(sub, "list") == 0) {
		if (argc != 2)
			return usage();
	} else if (strcmp(sub, "passwd") == 0) {
		if (argc != 3)
			return usage();
	} else if (strcmp(sub, "add-staff") == 0 ||
	    strcmp(sub, "add-inspector") == 0 ||
	    strcmp(sub, "add-citizen") == 0 ||
	    strcmp(sub, "add-partner") == 0) {
		if (parse(argc, argv, &o) == -1)
			return usage();
	} else
		return usage();
	if (cli_open(&c, strcmp(sub, "add-staff") == 0) == -1)
		return 1;
	if (strcmp(sub, "list") == 0)
		rc = list(&c);
	else if (strcmp(sub, "passwd") == 0)
		rc = passwd(&c, argv[2]);
	else if (strcmp(sub, "add-staff") == 0)
		rc = add_user(&c, "staff", &o);
	else if (strcmp(sub, "add-inspector") == 0)
		rc = add_user(&c, "inspector", &o);
	else if (strcmp(sub, "add-citizen") == 0)
		rc = add_user(&c, "citizen", &o);
	else
		rc = add_partner(&c, &o);
	cli_close(&c);
	return rc;
}
