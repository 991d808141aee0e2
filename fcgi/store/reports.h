/*
 * reports.h - the reports family of statements (store_int.h): the
 * dossiers of a unit that concern a period, grouped by the facts the
 * periodic report counts (migrations/0017_reports.sql report_facts;
 * core/report.h turns them into columns).
 */
#ifndef MOTCUA_STORE_REPORTS_H
#define MOTCUA_STORE_REPORTS_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

struct arena;

enum reports_stmt {
	REPORTS_FACTS,
	REPORTS_WITHIN,
	REPORTS__MAX
};

/* What n dossiers of one service share (report_facts' columns). */
struct report_group {
	const char	*service;
	int		 channel;
	int		 carried, done, status;
	int		 has_due, day_cmp, after_due;
	int		 overdue, paused, supplements;
	int		 e_result, has_fee, paid, files;
	const char	*rating;	/* or NULL */
	int64_t		 n;
	int64_t		 work_seconds;
};

struct report_query {
	int64_t		 unit_id;
	int		 subunits;	/* and the units under it */
	int64_t		 from, to;	/* [from, to), Unix time */
	const char	*service;	/* or NULL: every service */
	/* Lists of "service/state" or "service/action". */
	const char *const *roles;	/* that may ask (staff) */
	size_t		 nroles;
	const char *const *supplement;	/* states asking for a supplement */
	size_t		 nsupplement;
	const char *const *fee;		/* states asking for a fee */
	size_t		 nfee;
	const char *const *result;	/* actions issuing the result */
	size_t		 nresult;
};

/*
 * The groups, by service, in the arena.  Nothing when the actor (the
 * database's request context) may not see the unit's report.
 */
enum db_status	reports_facts(struct db *, struct arena *,
		    const struct report_query *, struct report_group **,
		    size_t *n);
/* *yes: unit is the unit above or under it. */
enum db_status	reports_within(struct db *, struct arena *, int64_t unit,
		    int64_t above, int *yes);

#endif
