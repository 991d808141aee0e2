/*
 * dossier_int.h - what the files of the dossier use cases share
 * (dossier.c, submit.c, act.c, rate.c; units.c its uc_db_fail).
 * Private to them.
 */
#ifndef MOTCUA_APP_DOSSIER_INT_H
#define MOTCUA_APP_DOSSIER_INT_H

#include <jansson.h>

#include "base/hash.h"
#include "app/dossier.h"
#include "app/audit.h"
#include "app/json.h"

/* The SHA-256 (hex) of a submission's request as normalised (idem.c):
 * the same for the same service and values in any order. */
void		 uc_request_hash(struct app *, const char *service,
		    const struct form_in *, char out[SHA256_HEX_LEN + 1]);
/* "dossier:CODE" */
const char	*uc_object(struct app *, const char *code);

/*
 * Load a dossier as app->actor may see it (v->d, v->wf, v->state,
 * v->access, v->pauses): UC_NOT_FOUND (audited) when it does not exist
 * or is not theirs to see, UC_FORBIDDEN (audited) for a partner token
 * without the scope.  Every use case on one dossier starts here.
 */
enum uc_status	 uc_load(struct app *, const char *code,
		    struct dossier_view_full *v, struct uc_error *);

struct wf_result;
struct dossier_change;
/* act.c: the change of transition res of action ai on the loaded v,
 * whose record is rec, by app's actor (holder, clock, due date, actor,
 * action); data, comment, reason and removals are the caller's. */
enum uc_status	 uc_change(struct app *, struct dossier_view_full *v,
		    size_t ai, const struct wf_result *res,
		    const struct value *rec, struct dossier_change *c,
		    struct uc_error *);
/* uc_load, refused (UC_FORBIDDEN, audited) to a status-only view: for
 * what carries personal data (attachments, documents). */
enum uc_status	 uc_load_content(struct app *, const char *code,
		    struct dossier_view_full *v, struct uc_error *);
/* A row id given as decimal text (no sign, no leading 0), or 0. */
int64_t		 uc_id(const char *s);

/* UC_UNAVAILABLE or UC_ERROR for a failed statement. */
enum uc_status	 uc_db_fail(struct uc_error *, enum db_status);
/* A refusal that hides (UC_NOT_FOUND) or forbids a dossier: audited
 * ("dossier.denied", with why), then described in err. */
enum uc_status	 uc_deny(struct app *, struct uc_error *, enum uc_status st,
		    const char *code, const char *why);

void		 uc_add_input(struct app *, struct input **, size_t *n,
		    size_t *cap, const char *name, const char *val, size_t len,
		    const char *filename);
/* A dossier's stored data as a record of its form (for guards). */
struct value	*uc_record(struct app *, const struct form *, const char *data);

/* Units a request looked up, by code. */
struct unit_cache {
	struct unit	 v[8];
	size_t		 n;
};

/* The unit of this code (u->id 0: none), through the cache (may be
 * NULL): 0, or -1 when the database failed. */
int		 uc_unit(struct app *, struct unit_cache *, const char *code,
		    struct unit *);

/* validate_form's unit check against the units table (arg: a struct
 * unit_check): 1, 0, or -1 with db_failed set. */
struct unit_check {
	struct app	*app;
	struct unit_cache cache;
	int		 db_failed;
};
int		 uc_unit_ok(void *arg, enum unit_kind, const char *code);

/* The unit holding a dossier in a state with this holder; out->id 0:
 * the applicant. */
enum uc_status	 uc_resolve_holder(struct app *, struct unit_cache *,
		    const struct form *, const struct holder *,
		    const struct value *rec, struct unit *out,
		    struct uc_error *);

/*
 * The inputs of fi, in the arena, with the file fields given the files
 * they name by filename (a name not sent stays a file without content,
 * which validation refuses): *out[0..*n).  UC_BAD_INPUT when a file
 * sent is named by no field.
 */
enum uc_status	 uc_files(struct app *, const struct form *,
		    const struct form_in *, struct input **, size_t *n,
		    struct uc_error *);

struct applicant;
struct student;
/* A pupil read already (dossiers_submitter): for this key code, the
 * pupil linked to the applicant, or NULL for none. */
struct pupil_hint {
	const char	*code;
	const struct student *st;
};
/* Fill the readonly fields of data and rec from the applicant's record
 * and the pupil's (found by its key field; through hint, which may be
 * NULL, when it was read for that code): UC_INVALID when a key names no
 * pupil. */
enum uc_status	 uc_fill_readonly(struct app *, const struct form *,
		    const struct applicant *, const struct pupil_hint *hint,
		    struct value *rec, json_t *data, struct uc_error *);
/* The attachments among validated inputs (files with content). */
struct attachment *uc_attachments(struct app *, const struct form *,
		    const struct input *, size_t n, size_t *nout);

#endif
