/*
 * ratings.h - the ratings family of statements (store_int.h): the
 * applicant's rating of a completed dossier (core/rating.h), kept in
 * the dossier's row (migrations/0008_ratings.sql) and read with it
 * (struct dossier's rating, rating_comment, rated_at).
 */
#ifndef MOTCUA_STORE_RATINGS_H
#define MOTCUA_STORE_RATINGS_H

#include <stdint.h>

#include "store/audit.h"
#include "store/db.h"

struct arena;

enum ratings_stmt {
	RATINGS_RATE,
	RATINGS__MAX
};

struct dossier_rating {
	int64_t		 id;		/* the dossier */
	int64_t		 applicant_id;	/* the actor, who must have filed it */
	const char	*rating;	/* rating_names[] */
	const char	*comment;	/* or NULL */
	int64_t		 at;
};

/*
 * Rate a dossier, in one transaction with its event (action "rate",
 * from_state = to_state = its state, by the citizen) and the audit
 * entry.  *changed 0: nothing done, because the dossier is not this
 * applicant's, not closed, withdrawn or rated already (the UPDATE
 * checks the row again: two ratings at once make one).
 */
enum db_status	ratings_rate(struct db *, struct arena *,
		    const struct dossier_rating *, const struct audit_entry *,
		    int *changed);

#endif
