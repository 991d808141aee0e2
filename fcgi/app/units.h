/*
 * units.h - the units a form's unit field may name (a school, a
 * district office, the department), for pickers: the pages' and the
 * API's (GET /api/v1/units).
 */
#ifndef MOTCUA_APP_UNITS_H
#define MOTCUA_APP_UNITS_H

#include <stddef.h>

#include "app/app.h"
#include "store/accounts.h"

/*
 * The units of a kind, spelt as in the definitions (unit_kind_names:
 * "school", "district-office", "department"), or of every kind (kind
 * NULL), by name in Vietnamese or (english) English alphabetical
 * order, then by code (acct_unit_pick).  At most max + 1 rows: *n >
 * max means there are more.  Each row's kind is spelt as in the
 * definitions.  A kind that is none of these: UC_BAD_INPUT on "kind".
 */
enum uc_status	uc_units(struct app *, const char *kind, int english,
		    int max, struct acct_unit **, size_t *n, struct uc_error *);

#endif
