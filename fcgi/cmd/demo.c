/*
 * demo.c - `motcua demo`: load the demonstration data, idempotently
 * (what exists is left as it is), and print the demo sign-ins.
 *
 * The city's Department of Education and Training, two district
 * offices, four schools (a lower secondary school under each office,
 * two upper secondary schools under the department), one member of
 * staff for each role of workflows/catalogue.xml in each unit where the
 * role exists, an inspector and two citizens; then the records the
 * state holds (pupils and grades).  Every account has the password
 * DEMO_PASSWORD: this is for trying Motcua out, never for production.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "cli.h"
#include "store/notifications.h"
#include "cmd.h"
#include "core/def.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/records.h"

#define DEMO_PASSWORD	"demo-motcua-2025"

static const struct demo_unit {
	const char	*code;
	const char	*parent;
	const char	*kind;
	const char	*level;
	const char	*slug;		/* in user names: ROLE.SLUG */
	const char	*vi;
	const char	*en;
} units[] = {
	{ "000.00.01.H26", NULL, "department", NULL, "sgd",
	  "Sở Giáo dục và Đào tạo Hà Nội",
	  "Hanoi Department of Education and Training" },
	{ "000.00.11.H26", "000.00.01.H26", "district_office", NULL, "pgd-bd",
	  "Phòng Giáo dục và Đào tạo quận Ba Đình",
	  "Ba Dinh District Education Office" },
	{ "000.00.12.H26", "000.00.01.H26", "district_office", NULL, "pgd-cg",
	  "Phòng Giáo dục và Đào tạo quận Cầu Giấy",
	  "Cau Giay District Education Office" },
	{ "000.00.31.H26", "000.00.11.H26", "school", "lower_secondary",
	  "thcs-nt", "Trường THCS Nguyễn Trãi",
	  "Nguyen Trai Lower Secondary School" },
	{ "000.00.32.H26", "000.00.12.H26", "school", "lower_secondary",
	  "thcs-ngt", "Trường THCS Nghĩa Tân",
	  "Nghia Tan Lower Secondary School" },
	{ "000.00.41.H26", "000.00.01.H26", "school", "upper_secondary",
	  "thpt-cva", "Trường THPT Chu Văn An",
	  "Chu Van An Upper Secondary School" },
	{ "000.00.42.H26", "000.00.01.H26", "school", "upper_secondary",
	  "thpt-pdp", "Trường THPT Phan Đình Phùng",
	  "Phan Dinh Phung Upper Secondary School" },
};

/* Staff get these names in turn. */
static const char *const names[] = {
	"Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Thị Mai", "Phạm Quốc Bảo",
	"Hoàng Thị Thu", "Vũ Đức Minh", "Đặng Thị Hương", "Bùi Văn Nam",
	"Đỗ Thị Ngọc", "Hồ Văn Phúc", "Ngô Thị Thảo", "Dương Văn Long",
	"Lý Thị Hạnh", "Phan Văn Tài", "Trịnh Thị Yến", "Mai Văn Sơn",
	"Đinh Thị Loan", "Tạ Văn Quang", "Lương Thị Hà", "Cao Văn Đức",
	"Châu Thị Kim", "Tô Văn Khoa", "Võ Thị Hồng", "Kiều Văn Tuấn",
};

static const struct demo_person {
	const char	*kind;
	const char	*login;
	const char	*name;
	const char	*phone;
	const char	*email;
} people[] = {
	{ "inspector", "inspector", "Đỗ Minh Thanh", NULL,
	  "thanhtra@example.vn" },
	/* 001: Hà Nội; 0/1: born in the 20th century, male/female. */
	{ "citizen", "001090012345", "Nguyễn Văn An", "+84912345678", NULL },
	{ "citizen", "001195006789", "Trần Thị Bình", "+84987654321",
	  "binh.tran@example.vn" },
};

static int	added;

/* Add a user unless the login exists; -1 on error. */
static int
user(struct cli *c, const char *kind, const char *login, const char *name,
    const char *phone, const char *email, int64_t unit_id, const char *role)
{
	struct acct_user u;
	struct acct_new	 n;
	char		 hash[PASSWORD_HASH_MAX];
	int64_t		 id;
	int		 found;

	if (cli_db_error(acct_by_login(c->db, c->a, login, &u, &found),
	    login) == -1)
		return -1;
	if (found)
		goto confirm;
	if (cli_hash_password(DEMO_PASSWORD, login, hash) == -1)
		return -1;
	memset(&n, 0, sizeof(n));
	n.kind = kind;
	n.login = login;
	n.full_name = name;
	n.phone = phone;
	n.email = email;
	n.password_hash = hash;
	n.unit_id = unit_id;
	if (cli_add_user(c, &n, role != NULL ? &role : NULL,
	    role != NULL ? 1 : 0, &id) == -1)
		return -1;
	added++;
confirm:
	if (strcmp(kind, "citizen") == 0)
		return cli_db_error(contact_demo_confirm(c->db, login), login);
	return 0;
}

static int
load_units(struct cli *c, int64_t ids[])
{
	struct acct_unit	u;
	struct audit_entry	e;
	size_t			i;
	int			found;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (cli_db_error(acct_unit_get(c->db, c->a, units[i].code, &u,
		    &found), units[i].code) == -1)
			return -1;
		if (found) {
			ids[i] = u.id;
			continue;
		}
		memset(&u, 0, sizeof(u));
		u.code = units[i].code;
		u.parent_code = units[i].parent;
		u.kind = units[i].kind;
		u.school_level = units[i].level;
		u.name_vi = units[i].vi;
		u.name_en = units[i].en;
		cli_audit(c, &e, "unit.add");
		if (cli_unit_check(c, &u) == -1 || cli_db_error(acct_unit_add(
		    c->db, &u, &e, &ids[i]), u.code) == -1)
			return -1;
		added++;
	}
	return 0;
}

static int
load_staff(struct cli *c, const int64_t ids[])
{
	const struct defs	*d = c->defs;
	char			 login[64];
	size_t			 i, r, k = 0;
	int			 kind;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		kind = cli_unit_kind(units[i].kind);
		for (r = 1; r < d->nroles; r++) {
			if (!(d->roles[r].unit_kinds & (1u << kind)))
				continue;
			snprintf(login, sizeof(login), "%s.%s",
			    d->roles[r].id, units[i].slug);
			if (!cli_username_ok(login)) {
				fprintf(stderr, "motcua: demo: user name %s "
				    "is too long\n", login);
				return -1;
			}
			if (user(c, "staff", login, names[k++ %
			    (sizeof(names) / sizeof(names[0]))], NULL, NULL,
			    ids[i], d->roles[r].id) == -1)
				return -1;
		}
	}
	return 0;
}

static void
print_signins(const struct defs *d)
{
	size_t	i, r;
	int	kind;

	printf("\nDemo sign-ins (password for all: %s)\n", DEMO_PASSWORD);
	for (i = 0; i < sizeof(people) / sizeof(people[0]); i++)
		printf("  %-14s %s (%s)\n", people[i].kind, people[i].login,
		    people[i].name);
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		kind = cli_unit_kind(units[i].kind);
		printf("  %-14s", units[i].code);
		for (r = 1; r < d->nroles; r++)
			if (d->roles[r].unit_kinds & (1u << kind))
				printf(" %s.%s", d->roles[r].id, units[i].slug);
		printf("  (%s)\n", units[i].vi);
	}
}

int
cmd_demo(int argc, char *argv[])
{
	struct cli	c;
	int64_t		ids[sizeof(units) / sizeof(units[0])];
	size_t		i;
	int		rc = 1, pupils, grades;

	(void)argv;
	if (argc != 1) {
		fputs("usage: motcua demo\n", stderr);
		return 2;
	}
	if (cli_open(&c, 1) == -1)
		return 1;
	added = 0;
	if (load_units(&c, ids) == -1 || load_staff(&c, ids) == -1)
		goto done;
	for (i = 0; i < sizeof(people) / sizeof(people[0]); i++)
		if (user(&c, people[i].kind, people[i].login, people[i].name,
		    people[i].phone, people[i].email, 0, NULL) == -1)
			goto done;
	/* records (B) */
	if (cli_db_error(records_demo(c.db, &pupils, &grades), "pupils") ==
	    -1)
		goto done;
	printf("demo data: %d added%s\n", added, added == 0 ?
	    " (all there already)" : "");
	print_signins(c.defs);
	rc = 0;
done:
	cli_close(&c);
	return rc;
}
