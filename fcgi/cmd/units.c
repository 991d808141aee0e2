/*
 * units.c - `motcua units add|list`: the department, district offices
 * and schools (DOMAIN.md, "Schools").  Upper secondary schools report
 * to the department, primary and lower secondary schools to a district
 * office; the database checks the shape, this checks the hierarchy.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "cmd.h"
#include "core/def.h"
#include "store/accounts.h"
#include "store/audit.h"

static const char *const kinds[] = {
	"department", "district_office", "school",
};
static const char *const levels[] = {
	"primary", "lower_secondary", "upper_secondary",
};

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

static int
usage(void)
{
	fputs("usage: motcua units add CODE --kind department|district_office|"
	    "school [--level primary|lower_secondary|upper_secondary] "
	    "[--parent CODE] --vi NAME --en NAME\n"
	    "       motcua units list\n", stderr);
	return 2;
}

static int
one_of(const char *s, const char *const *v, size_t n)
{
	size_t	i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, v[i]) == 0)
			return 1;
	return 0;
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

static int
add(struct cli *c, int argc, char *argv[])
{
	struct acct_unit	u;
	struct audit_entry	e;
	int64_t			id;
	int			i;

	memset(&u, 0, sizeof(u));
	if (argc < 3 || argv[2][0] == '-')
		return usage();
	u.code = argv[2];
	for (i = 3; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--kind") == 0)
			u.kind = argv[i + 1];
		else if (strcmp(argv[i], "--level") == 0)
			u.school_level = argv[i + 1];
		else if (strcmp(argv[i], "--parent") == 0)
			u.parent_code = argv[i + 1];
		else if (strcmp(argv[i], "--vi") == 0)
			u.name_vi = argv[i + 1];
		else if (strcmp(argv[i], "--en") == 0)
			u.name_en = argv[i + 1];
		else
			return usage();
	}
	if (i != argc || !one_of(u.kind, kinds, 3) || u.name_vi == NULL ||
	    u.name_en == NULL || u.name_vi[0] == '\0' || u.name_en[0] == '\0' ||
	    (u.school_level != NULL && !one_of(u.school_level, levels, 3)))
		return usage();
	if ((u.name_vi = cli_name(c, "--vi", u.name_vi)) == NULL ||
	    (u.name_en = cli_name(c, "--en", u.name_en)) == NULL ||
	    cli_unit_check(c, &u) == -1)
		return 1;
	cli_audit(c, &e, "unit.add");
	if (cli_db_error(acct_unit_add(c->db, &u, &e, &id), u.code) == -1)
		return 1;
	printf("unit %s added (id %" PRId64 ")\n", u.code, id);
	return 0;
}

static int
list(struct cli *c)
{
	struct acct_unit	*u;
	size_t			 n, i;

	if (cli_db_error(acct_unit_list(c->db, c->a, &u, &n), "units") == -1)
		return 1;
	printf("%-16s %-16s %-16s %-16s %s\n", "CODE", "KIND", "LEVEL",
	    "PARENT", "NAME");
	for (i = 0; i < n; i++)
		printf("%-16s %-16s %-16s %-16s %s\n", u[i].code, u[i].kind,
		    u[i].school_level != NULL ? u[i].school_level : "-",
		    u[i].parent_code != NULL ? u[i].parent_code : "-",
		    u[i].name_vi);
	return 0;
}

int
cmd_units(int argc, char *argv[])
{
	struct cli	c;
	int		rc;

	if (argc < 2 || (strcmp(argv[1], "add") != 0 &&
	    strcmp(argv[1], "list") != 0) ||
	    (strcmp(argv[1], "list") == 0 && argc != 2))
		return usage();
	if (cli_open(&c, 0) == -1)
		return 1;
	rc = strcmp(argv[1], "add") == 0 ? add(&c, argc, argv) : list(&c);
	cli_close(&c);
	return rc;
}
