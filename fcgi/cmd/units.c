/*
 * units.c - `motcua units add|list`: the department, district offices
 * and schools (DOMAIN.md, "Schools").  Upper secondary schools report
 * to the department, primary and lower secondary schools to a district
 * office; the database checks the shape, this checks the hierarchy.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "store/accounts.h"
#include "store/audit.h"

static const char *const kinds[] = {
	"department", "district_office", "school",
};
static const char *const levels[] = {
	"primary", "lower_secondary", "upper_secondary",
};

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
