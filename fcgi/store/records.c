/*
 * records.c - the records family of statements: see records.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "records.h"
#include "store_int.h"

static const struct stmt stmts[RECORDS__MAX] = {
	[RECORDS_STUDENT] = { "records_student",
	    "SELECT s.code, s.full_name, s.date_of_birth::text, u.code, "
	    "s.grade FROM students s LEFT JOIN units u ON u.id = s.school_id "
	    "JOIN student_guardians g ON g.student_code = s.code "
	    "AND g.cccd = $2 WHERE s.code = $1", 2, 1 },
	[RECORDS_GRADES] = { "records_grades",
	    "SELECT school_year, semester, subject, score::text FROM grades "
	    "WHERE student_code = $1 ORDER BY school_year, semester, subject",
	    1, 1 },
	[RECORDS_APPLICANT] = { "records_applicant",
	    "SELECT full_name, cccd, phone, email FROM users "
	    "WHERE id = $1::bigint", 1, 1 },
	[RECORDS_DEMO_SCHOOLS] = { "records_demo_schools",
	    "SELECT id, code, school_level FROM units WHERE kind = 'school' "
	    "ORDER BY code", 0, 0 },
	[RECORDS_DEMO_STUDENT] = { "records_demo_student",
	    "INSERT INTO students (code, full_name, date_of_birth, school_id, "
	    "grade) VALUES ($1, $2, $3::date, $4::bigint, $5::int) "
	    "ON CONFLICT (code) DO UPDATE SET full_name = EXCLUDED.full_name, "
	    "date_of_birth = EXCLUDED.date_of_birth, "
	    "school_id = EXCLUDED.school_id, grade = EXCLUDED.grade", 5, 0 },
	[RECORDS_DEMO_GUARDIAN] = { "records_demo_guardian",
	    "INSERT INTO student_guardians (student_code, cccd, relation) "
	    "SELECT $1, cccd, 'parent' FROM users WHERE kind = 'citizen' "
	    "AND cccd IS NOT NULL ON CONFLICT DO NOTHING", 1, 0 },
	[RECORDS_DEMO_GRADE] = { "records_demo_grade",
	    "INSERT INTO grades (student_code, school_year, semester, subject, "
	    "score) VALUES ($1, $2, $3::int, $4, $5::numeric) "
	    "ON CONFLICT DO NOTHING", 5, 0 },
};

const struct family records_family = { stmts, RECORDS__MAX };

enum db_status
records_student(struct db *db, struct arena *a, const char *code,
    const char *cccd, struct student *s, int *found)
{
	const char	*p[2] = { code, cccd };
	PGresult	*res;
	enum db_status	 rc;

	memset(s, 0, sizeof(*s));
	*found = 0;
	if ((rc = db_exec(db, &stmts[RECORDS_STUDENT], p, &res)) != DB_OK)
		return rc;
	arena_cleanup(a, (void (*)(void *))PQclear, res);
	if (PQntuples(res) != 1)
		return DB_OK;
	*found = 1;
	s->code = db_col(res, 0, 0);
	s->full_name = db_col(res, 0, 1);
	s->date_of_birth = db_col(res, 0, 2);
	s->school_code = db_col(res, 0, 3);
	s->grade = db_col(res, 0, 4) != NULL ? atoi(db_col(res, 0, 4)) : 0;
	return DB_OK;
}

enum db_status
records_grades(struct db *db, struct arena *a, const char *code,
    struct grade **out, size_t *n)
{
	const char	*p[1] = { code };
	struct grade	*v;
	PGresult	*res;
	enum db_status	 rc;
	int		 i;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, &stmts[RECORDS_GRADES], p, &res)) != DB_OK)
		return rc;
	arena_cleanup(a, (void (*)(void *))PQclear, res);
	v = arena_calloc(a, (size_t)PQntuples(res) + 1, sizeof(*v));
	for (i = 0; i < PQntuples(res); i++) {
		v[i].school_year = db_col(res, i, 0);
		v[i].semester = atoi(db_col(res, i, 1));
		v[i].subject = db_col(res, i, 2);
		v[i].score = db_col(res, i, 3);
	}
	*out = v;
	*n = (size_t)PQntuples(res);
	return DB_OK;
}

enum db_status
records_applicant(struct db *db, struct arena *a, int64_t user_id,
    struct applicant *ap, int *found)
{
	char		 id[24];
	const char	*p[1] = { id };
	PGresult	*res;
	enum db_status	 rc;

	snprintf(id, sizeof(id), "%" PRId64, user_id);
	memset(ap, 0, sizeof(*ap));
	*found = 0;
	if ((rc = db_exec(db, &stmts[RECORDS_APPLICANT], p, &res)) != DB_OK)
		return rc;
	arena_cleanup(a, (void (*)(void *))PQclear, res);
	if (PQntuples(res) != 1)
		return DB_OK;
	*found = 1;
	ap->full_name = db_col(res, 0, 0);
	ap->cccd = db_col(res, 0, 1);
	ap->phone = db_col(res, 0, 2);
	ap->email = db_col(res, 0, 3);
	return DB_OK;
}

/* ---- demo pupils ---------------------------------------------------- */

/*
 * This school year is 2025-2026; a pupil in grade g has the grades of
 * the years before (grade g-1 in 2024-2025 ...), as far back as grade 1
 * or four years, and of this year's first semester.
 */
#define THIS_YEAR	2025

static const char *const family_names[] = {
	"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi",
	"Đỗ", "Hồ", "Ngô", "Dương",
};
static const char *const middle_names[] = {
	"Văn", "Thị", "Minh", "Ngọc", "Đức", "Thu", "Quang", "Thanh",
};
static const char *const given_names[] = {
	"An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Linh",
	"Mai", "Nam", "Phúc", "Quỳnh", "Sơn", "Trang", "Uyên", "Vy",
};

static const char *const subj_primary[] = {
	"Tiếng Việt", "Toán", "Tiếng Anh", "Tự nhiên và Xã hội", NULL,
};
static const char *const subj_lower[] = {
	"Ngữ văn", "Toán", "Tiếng Anh", "Khoa học tự nhiên",
	"Lịch sử và Địa lí", NULL,
};
static const char *const subj_upper[] = {
	"Ngữ văn", "Toán", "Tiếng Anh", "Vật lí", "Hóa học", "Lịch sử", NULL,
};

/* The grades of the demo pupils by school level. */
static const struct {
	const char	*level;
	int		 grades[3];
	const char *const *subjects;
} levels[] = {
	{ "primary", { 2, 4, 5 }, subj_primary },
	{ "lower_secondary", { 6, 7, 9 }, subj_lower },
	{ "upper_secondary", { 10, 11, 12 }, subj_upper },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static uint32_t
mix(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

/* One pupil and their grades. */
static enum db_status
demo_pupil(struct db *db, const char *school_id, int school_no, int k,
    int grade, const char *const *subjects, int *ngrades)
{
	char		 code[32], name[128], dob[32], g[16], year[32], sem[16],
			 score[32];
	const char	*p[5];
	uint32_t	 h;
	enum db_status	 rc;
	int		 y, s, j;

	/* 79 (the city's province code) SS (school) KK (pupil) 0000 */
	snprintf(code, sizeof(code), "79%02d%02d0000", school_no % 100,
	    k % 100);
	h = mix((uint32_t)(school_no * 131 + k));
	snprintf(name, sizeof(name), "%s %s %s",
	    family_names[h % NELEM(family_names)],
	    middle_names[(h >> 8) % NELEM(middle_names)],
	    given_names[(h >> 16) % NELEM(given_names)]);
	snprintf(dob, sizeof(dob), "%04d-%02d-%02d", THIS_YEAR - 6 - grade,
	    1 + (int)(h % 12), 1 + (int)((h >> 4) % 28));
	snprintf(g, sizeof(g), "%d", grade);
	p[0] = code;
	p[1] = name;
	p[2] = dob;
	p[3] = school_id;
	p[4] = g;
	if ((rc = db_exec_only(db, &stmts[RECORDS_DEMO_STUDENT], p)) != DB_OK)
		return rc;
	/* The demo citizens are parents of every demo pupil. */
	if ((rc = db_exec_only(db, &stmts[RECORDS_DEMO_GUARDIAN], p)) != DB_OK)
		return rc;
	for (y = 4; y >= 0; y--) {
		int	 gy = grade - y;	/* the grade in that year */

		if (gy < 1)
			continue;
		snprintf(year, sizeof(year), "%d-%d", THIS_YEAR - y,
		    THIS_YEAR - y + 1);
		for (s = 0; s <= 2; s++) {
			if (y == 0 && s != 1)
				continue;	/* only semester 1 so far */
			snprintf(sem, sizeof(sem), "%d", s);
			for (j = 0; subjects[j] != NULL; j++) {
				uint32_t v = mix(h + (uint32_t)(y * 97 +
				    s * 13 + j));

				/* 5.0 .. 9.9, a little better each year */
				snprintf(score, sizeof(score), "%d.%d",
				    5 + (int)(v % 4) + (y < 2),
				    (int)((v >> 8) % 10));
				p[0] = code;
				p[1] = year;
				p[2] = sem;
				p[3] = subjects[j];
				p[4] = score;
				if ((rc = db_exec_only(db,
				    &stmts[RECORDS_DEMO_GRADE],
				    p)) != DB_OK)
					return rc;
				(*ngrades)++;
			}
		}
	}
	return DB_OK;
}

enum db_status
records_demo(struct db *db, int *students, int *grades)
{
	PGresult	*res = NULL;
	enum db_status	 rc;
	size_t		 l;
	int		 i, k;

	*students = *grades = 0;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_exec(db, &stmts[RECORDS_DEMO_SCHOOLS], NULL, &res)) !=
	    DB_OK)
		goto fail;
	for (i = 0; i < PQntuples(res); i++) {
		const char *level = db_col(res, i, 2);

		for (l = 0; l < NELEM(levels); l++)
			if (level != NULL &&
			    strcmp(levels[l].level, level) == 0)
				break;
		if (l == NELEM(levels))
			continue;
		for (k = 0; k < 3; k++) {
			if ((rc = demo_pupil(db, db_col(res, i, 0), i + 1, k + 1,
			    levels[l].grades[k], levels[l].subjects,
			    grades)) != DB_OK)
				goto fail;
			(*students)++;
		}
	}
	PQclear(res);
	return db_commit(db);
fail:
	if (res != NULL)
		PQclear(res);
	db_rollback(db);
	return rc;
}
