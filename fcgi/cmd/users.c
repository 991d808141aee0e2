/*
 * users.c - `motcua users ...`: staff, inspectors, citizens, partner
 * tokens and passwords, through the accounts store.
 *
 * Passwords are read from standard input (one line; without echo on a
 * terminal), never from the command line, where `ps` would show them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/hash.h"
#include "base/password.h"
#include "base/utf8.h"
#include "cli.h"
#include "cmd.h"
#include "core/def.h"
#include "core/validate.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/db.h"

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
	int64_t		 id;		/* revoke-partner --id */
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
	    "       motcua users disable CCCD|USERNAME\n"
	    "       motcua users enable CCCD|USERNAME\n"
	    "       motcua users partners\n"
	    "       motcua users revoke-partner NAME | --id ID\n"
	    "Passwords are read from standard input.\n", stderr);
	return 2;
}

/* A login as the database holds it: user names in lower case (a CCCD
 * has no letters), as add-staff and the web's sign-in write them. */
static char *
login_of(struct cli *c, const char *s)
{
	char	*login = arena_strdup(c->a, s);
	size_t	 i;

	for (i = 0; login[i] != '\0'; i++)
		if (login[i] >= 'A' && login[i] <= 'Z')
			login[i] = (char)(login[i] - 'A' + 'a');
	return login;
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
	login = login_of(c, o->login);
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
add_staff(struct cli *c, struct uopts *o)
{
	return add_user(c, "staff", o);
}

static int
add_inspector(struct cli *c, struct uopts *o)
{
	return add_user(c, "inspector", o);
}

static int
add_citizen(struct cli *c, struct uopts *o)
{
	return add_user(c, "citizen", o);
}

static int
list(struct cli *c, struct uopts *o)
{
	struct acct_user	*u;
	size_t			 n, i;

	(void)o;
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
passwd(struct cli *c, struct uopts *o)
{
	struct audit_entry	e;
	char			hash[PASSWORD_HASH_MAX], *login, *pw;
	int64_t			id;

	login = login_of(c, o->login);
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

/* Sign-in refused and sessions ended (or sign-in allowed again): the
 * account stays, with its dossiers and its trail. */
static int
set_disabled(struct cli *c, struct uopts *o, int disabled)
{
	struct audit_entry	 e;
	const char		*login = login_of(c, o->login);
	int64_t			 id;
	int			 changed;

	cli_audit(c, &e, disabled ? "user.disable" : "user.enable");
	if (cli_db_error(acct_set_disabled(c->db, login, disabled, &e, &id,
	    &changed), login) == -1)
		return 1;
	if (id == 0) {
		fprintf(stderr, "motcua: no user %s\n", login);
		return 1;
	}
	if (!changed)
		printf("%s was %s already\n", login, disabled ? "disabled" :
		    "enabled");
	else if (disabled)
		printf("%s disabled; their sessions ended\n", login);
	else
		printf("%s enabled\n", login);
	return 0;
}

static int
disable(struct cli *c, struct uopts *o)
{
	return set_disabled(c, o, 1);
}

static int
enable(struct cli *c, struct uopts *o)
{
	return set_disabled(c, o, 0);
}

static int
partners(struct cli *c, struct uopts *o)
{
	struct acct_partner	*t;
	size_t			 n, i;
	char			 state[40];

	(void)o;
	if (cli_db_error(acct_partner_list(c->db, c->a, &t, &n),
	    "partner tokens") == -1)
		return 1;
	printf("%-6s %-16s %-24s %-14s %-34s %s\n", "ID", "CREATED", "STATE",
	    "UNIT", "SCOPES", "NAME");
	for (i = 0; i < n; i++) {
		if (t[i].revoked_at != NULL)
			snprintf(state, sizeof(state), "revoked %s",
			    t[i].revoked_at);
		else
			snprintf(state, sizeof(state), "live");
		printf("%-6" PRId64 " %-16s %-24s %-14s %-34s %s\n", t[i].id,
		    t[i].created_at, state, t[i].unit_code != NULL ?
		    t[i].unit_code : "-", t[i].scopes[0] ? t[i].scopes : "-",
		    t[i].name);
	}
	return 0;
}

/*
 * By id, or by name when the name is that of one live token only:
 * names need not be unique (a partner rotating its token holds two for
 * a while), and revoking a token that was not meant is an outage.
 */
static int
revoke_partner(struct cli *c, struct uopts *o)
{
	struct audit_entry	 e;
	int64_t			 ids[8];
	size_t			 n, i;

	cli_audit(c, &e, "partner.revoke");
	if (cli_db_error(acct_partner_revoke(c->db, o->id, o->login, &e, ids,
	    sizeof(ids) / sizeof(ids[0]), &n), "partner token") == -1)
		return 1;
	if (n == 0) {
		if (o->id > 0)
			fprintf(stderr, "motcua: no live partner token %" PRId64
			    " (motcua users partners)\n", o->id);
		else
			fprintf(stderr, "motcua: no live partner token named "
			    "\"%s\" (motcua users partners)\n", o->login);
		return 1;
	}
	if (n > 1) {
		fprintf(stderr, "motcua: %zu live partner tokens are named "
		    "\"%s\":", n, o->login);
		for (i = 0; i < n && i < sizeof(ids) / sizeof(ids[0]); i++)
			fprintf(stderr, " %" PRId64, ids[i]);
		fprintf(stderr, "%s; say which with --id ID\n",
		    n > i ? " ..." : "");
		return 1;
	}
	printf("partner token %" PRId64 " revoked\n", ids[0]);
	return 0;
}

/* Arguments read before the database is opened: a usage error needs
 * none.  -1: usage. */
static int
args_none(int argc, char *argv[], struct uopts *o)
{
	(void)argv;
	memset(o, 0, sizeof(*o));
	return argc == 2 ? 0 : -1;
}

static int
args_login(int argc, char *argv[], struct uopts *o)
{
	memset(o, 0, sizeof(*o));
	if (argc != 3 || argv[2][0] == '-' || argv[2][0] == '\0')
		return -1;
	o->login = argv[2];
	return 0;
}

/* NAME, or --id ID (a positive decimal). */
static int
args_partner(int argc, char *argv[], struct uopts *o)
{
	const char	*s;
	size_t		 n;

	if (args_login(argc, argv, o) == 0)
		return 0;
	if (argc != 4 || strcmp(argv[2], "--id") != 0)
		return -1;
	s = argv[3];
	n = strlen(s);
	if (n == 0 || n > 18 || strspn(s, "0123456789") != n)
		return -1;
	o->id = strtoll(s, NULL, 10);
	return o->id > 0 ? 0 : -1;
}

static const struct sub {
	const char	*name;
	int		(*args)(int, char *[], struct uopts *);
	int		 with_defs;	/* roles are checked against them */
	int		(*run)(struct cli *, struct uopts *);
} subs[] = {
	{ "add-staff", parse, 1, add_staff },
	{ "add-inspector", parse, 0, add_inspector },
	{ "add-citizen", parse, 0, add_citizen },
	{ "add-partner", parse, 0, add_partner },
	{ "list", args_none, 0, list },
	{ "passwd", args_login, 0, passwd },
	{ "disable", args_login, 0, disable },
	{ "enable", args_login, 0, enable },
	{ "partners", args_none, 0, partners },
	{ "revoke-partner", args_partner, 0, revoke_partner },
};

int
cmd_users(int argc, char *argv[])
{
	const struct sub	*sub = NULL;
	struct cli		 c;
	struct uopts		 o;
	size_t			 i;
	int			 rc;

	for (i = 0; argc > 1 && i < sizeof(subs) / sizeof(subs[0]); i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			sub = &subs[i];
	if (sub == NULL || sub->args(argc, argv, &o) == -1)
		return usage();
	if (cli_open(&c, sub->with_defs) == -1)
		return 1;
	rc = sub->run(&c, &o);
	cli_close(&c);
	return rc;
}
