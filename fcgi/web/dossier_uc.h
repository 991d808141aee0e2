/*
 * dossier_uc.h - the use cases of dossiers, shared by the JSON API
 * (h_dossiers.c) and the pages: submit, act, see, list, look up, rate
 * (the applicant, once completed) and download an attachment.
 *
 * Each one that changes a dossier commits the dossier row, its event,
 * its attachments and its audit entry in one transaction before it
 * returns.  Refusals that hide or forbid a dossier (UC_NOT_FOUND,
 * UC_FORBIDDEN) are audited here too.  Everything comes from r->arena;
 * the actor is r->who.
 *
 * The request's time is the clock's, except with MOTCUA_DIAG=1, where
 * an "X-Motcua-Now: 2026-07-01T09:00[:00][+07:00|Z]" header sets it (the
 * tests file school transfers inside their filing window that way).
 */
#ifndef MOTCUA_DOSSIER_UC_H
#define MOTCUA_DOSSIER_UC_H

#include <stddef.h>
#include <stdint.h>

#include "core/def.h"
#include "core/dossier.h"
#include "store/dossiers.h"

struct field_error;
struct input;
struct req;
struct resp;

enum uc_status {
	UC_OK,
	UC_REPLAY,		/* submit: that key made this dossier before */
	UC_INVALID,		/* field errors: err.errs */
	UC_BAD_INPUT,		/* 422, err.field */
	UC_BAD_REQUEST,		/* 400, err.field */
	UC_NOT_FOUND,		/* 404 */
	UC_FORBIDDEN,		/* 403 */
	UC_CONFLICT,		/* 409: state moved on, window closed ... */
	UC_THROTTLED,		/* 429, err.retry_after */
	UC_UNAVAILABLE,		/* 503 */
	UC_ERROR,		/* 500 */
	UC__MAX
};

struct uc_error {
	const char	*field;		/* or NULL */
	const char	*en;		/* detail, or NULL */
	const char	*vi;
	struct field_error *errs;	/* UC_INVALID */
	size_t		 nerrs;
	int		 retry_after;	/* UC_THROTTLED */
};

/* The request's time (see above). */
int64_t		uc_now(struct req *);

/* Answer err with http_error() (UC_INVALID: every field in "errors"). */
void		uc_reply(struct req *, struct resp *, enum uc_status,
		    const struct uc_error *);

/* ---- submit -------------------------------------------------------- */

struct receipt {
	struct dossier	 d;
	char		 pin[PIN_LEN + 1];
	const char	*lookup_url;	/* /lookup?code=... (no PIN: URLs
					 * end up in logs) */
};

/*
 * File an application for the signed-in citizen: in[0..n) are the form
 * values (files: a filename and their bytes); idem_key the client's
 * Idempotency-Key.  UC_OK (201) or UC_REPLAY (200, the same receipt).
 */
enum uc_status	uc_submit(struct req *, const struct workflow *,
		    const struct input *in, size_t n, const char *idem_key,
		    struct receipt *, struct uc_error *);

/*
 * Values the server fills in for the signed-in citizen before they
 * type anything (the applicant's own record): out[0..*n) as inputs by
 * field id.  Prefill from a pupil's record needs the pupil's code and
 * happens at submission.
 */
enum uc_status	uc_prefill(struct req *, const struct form *,
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
	size_t		 actions[64];	/* available to r->who */
	size_t		 nactions;
};

/* One dossier as r->who may see it (staff and inspector views are
 * audited), with its events, attachments and the actions open to the
 * viewer. */
enum uc_status	uc_get(struct req *, const char *code,
		    struct dossier_view_full *, struct uc_error *);

/*
 * Take an action; on UC_OK *out is the dossier afterwards.  in[0..n):
 * form values (as for uc_submit; multipart "file" parts named by
 * filename) that change the application, which only the applicant may
 * give, answering a supplement request (the action that resumes the
 * clock): the fields given replace theirs, files are added.
 */
enum uc_status	uc_act(struct req *, const char *code, const char *action,
		    const char *comment, const char *reason,
		    struct input *in, size_t n,
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
void		uc_stored_inputs(struct req *, const char *data,
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
enum uc_status	uc_rate(struct req *, const char *code, const char *rating,
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
enum uc_status	uc_attachment(struct req *, const char *code, const char *id,
		    struct attachment *, struct uc_error *);

/* The dossiers r->who may list: citizens theirs, staff their unit's
 * inbox (box BOX_INBOX) or every dossier it handled (BOX_HELD),
 * inspectors all.  f->box and f->key are set here. */
enum uc_status	uc_list(struct req *, struct dossier_filter *,
		    struct dossier **, size_t *, struct uc_error *);
/*
 * A list's ?code= (GET /api/v1/dossiers, GET /inbox): the whole code,
 * letters made upper case (a clerk types what a citizen reads out),
 * into f->code; 0, or -1 after a 422 naming "code" when it has not a
 * dossier code's shape.  Exact, not a prefix: every dossier of a
 * school's inbox starts with the school's code.
 */
int		uc_code_filter(struct req *, struct resp *, const char *val,
		    struct dossier_filter *);

/* Working minutes left (INT64_MIN: unknown) and whether it is late. */
int64_t		uc_remaining(struct req *, const struct dossier *,
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
};

/* By code and PIN; a wrong PIN and an unknown code are alike
 * (UC_NOT_FOUND), audited, and throttled per address and per code. */
enum uc_status	uc_lookup(struct req *, const char *code, const char *pin,
		    struct lookup *, struct uc_error *);

#endif
