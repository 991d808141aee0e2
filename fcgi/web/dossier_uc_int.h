/*
 * dossier_uc_int.h - what the files of the dossier use cases share
 * (dossier_uc.c, dossier_submit.c, dossier_act.c, dossier_rate.c).
 * Private to them.
 */
#ifndef MOTCUA_DOSSIER_UC_INT_H
#define MOTCUA_DOSSIER_UC_INT_H

#include <jansson.h>

#include "dossier_uc.h"
#include "http.h"
#include "store/audit.h"

/* "anonymous", "citizen" ... by enum who_kind. */
extern const char *const uc_kind_names[WHO__MAX];

/* A JSON value as compact text in the arena (reference stolen; NULL
 * gives NULL). */
const char	*uc_jdump(struct req *, json_t *);
/* An audit entry for this request (actor from r->who), and adding one. */
void		 uc_entry(struct req *, struct audit_entry *,
		    const char *action, const char *object,
		    const char *detail_json);
enum db_status	 uc_audit(struct req *, const char *action, const char *object,
		    const char *detail_json);
/* "dossier:CODE" */
const char	*uc_object(struct req *, const char *code);

/*
 * Load a dossier as r->who may see it (v->d, v->wf, v->state,
 * v->access, v->pauses): UC_NOT_FOUND (audited) when it does not exist
 * or is not theirs to see, UC_FORBIDDEN (audited) for a partner token
 * without the scope.  Every use case on one dossier starts here.
 */
enum uc_status	 uc_load(struct req *, const char *code,
		    struct dossier_view_full *v, struct uc_error *);

/* Fill err and return st. */
enum uc_status	 uc_fail(struct uc_error *, enum uc_status st,
		    const char *field, const char *en, const char *vi);
/* UC_UNAVAILABLE or UC_ERROR for a failed statement. */
enum uc_status	 uc_db_fail(struct uc_error *, enum db_status);
/* A refusal that hides (UC_NOT_FOUND) or forbids a dossier: audited
 * ("dossier.denied", with why), then described in err. */
enum uc_status	 uc_deny(struct req *, struct uc_error *, enum uc_status st,
		    const char *code, const char *why);

void		 uc_add_input(struct req *, struct input **, size_t *n,
		    size_t *cap, const char *name, const char *val, size_t len,
		    const char *filename);
/* A scalar of stored data as text (arrays and objects: NULL). */
const char	*uc_scalar(struct req *, json_t *);
/* A dossier's stored data as a record of its form (for guards). */
struct value	*uc_record(struct req *, const struct form *, const char *data);

/* Units a request looked up, by code. */
struct unit_cache {
	struct unit	 v[8];
	size_t		 n;
};

/* The unit of this code (u->id 0: none), through the cache (may be
 * NULL): 0, or -1 when the database failed. */
int		 uc_unit(struct req *, struct unit_cache *, const char *code,
		    struct unit *);

/* validate_form's unit check against the units table (arg: a struct
 * unit_check): 1, 0, or -1 with db_failed set. */
struct unit_check {
	struct req	*r;
	struct unit_cache cache;
	int		 db_failed;
};
int		 uc_unit_ok(void *arg, enum unit_kind, const char *code);

/* The unit holding a dossier in a state with this holder; out->id 0:
 * the applicant. */
enum uc_status	 uc_resolve_holder(struct req *, struct unit_cache *,
		    const struct form *, const struct holder *,
		    const struct value *rec, struct unit *out,
		    struct uc_error *);

/*
 * Multipart: the inputs of file fields name "file" parts by filename;
 * give them those parts (a name not sent stays a file without content,
 * which validation refuses).  UC_BAD_INPUT when a "file" part is named
 * by no field.
 */
enum uc_status	 uc_files(struct req *, const struct form *, struct input *,
		    size_t n, struct uc_error *);

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
enum uc_status	 uc_fill_readonly(struct req *, const struct form *,
		    const struct applicant *, const struct pupil_hint *hint,
		    struct value *rec, json_t *data, struct uc_error *);
/* The attachments among validated inputs (files with content). */
struct attachment *uc_attachments(struct req *, const struct form *,
		    const struct input *, size_t n, size_t *nout);

#endif
