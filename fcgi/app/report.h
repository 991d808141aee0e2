/*
 * report.h - the periodic report on one-stop processing of a unit,
 * with or without the units under it, for a period, per service and
 * in total (core/report.h; docs/statistics.md).
 *
 * Who may ask: an inspector, or staff holding a reporting role (head
 * of a unit, principal of a school) of that unit or of a unit above
 * it.  Anyone else: UC_FORBIDDEN, audited ("report.denied").
 */
#ifndef MOTCUA_APP_REPORT_H
#define MOTCUA_APP_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "core/report.h"

struct workflow;

/* What was asked, as the query spells it (NULL: not given). */
struct report_ask {
	const char	*unit;		/* unit code: required */
	const char	*from;		/* YYYY-MM-DD, local: required */
	const char	*to;		/* YYYY-MM-DD, exclusive: required */
	const char	*service;	/* a workflow code, or NULL: all */
	const char	*subunits;	/* "1", "true", "0", "false"; NULL 0 */
};

struct report_line {
	const char	*service;	/* workflow code; NULL for the total */
	const struct workflow *wf;	/* or NULL (total, or a retired
					 * definition's dossiers) */
	struct report_row row;
	struct report_rates rates;
};

struct report {
	const char	*unit_code;
	const char	*unit_vi, *unit_en;
	int		 subunits;
	int64_t		 from_day, to_day;	/* days since 1970-01-01 */
	struct report_line *lines;		/* per service */
	size_t		 nlines;
	struct report_line total;
};

/* The longest period a report may span, in days. */
#define REPORT_DAYS_MAX	3660

/*
 * Bad input: UC_BAD_INPUT on the field ("unit", "from", "to",
 * "service", "subunits"); an unknown unit: UC_NOT_FOUND on "unit".
 */
enum uc_status	uc_report(struct app *, const struct report_ask *,
		    struct report *, struct uc_error *);

/* A rate's bp or avg_days_x100 as "83.33", in the arena; NULL when
 * negative (no rate). */
const char	*uc_report_num(struct app *, int64_t hundredths);

#endif
