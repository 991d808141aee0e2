/*
 * trail.h - the inspector's desk: searching the audit trail and a
 * dossier's control sheet (Mẫu 06, "phiếu kiểm soát quá trình giải
 * quyết hồ sơ").  Read-only; for inspectors only (anyone else: an
 * audited refusal).  docs/inspection.md has the rules.
 */
#ifndef MOTCUA_APP_TRAIL_H
#define MOTCUA_APP_TRAIL_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "app/dossier.h"
#include "store/trail.h"

#define TRAIL_LIMIT_DEFAULT	50

/*
 * The filters as a request gives them (NULL or "": not given):
 * dossier a dossier's code; actor a user's id or login; unit a unit
 * code; action a prefix; from, to a date (YYYY-MM-DD, UTC midnight), a
 * time (YYYY-MM-DDTHH:MM:SSZ) or Unix seconds; after an entry's id (the
 * previous page's next); limit 1 .. TRAIL_LIMIT_MAX.
 */
struct trail_query {
	const char	*dossier, *actor, *unit, *action, *from, *to;
	const char	*after, *limit;
};

/*
 * The entries matching q, by id: out[0..*n), and *next the cursor of
 * the page after (0: this is the last).  UC_BAD_INPUT naming the
 * filter that is malformed; UC_FORBIDDEN (audited) but for inspectors.
 */
enum uc_status	 uc_trail(struct app *, const struct trail_query *q,
		    struct trail_entry **out, size_t *n, int64_t *next,
		    struct uc_error *);

/* One handover: an event, and the time it was due by. */
struct handover {
	const struct dossier_event *ev;
	int64_t		 due;		/* 0: not known */
	int		 late;		/* 1 late, 0 on time, -1 unknown */
};

struct control_sheet {
	struct dossier_view_full v;	/* the dossier (its view audited) */
	struct handover	*steps;		/* one per event, in order */
	size_t		 nsteps;
	struct trail_entry *trail;	/* the dossier's entries, by id */
	size_t		 ntrail;
	int64_t		 trail_next;	/* more after this id; 0 none */
};

/*
 * The control sheet of a dossier: UC_NOT_FOUND when there is none, as
 * uc_get; UC_FORBIDDEN (audited) but for inspectors.
 */
enum uc_status	 uc_control_sheet(struct app *, const char *code,
		    struct control_sheet *, struct uc_error *);

#endif
