/*
 * dossier.h - the use cases of dossiers, for the JSON API, the pages,
 * the commands and the background jobs alike: submit, act, see, list,
 * look up, rate (the applicant, once completed) and download an
 * attachment.
 *
 * Each one that changes a dossier commits the dossier row, its event,
 * its attachments and its audit entry in one transaction before it
 * returns.  Refusals that hide or forbid a dossier (UC_NOT_FOUND,
 * UC_FORBIDDEN) are audited here too.  Everything comes from app->arena;
 * the actor is app->actor.
 *
 * The request's time is the clock's, except with MOTCUA_DIAG=1, where
 * an "X-Motcua-Now: 2026-07-01T09:00[:00][+07:00|Z]" header sets it (the
 * tests file school transfers inside their filing window that way).
 */
#ifndef MOTCUA_APP_DOSSIER_H
#define MOTCUA_APP_DOSSIER_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "core/def.h"
#include "core/dossier.h"
#include "store/dossiers.h"

struct input;

/*
 * What an applicant sends with a form: its values by field id (a file
 * field's value is the filename of the file it names), and the files
 * as sent (multipart "file" parts: filename and bytes), which
 * uc_submit and uc_act match to the fields by filename.
 */
struct form_in {
	const struct input *v;
	size_t		 n;
	const struct input *files;
	size_t		 nfiles;
	const int64_t	*remove;	/* a supplement: ids of current
					 * attachments it removes (at most
					 * UC_REMOVE_MAX; repeats are one) */
	size_t		 nremove;
};
#define UC_REMOVE_MAX	64

/* ---- submit -------------------------------------------------------- */

struct receipt {
	struct dossier	 d;
	char		 pin[PIN_LEN + 1];
	const char	*lookup_url;	/* /lookup?code=... (no PIN: URLs
					 * end up in logs) */
};

/*
 * File an application for the signed-in citizen: what was sent (see
 * struct form_in); idem_key the client's Idempotency-Key.  UC_OK (201) or UC_REPLAY (200, the same receipt).
 */
enum uc_status	uc_submit(struct app *, const struct workflow *,
		    const struct form_in *, const char *idem_key,
		    struct receipt *, struct uc_error *);

/*
 * Values the server fills in for the signed-in citizen before they
 * type anything (the applicant's own record): out[0..*n) as inputs by
 * field id.  Prefill from a pupil's record needs the pupil's code and
 * happens at submission.
 */
enum uc_status	uc_prefill(struct app *, const struct form *,
		    struct input **out, size_t *n);

/* ---- see, act, list ---------------------------------------------- */

struct dossier_view_full {
	struct dossier	 d;
	const struct workflow *wf;	/* NULL: no longer defined */
	size_t		 state;		/* index in wf->states, or DEF_NONE */
	enum access	 access;
	struct pauses	 pauses;
	int64_t		 remaining;	/* working minutes, INT64_MIN unknown */
	struct dossier_event *events;
	size_t		 nevents;
	struct attachment *atts;
	size_t		 natts;
	size_t		 actions[64];	/* available to app->actor */
	size_t		 nactions;
	struct payment	*payments;	/* store/payments.h, newest first;
					 * not for ACC_STATUS */
	size_t		 npayments;
	int64_t		 fee_due;	/* đồng: awaiting its fee (status 6,
					 * the workflow's paid action leaves
					 * the state); else 0 */
};

/* One dossier as app->actor may see it (staff and inspector views are
 * audited), with its events, attachments and the actions open to the
 * viewer. */
enum uc_status	uc_get(struct app *, const char *code,
		    struct dossier_view_full *, struct uc_error *);

/*
 * Take an action; on UC_OK *out is the dossier afterwards.  fi (NULL:
 * none): form values and files (as for uc_submit) that change the
 * application, which only the applicant may
 * give, answering a supplement request (the action that resumes the
 * clock): the fields given replace theirs, files are added, and the
 * attachments of fi->remove are removed (each must be a current file
 * of this dossier, else UC_BAD_INPUT naming "remove").  The form is
 * validated on the files it then has: current ones minus removed plus
 * new, so a field at its max-count takes a new file only in place of
 * one removed.  A removed file stays for the record (uc_get lists it
 * with removed_by; uc_attachment downloads it) but is no longer part of
 * the application.
 */
enum uc_status	uc_act(struct app *, const char *code, const char *action,
		    const char *comment, const char *reason,
		    const struct form_in *,
		    struct dossier_view_full *out, struct uc_error *);

/*
 * Fields a supplement may not change (field k of f): what identifies
 * the dossier stays as filed, the units that hold it (a supplement must
 * not move it to another inbox) and the keys of records (it must not
 * become another pupil's).  Readonly fields are the records' anyway.
 */
int		uc_field_frozen(const struct form *, size_t k);

/* A dossier's stored data (dossiers.data) as inputs by field id: text
 * values (several for a list), files as inputs with a filename "" and
 * no value. */
void		uc_stored_inputs(struct app *, const char *data,
		    struct input **, size_t *);

/* ---- rate, download ----------------------------------------------- */

/*
 * The applicant rates the dossier once it is closed (core/rating.h):
 * rating one of rating_names[] (else UC_BAD_INPUT, field "rating"),
 * comment optional (blank: none; at most RATING_COMMENT_MAX characters,
 * else UC_BAD_INPUT "comment").  UC_CONFLICT when not completed yet,
 * withdrawn or rated already; others' dossiers UC_NOT_FOUND.  On UC_OK
 * v->d holds the rating.  Commits the rating, its event and the audit
 * entry ("dossier.rate") together.
 */
enum uc_status	uc_rate(struct app *, const char *code, const char *rating,
		    const char *comment, struct dossier_view_full *v,
		    struct uc_error *);

/* The largest attachment served (the forms bound them lower). */
#define UC_ATTACHMENT_MAX	(12 << 20)

/*
 * One attachment of a dossier, with its bytes, for whoever may see the
 * dossier (uc_load): id (decimal text) must be one of this dossier's
 * attachments, else UC_NOT_FOUND (audited).  Every download is audited
 * ("attachment.download").
 */
enum uc_status	uc_attachment(struct app *, const char *code, const char *id,
		    struct attachment *, struct uc_error *);

/* The dossiers app->actor may list: citizens theirs, staff their unit's
 * inbox (box BOX_INBOX) or every dossier it handled (BOX_HELD),
 * inspectors all.  f->box and f->key are set here. */
enum uc_status	uc_list(struct app *, struct dossier_filter *,
		    struct dossier **, size_t *, struct uc_error *);
/*
 * A list's ?code= (GET /api/v1/dossiers, GET /inbox): the whole code,
 * letters made upper case (a clerk types what a citizen reads out),
 * into f->code; UC_OK, or UC_BAD_INPUT naming "code" when it has not a
 * dossier code's shape.  Exact, not a prefix: every dossier of a
 * school's inbox starts with the school's code.
 */
enum uc_status	uc_code_filter(struct app *, const char *val,
		    struct dossier_filter *, struct uc_error *);

/* Working minutes left (INT64_MIN: unknown) and whether it is late. */
int64_t		uc_remaining(struct app *, const struct dossier *,
		    const struct pauses *, int64_t now);
/* Parse d->paused; -1 if it is not what dossiers.paused holds. */
int		uc_pauses(const char *json, struct pauses *);

/* ---- public lookup ------------------------------------------------ */

struct lookup {
	const struct workflow *wf;	/* NULL: no longer defined */
	const char	*service;
	const char	*code;
	int		 status;
	const char	*state;
	int64_t		 received_at;
	int64_t		 due_at;	/* 0: not known */
	int64_t		 completed_at;	/* 0: open */
	int		 results;	/* results issued (docs/documents.md) */
};

/* By code and PIN; a wrong PIN and an unknown code are alike
 * (UC_NOT_FOUND), audited, and throttled per address and per code and
 * address (dossier.c: the guessers, never the owner's right PIN from
 * an address that has not guessed wrong). */
enum uc_status	uc_lookup(struct app *, const char *code, const char *pin,
		    struct lookup *, struct uc_error *);

#endif
