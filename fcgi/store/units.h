/*
 * units.h - the units family of statements (store_int.h): the units
 * (the department, district offices, schools) that dossiers are filed
 * with and move between, as the use cases read them.  Adding and
 * listing units (the accounts CLI) is accounts.h's.
 *
 * Strings returned come from the arena given.
 */
#ifndef MOTCUA_STORE_UNITS_H
#define MOTCUA_STORE_UNITS_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

struct arena;

enum units_stmt {
	UNITS_BY_CODE,
	UNITS_BY_ID,
	UNITS_OF_KIND,
	UNITS_BY_CODES,
	UNITS__MAX
};

struct unit {
	int64_t		 id;		/* 0: not found */
	const char	*code;
	const char	*kind;		/* "department", "district-office",
					   "school" (core's names) */
	int64_t		 parent_id;	/* 0: none */
	const char	*name_vi;
	const char	*name_en;
};

/* u->id 0: no such unit.  kind: core's names. */
enum db_status	units_by_code(struct db *, struct arena *, const char *code,
		    struct unit *);
enum db_status	units_by_id(struct db *, struct arena *, int64_t id,
		    struct unit *);
/* The one unit of a kind; u->id 0 when there is none or several. */
enum db_status	units_of_kind(struct db *, struct arena *, const char *kind,
		    struct unit *);
/* The units of these codes, in no order (*out[0..n); codes that name
 * no unit are left out): one statement for the names a page shows. */
enum db_status	units_by_codes(struct db *, struct arena *,
		    const char *const *codes, size_t ncodes, struct unit **out,
		    size_t *n);

#endif
