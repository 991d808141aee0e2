/*
 * dossier.h - the pure rules of dossiers: codes, PINs, who holds a
 * dossier, the paused clock and due dates, who may see or act on one,
 * and the data a dossier stores read back as a typed record.  No I/O:
 * the use cases (web/h_dossiers.c) fetch what these functions ask for
 * and store what they compute.
 *
 * Times are seconds since the epoch (UTC); Vietnam keeps UTC+7 all
 * year, so its dates and the calendar's local minutes (calendar.h)
 * follow by arithmetic.
 */
#ifndef MOTCUA_DOSSIER_H
#define MOTCUA_DOSSIER_H

#include <stddef.h>
#include <stdint.h>

#include "core/def.h"
#include "core/value.h"

struct arena;
struct calendar;
struct input;

#define VN_OFFSET_S	(7 * 3600)	/* Asia/Ho_Chi_Minh, no DST */

/* ---- time -------------------------------------------------------- */

/* Calendar minutes (local time, calendar.h) of a time, and back. */
int64_t	dossier_minutes(int64_t t);
int64_t	dossier_time_of_minutes(int64_t m);
/* The Vietnam date of a time: days since 1970-01-01. */
int64_t	dossier_vn_day(int64_t t);
/* "2026-11-29T10:19:11+07:00" and a NUL (26 bytes). */
#define DOSSIER_TIME_LEN	25
void	dossier_time_format(int64_t t, char out[DOSSIER_TIME_LEN + 1]);
/* "YYYY-MM-DDTHH:MM[:SS]" followed by "Z", "+07:00" or nothing (then
 * Vietnam time): 0 and *t, or -1. */
int	dossier_time_parse(const char *s, int64_t *t);
/* Does the service take applications at t (its filing windows, on the
 * Vietnam date)? */
int	dossier_open_at(const struct workflow *, int64_t t);

/* ---- codes and PINs ---------------------------------------------- */

/*
 * UNITCODE-YYMMDD-NNNN: the receiving unit's code, the Vietnam date of
 * receipt and the day's sequence number of that unit (DOMAIN.md,
 * docs/dossier-codes.md).  The number has four digits up to 9999, as
 * the national scheme prints it, and as many as it needs after (10000,
 * never 010000), so a busy unit's day goes on instead of failing; at
 * most DOSSIER_SEQ_DIGITS, which keeps a code with the longest unit
 * code (64 bytes) within the 80 bytes every route allows a code.
 */
#define DOSSIER_SEQ_DIGITS	8
#define DOSSIER_SEQ_MAX		99999999
#define DOSSIER_CODE_MAX	(64 + 1 + 6 + 1 + DOSSIER_SEQ_DIGITS)
/* 0, or -1 when the unit code has not the units' shape, seq is outside
 * 1..DOSSIER_SEQ_MAX (the day has no number left), or out (at least
 * DOSSIER_CODE_MAX + 1) is short. */
int	dossier_code_format(char *out, size_t sz, const char *unit_code,
	    int64_t received, int seq);
/* 1 if s has the shape of a dossier code (as dossier_code_format makes
 * them: a wider number never starts with 0), else 0. */
int	dossier_code_shape(const char *s);

/* The Idempotency-Key header: 1 to 64 printable ASCII characters, no
 * space.  1 if s has that shape, else 0. */
#define IDEM_KEY_MAX	64
int	dossier_idem_key_shape(const char *s);

/*
 * The lookup PIN: 6 digits.  It is an HMAC-SHA-256, keyed with the
 * client's Idempotency-Key, of the dossier code and a random salt the
 * dossier keeps; so it is as random as the salt, it is never stored,
 * and a retried submission (same key) gets the same PIN back.  What is
 * stored is SHA-256(code || PIN): pin_hash.
 */
#define PIN_LEN		6
#define PIN_SALT_LEN	32		/* hex digits */
void	dossier_pin(const char *key, const char *code, const char *salt,
	    char out[PIN_LEN + 1]);
/* 1 if s is exactly PIN_LEN digits. */
int	dossier_pin_shape(const char *s);
void	dossier_pin_hash(const char *code, const char *pin,
	    unsigned char out[32]);
/* 1 if SHA-256(code || pin) equals stored (constant time), else 0. */
int	dossier_pin_check(const char *code, const char *pin,
	    const unsigned char stored[32]);

/* ---- who holds it ------------------------------------------------ */

enum hold_need {
	HN_APPLICANT,		/* nobody: holder_unit_id NULL */
	HN_UNIT,		/* the unit whose code is *code */
	HN_PARENT,		/* the parent of the unit whose code is *code */
	HN_KIND,		/* the one unit of kind *kind */
	HN_ERROR,		/* the field holds no unit code */
	HN__MAX
};

/* What must be looked up to find the unit that holds a dossier in a
 * state with this holder, given the dossier's record. */
enum hold_need	dossier_holder_need(const struct holder *,
		    const struct form *, const struct value *rec,
		    const char **code, enum unit_kind *kind);

/* ---- the clock ---------------------------------------------------- */

#define PAUSE_OPEN	INT64_MIN	/* "to" of the interval in progress */
#define PAUSES_MAX	64

struct pause {
	int64_t		 from;		/* seconds */
	int64_t		 to;		/* seconds, or PAUSE_OPEN */
};

struct pauses {
	struct pause	 v[PAUSES_MAX];
	size_t		 n;
};

/* 1 if the last interval is open (the clock is paused now). */
int	dossier_paused(const struct pauses *);
/*
 * Apply a clock change (wf.h) at time now: CLK_PAUSE opens an interval,
 * CLK_RESUME closes the open one, CLK_STOP closes it if one is open;
 * the rest change nothing.  A pause while paused, a resume while not
 * paused, too many intervals or a time before the last one: -1 and
 * nothing changed.  0 when applied.
 */
int	dossier_clock(struct pauses *, int change, int64_t now);
/*
 * The due time of a dossier received at `received`, under the
 * workflow's deadline, skipping the closed paused intervals (an open
 * one is not counted: while paused the due time is not known, and it
 * moves when the clock resumes).  -1 when the calendar does not cover
 * the dates.
 */
int64_t	dossier_due(const struct calendar *, const struct workflow *,
	    int64_t received, const struct pauses *);
/*
 * Working minutes left at now until due (negative when late), not
 * counting the paused intervals; while paused, counted from the start
 * of the pause (the time left is frozen).  INT64_MIN when unknown.
 */
int64_t	dossier_remaining(const struct calendar *, int64_t now, int64_t due,
	    const struct pauses *);

/* Serialise as [[from,to],...] (to: null while open) into out (at
 * least PAUSES_JSON_MAX bytes): the length. */
#define PAUSES_JSON_MAX	(PAUSES_MAX * 48 + 3)
size_t	dossier_pauses_json(const struct pauses *, char *out);

/* ---- who may see and act ----------------------------------------- */

enum viewer {
	VIEW_CITIZEN,
	VIEW_STAFF,
	VIEW_INSPECTOR,
	VIEW_PARTNER,
	VIEW__MAX
};

enum access {
	ACC_NONE,		/* as if it did not exist: 404 */
	ACC_STATUS,		/* its progress only: no personal data */
	ACC_READ,		/* see it; never act (inspectors) */
	ACC_ACT,		/* see it; act as the workflow allows */
	ACC_HISTORY,		/* ask whether the unit held it before */
	ACC__MAX
};

struct access_facts {
	enum viewer	 viewer;
	int64_t		 user_id;	/* the viewer */
	int64_t		 unit_id;	/* staff: the viewer's unit */
	int64_t		 applicant_id;	/* the dossier's */
	int64_t		 holder_unit_id;	/* 0: the applicant */
	int64_t		 receiving_unit_id;
	int		 held_before;	/* -1 not known, 0 no, 1 yes */
	int		 may_read;	/* partner: may read dossiers */
};

/*
 * Citizens: their own dossiers.  Staff: those their unit holds, received
 * or held at some step (held_before; ACC_HISTORY asks for it).
 * Inspectors: all, read-only.  Partner systems whose token may read
 * dossiers: read-only, those of the token's unit as staff would see
 * them; a token that names no unit (a portal following every dossier)
 * sees the progress of all, and no personal data: not the form's
 * data, the attachments, nor the comments and reasons of the steps.
 */
enum access	dossier_access(const struct access_facts *);

/* ---- national status codes ---------------------------------------- */

/* The name of status 1..10 (DOMAIN.md), or NULL. */
const struct i18n *dossier_status_name(int status);

/* ---- the stored data as a record ---------------------------------- */

/*
 * Read stored form data (values already normalised by validate_form,
 * as text inputs; files as inputs with a filename and no value) back
 * into a record indexed like f->fields, for guards.  Unknown names and
 * values that do not parse are left out (V_NONE).  rec must hold
 * f->nfields values.
 */
void	dossier_record(struct arena *, const struct form *,
	    const struct input *in, size_t n, struct value *rec);

#endif
