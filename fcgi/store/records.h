/*
 * records.h - the records family of statements (store_int.h): what the
 * state already holds and forms prefill from (the once-only principle):
 * pupils and their grades, and the applicant's own identity; and the
 * demo pupils that `motcua demo` loads.
 *
 * Strings returned come from the arena given.
 */
#ifndef MOTCUA_STORE_RECORDS_H
#define MOTCUA_STORE_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

struct arena;

enum records_stmt {
	RECORDS_STUDENT,
	RECORDS_GRADES,
	RECORDS_APPLICANT,
	RECORDS_DEMO_SCHOOLS,
	RECORDS_DEMO_STUDENT,
	RECORDS_DEMO_GRADE,
	RECORDS_DEMO_GUARDIAN,
	RECORDS__MAX
};

struct student {
	const char	*code;
	const char	*full_name;
	const char	*date_of_birth;	/* YYYY-MM-DD */
	const char	*school_code;	/* or NULL */
	int		 grade;		/* 0: not known */
};

struct grade {
	const char	*school_year;	/* "2024-2025" */
	int		 semester;	/* 1, 2; 0 the whole year */
	const char	*subject;
	const char	*score;		/* "8.50" */
};

/* The applicant as the users table knows them. */
struct applicant {
	const char	*full_name;
	const char	*cccd;		/* or NULL */
	const char	*phone;		/* +84XXXXXXXXX or NULL */
	const char	*email;		/* or NULL */
};

/*
 * The pupil with this code, if the citizen with this CCCD is linked to
 * them (themself, a parent or guardian: student_guardians).  *found is
 * 0 when there is no such pupil or no such link: the caller cannot and
 * must not tell the two apart.
 */
enum db_status	records_student(struct db *, struct arena *, const char *code,
		    const char *cccd, struct student *, int *found);
enum db_status	records_grades(struct db *, struct arena *, const char *code,
		    struct grade **, size_t *);
enum db_status	records_applicant(struct db *, struct arena *,
		    int64_t user_id, struct applicant *, int *found);

/*
 * The demo pupils: a few in each school of the units table (grades by
 * the school's level), each with the grades of the school years before
 * this one and of this year's first semester.  Idempotent: pupils are
 * updated in place, grades added when missing.  One transaction.  The
 * counts are of pupils and grades written.
 */
enum db_status	records_demo(struct db *, int *students, int *grades);

#endif
