/*
 * dossiers.h - dossiers, their day counters, events and attachments, and
 * the definition versions they are pinned to.  Two families of
 * statements (store_int.h): dossiers.c reads them (one dossier, its
 * events and attachments, the lists and the inbox's filters, the public
 * lookup), changes.c writes them (filing, transitions).  The units they
 * move between: units.h.  Ratings and one attachment's download:
 * ratings.h, attachments.h.
 *
 * Times are Unix seconds (0: none).  Strings returned come from the
 * arena given.  dossiers_submit and dossiers_act are each one
 * transaction with the change's event and audit entry; nothing else
 * here opens one.
 */
#ifndef MOTCUA_STORE_DOSSIERS_H
#define MOTCUA_STORE_DOSSIERS_H

#include <stddef.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/db.h"
#include "store/records.h"
#include "store/units.h"

struct arena;

/* dossiers.c's family: reading dossiers. */
enum dossiers_stmt {
	DOSSIERS_BY_KEY,
	DOSSIERS_BY_CODE,
	DOSSIERS_HELD_BY,
	DOSSIERS_EVENTS,
	DOSSIERS_ATTACHMENTS,
	DOSSIERS_ATTACHMENT_CONTENTS,
	DOSSIERS_LIST_MINE,
	DOSSIERS_LIST_INBOX,
	DOSSIERS_LIST_HELD,
	DOSSIERS_LIST_ALL,
	DOSSIERS_LOOKUP_FAILS,
	DOSSIERS_SUBMITTER,
	DOSSIERS_LOOKUP,
	DOSSIERS__MAX
};

/* changes.c's family: filing and changing them. */
enum changes_stmt {
	CHANGES_DEF_ADD,
	CHANGES_COUNTER,
	CHANGES_INSERT,
	CHANGES_ATTACH,
	CHANGES_UPDATE,
	CHANGES_REMOVE,
	CHANGES__MAX
};

struct dossier {
	int64_t		 id;		/* 0: not found */
	const char	*code;
	const char	*service;
	const char	*version;
	int64_t		 applicant_id;
	int64_t		 unit_id;
	const char	*unit_code;
	int64_t		 holder_unit_id;	/* 0: the applicant */
	const char	*holder_code;		/* or NULL */
	const char	*holder_name_vi;	/* or NULL */
	const char	*holder_name_en;	/* or NULL */
	const char	*state;
	int		 status;
	const char	*data;		/* JSON object */
	const char	*pin_salt;
	int		 channel;
	int64_t		 received_at;
	int64_t		 due_at;		/* 0: not known */
	int64_t		 completed_at;		/* 0: open */
	const char	*paused;	/* JSON [[from, to|null], ...] */
	int64_t		 rev;		/* one more at every change */
	const char	*rating;	/* or NULL: not rated (core/rating.h) */
	const char	*rating_comment;	/* or NULL */
	int64_t		 rated_at;	/* 0: not rated */
	const char	*request_hash;	/* of its request (app/idem.c), or
					 * NULL: filed before it was kept */
	int64_t		 escalated_at;	/* 0: not escalated; else a timer
					 * marked it overdue (app/timers.h) */
};

/* A new dossier, with its first event. */
/*
 * What else commits with a change: called inside its transaction after
 * its event is written (the notifications outbox, app/notify.h); a
 * failure rolls everything back.
 */
struct dossier_hook {
	enum db_status	(*fn)(void *arg, int64_t dossier_id,
			    int64_t event_id);
	void		*arg;
};

struct dossier_new {
	const char	*code;
	const char	*service;
	const char	*version;
	int64_t		 applicant_id;
	int64_t		 unit_id;
	int64_t		 holder_unit_id;	/* 0: the applicant */
	const char	*state;
	int		 status;
	const char	*data;
	const unsigned char *pin_hash;	/* 32 bytes */
	const char	*pin_salt;
	int		 channel;
	int64_t		 received_at;
	int64_t		 due_at;		/* 0: not known */
	const char	*idem_key;	/* SHA-256 hex of the client's key */
	const char	*request_hash;	/* SHA-256 hex of the request */
	const char	*actor_kind;	/* of the event */
	const struct dossier_hook *hook; /* or NULL */
};

/* A transition, with its event. */
/* The national status of a dossier withdrawn by the citizen: its paid
 * fee becomes refund-due in the change's transaction (payments.h). */
#define DOSSIER_STATUS_WITHDRAWN	7

struct dossier_change {
	int64_t		 id;
	const char	*from_state;	/* the state it was read in */
	int64_t		 rev;		/* must still be the revision */
	const char	*to_state;
	int		 status;
	int64_t		 holder_unit_id;	/* 0: the applicant */
	int64_t		 due_at;		/* 0: not known */
	int64_t		 completed_at;		/* 0: open */
	const char	*paused;
	const char	*data;		/* new data, or NULL: unchanged */
	int64_t		 at;
	int64_t		 actor_id;	/* 0: none */
	const char	*actor_kind;
	int64_t		 actor_unit_id;	/* 0: none */
	const char	*action;
	const char	*comment;	/* or NULL */
	const char	*reason;	/* or NULL */
	const int64_t	*remove;	/* current attachments it removes */
	size_t		 nremove;	/* (distinct ids) */
	/* What the change leaves to the jobs (its notifications, the
	 * timers of the state it enters: store/jobs.h), written in its
	 * transaction once its event is; or NULL. */
	enum db_status	(*jobs)(void *arg, struct db *, int64_t event_id);
	void		*jobs_arg;
	/* The notifications the change sends (app/notify.c), written in
	 * its transaction once its event is; or NULL. */
	const struct dossier_hook *hook; /* or NULL */
	/* Or NULL: called inside the transaction once the dossier changed,
	 * with the change's event, to write what the action issues
	 * (documents) through the same connection; anything but DB_OK
	 * rolls everything back and is returned. */
	enum db_status	(*within)(void *arg, int64_t event_id);
	void		*within_arg;
};

struct dossier_event {
	int64_t		 id;
	int64_t		 at;
	int64_t		 actor_id;	/* 0: none */
	const char	*actor_kind;
	const char	*actor_name;	/* or NULL */
	const char	*actor_unit_code;	/* or NULL */
	const char	*actor_unit_vi;		/* its names, or NULL */
	const char	*actor_unit_en;
	const char	*action;
	const char	*from_state;	/* or NULL */
	const char	*to_state;
	const char	*holder_code;	/* or NULL: the applicant */
	const char	*comment;	/* or NULL */
	const char	*reason;	/* or NULL */
};

struct attachment {
	int64_t		 id;
	const char	*field;
	const char	*filename;
	const char	*mime;
	int64_t		 size;
	const char	*sha256;	/* hex */
	const void	*content;	/* new attachments only */
	int64_t		 removed_by;	/* 0: current; else the event (a
					 * supplement's) that removed it */
};

enum dossier_box {
	BOX_MINE,		/* key: the applicant */
	BOX_INBOX,		/* key: the unit holding them now */
	BOX_HELD,		/* key: a unit that received or held them */
	BOX_ALL,
	BOX__MAX
};

struct dossier_filter {
	enum dossier_box box;
	int64_t		 key;		/* user or unit id */
	const char	*service;	/* or NULL */
	const char	*state;		/* or NULL */
	const char	*code;		/* the whole code, or NULL */
	int		 overdue;	/* -1 any, 0 not overdue, 1 overdue */
	int64_t		 now;
	int		 limit;
	int		 offset;
};

/* Definition versions: store one (content may be NULL). */
enum db_status	dossiers_def_add(struct db *, const char *digest,
		    const char *code, const char *content_json);
/* Make sure it is stored (dossiers_def_add), once per connection: the
 * connection remembers the digests it stored or found. */
enum db_status	dossiers_def_pin(struct db *, const char *digest,
		    const char *code, const char *content_json);

/* One dossier; d->id 0 when there is none. */
enum db_status	dossiers_by_key(struct db *, struct arena *,
		    int64_t applicant_id, const char *idem_key,
		    struct dossier *);
/*
 * The public lookup (migrations/0007_web_role.sql, dossier_lookup): the
 * dossier with this code whose PIN hash (core/dossier.c) is pin_hash.
 * Only code, service, state, status and the times are filled, and *found
 * is 1; when code and hash do not match, *found is 0.  It reaches the
 * dossier whoever asks: the caller throttles it.
 */
enum db_status	dossiers_lookup(struct db *, struct arena *, const char *code,
		    const unsigned char pin_hash[32], struct dossier *,
		    int *found);
enum db_status	dossiers_by_code(struct db *, struct arena *,
		    const char *code, struct dossier *);

/*
 * What a submission reads first, in one statement: the applicant as the
 * users table knows them (found 0: no such user); the dossier they filed
 * with this (hashed) Idempotency-Key (d.id 0: none); the units of these
 * codes (at most SUBMITTER_UNITS, the others ignored); and the pupil of
 * this code if the applicant's CCCD is linked to it (as records_student;
 * pupil_code may be NULL).
 */
#define SUBMITTER_UNITS	8
struct submitter {
	struct applicant ap;
	int		 found;
	struct dossier	 d;
	struct unit	 units[SUBMITTER_UNITS];
	size_t		 nunits;
	struct student	 pupil;
	int		 pupil_found;
};
enum db_status	dossiers_submitter(struct db *, struct arena *,
		    int64_t applicant_id, const char *idem_key,
		    const char *const *unit_codes, size_t nunit_codes,
		    const char *pupil_code, struct submitter *);

/*
 * A submission, in one transaction: the next number of the receiving
 * unit's day (Vietnam date of received_at; the counter stays locked
 * until the end), then named(arg, seq, n, audit), which must set
 * n->code, n->pin_hash and the audit entry's object and detail (or
 * return -1: rolled back, DB_ERROR); the dossier with its first event
 * (one statement), its attachments, and the audit entry with the
 * commit (audit_commit: one round trip).  DB_CONFLICT:
 * the applicant's key (or the code) is taken.
 *
 * seq counts from 1 without gaps and without a bound of its own: the
 * code's format has one (core/dossier.h), and named() refuses a seq
 * past it, so the counter never commits past it either.  seq is 0
 * when the counter can go no further (the largest int): named() must
 * refuse 0 too.
 */
enum db_status	dossiers_submit(struct db *, struct arena *,
		    struct dossier_new *,
		    int (*named)(void *arg, int seq, struct dossier_new *,
		    struct audit_entry *), void *arg,
		    const struct attachment *, size_t natts,
		    struct audit_entry *, int64_t *id);
/*
 * A transition, in one transaction with its event, the attachments it
 * adds and those it removes (a supplement: c->remove, marked removed by
 * the event) and the audit entry.  *changed 0: the dossier changed
 * since it was read, its revision is no longer rev, or a file to remove
 * is no longer current (nothing done; its state alone may have come
 * back, after a send_back).
 */
enum db_status	dossiers_act(struct db *, struct arena *,
		    const struct dossier_change *, const struct attachment *,
		    size_t natts, const struct audit_entry *, int *changed);
/* Did the unit ever hold the dossier, or act on it? */
enum db_status	dossiers_held_by(struct db *, int64_t dossier_id,
		    int64_t unit_id, int *held);

enum db_status	dossiers_events(struct db *, struct arena *, int64_t id,
		    struct dossier_event **, size_t *);
/* All its attachments, the removed ones too (removed_by), by id. */
enum db_status	dossiers_attachments(struct db *, struct arena *, int64_t id,
		    struct attachment **, size_t *);
/* The current ones with their content (id, field, filename, content,
 * size). */
enum db_status	dossiers_attachment_contents(struct db *, struct arena *,
		    int64_t id, struct attachment **, size_t *);
/* By due date (unknown last), then code. */
enum db_status	dossiers_list(struct db *, struct arena *,
		    const struct dossier_filter *, struct dossier **, size_t *);

/*
 * Failed lookups (audit_log, action "lookup.failed") in the last
 * window_s seconds (migrations/0011_throttles.sql, lookup_failures):
 * from this address, of this object ("dossier:CODE") from this
 * address, and of this object from anywhere; retry_* are the seconds
 * until the oldest of each leaves the window.
 */
struct lookup_fails {
	int		 by_address, retry_address;
	int		 by_pair, retry_pair;
	int		 by_object, retry_object;
};
enum db_status	dossiers_lookup_fails(struct db *, const char *ip,
		    const char *object, int window_s, struct lookup_fails *);

#endif
