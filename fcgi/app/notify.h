/*
 * notify.h - telling citizens: the notifications outbox (store/
 * notifications.h), its texts (notify/texts.h) and its senders
 * (notify/send.h); and the confirmation of a citizen's contact.
 *
 * app_notify renders and adds the messages of one event, inside the
 * transaction of that event (a dossier_hook, store/dossiers.h): one per
 * contact of the applicant (email; SMS when a gateway is configured),
 * in their language.  notify_run delivers one; the jobs process (kind
 * "notify") and `motcua notify` call it.  See docs/notifications.md.
 */
#ifndef MOTCUA_APP_NOTIFY_H
#define MOTCUA_APP_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "store/db.h"

struct workflow;

/* What a message tells of its dossier. */
struct notify_about {
	int64_t		 dossier_id;
	const char	*code;
	const struct workflow *wf;
	size_t		 state;		/* index in wf->states, after */
	int64_t		 applicant_id;
	int64_t		 due_at;	/* 0: none */
	const char	*comment;	/* or NULL */
	const char	*reason;	/* or NULL */
	const char	*kind;		/* the effect's message, or NULL: the
					 * kind of the new status */
};

/*
 * The messages of event_id, in the open transaction.  A kind without a
 * text (none for the status) adds nothing.  DB_OK, or the failure.
 */
enum db_status	app_notify(struct app *, const struct notify_about *,
		    int64_t event_id);

/*
 * The messages of kind to account (dossier and event 0 when none) with
 * these values, in the open transaction (or on their own); only on
 * channel when it is not NULL.  *n how many were added.
 */
struct notify_var;
enum db_status	app_notify_kind(struct app *, int64_t account_id,
		    int64_t dossier_id, int64_t event_id, const char *kind,
		    const struct notify_var *, size_t nvars,
		    const char *channel, size_t *n);

/* The result of one delivery: the job table's three. */
enum notify_result { NOTIFY_DONE, NOTIFY_RETRY, NOTIFY_FAIL, NOTIFY__MAX };

/*
 * Deliver notification id now (SMTP or the SMS gateway), as app->actor
 * (the owner's connection: the jobs process, `motcua notify`).  DONE:
 * sent, or nothing left to do (sent already, failed, or in another
 * sender's hands).  RETRY: not delivered, kept retrying with the error
 * and a later next_at (backoff); FAIL: not delivered and out of tries
 * (failed).  err says why.
 */
enum notify_result notify_run(struct app *, int64_t id, char *err,
		    size_t errlen);
/* notify_run for each due at app->now (at most max): *sent, *left. */
enum db_status	notify_send_due(struct app *, size_t max, size_t *sent,
		    size_t *left);

/* ---- contact confirmation (the citizen acting) ------------------- */

#define CONTACT_CODE_TTL	600	/* seconds */
#define CONTACT_CODE_TRIES	5
#define CONTACT_RESEND_GAP	60	/* seconds between two codes */
#define CONTACT_CODES_PER_HOUR	5

/* channel "email" or "sms": a new code through the outbox. */
enum uc_status	uc_contact_send(struct app *, const char *channel,
		    struct uc_error *);
/* The code given: confirmed, or 422 (wrong, expired, out of tries). */
enum uc_status	uc_contact_confirm(struct app *, const char *channel,
		    const char *code, struct uc_error *);
/* The citizen's language ("vi" or "en"), remembered. */
enum uc_status	uc_set_lang(struct app *, const char *lang,
		    struct uc_error *);


/* ---- reading (notices.c) ------------------------------------------- */

struct notification;
/* The messages of a dossier the actor may see (as uc_get): staff see
 * every state, the applicant every message sent to them. */
enum uc_status	uc_dossier_notifications(struct app *, const char *code,
		    struct notification **, size_t *, struct uc_error *);

#endif
