/*
 * pages.h - view models of the pages (common.c, facts.c, dossier.c),
 * for the handlers that render them: the GET routes here, and later the
 * POST routes that answer a form with its errors (the application form
 * keeps the values entered and shows each error beside its field).
 */
#ifndef MOTCUA_PAGES_H
#define MOTCUA_PAGES_H

#include <stddef.h>
#include <stdint.h>

#include "app/dossier.h"
#include "web/render.h"

struct field_error;
struct kvlist;
struct wreq;
struct workflow;

/*
 * The service page: requirements and the application form.  values:
 * what was entered (form pairs by field id; several for checkboxes),
 * or NULL; errs[0..nerrs): errors beside their fields (msg_vi/msg_en),
 * those without a field at the top.  Readonly (prefilled) fields show
 * their value from values too.
 */
struct view	*pages_service(struct wreq *, enum lang,
		    const struct workflow *, const struct kvlist *values,
		    const struct field_error *errs, size_t nerrs);

struct form;
struct input;

/*
 * The fields of a form, by section, into the view's element fm (as the
 * service page has them, for its stylesheet's templates: form-fields.xsl):
 * values entered, errors beside their fields and the others as
 * fm/error; fm gets @multipart when the form has file fields.  With
 * supplement: the fields a supplement may not change (uc_field_frozen)
 * are shown readonly, and no file is required (files add to those
 * attached).
 */
void		pages_form_fields(struct view *, xmlNodePtr fm,
		    const struct form *, const struct kvlist *values,
		    const struct field_error *errs, size_t nerrs,
		    int supplement);
/* The posted fields of this form as inputs (files with their bytes; a
 * file input left empty is no file), and the text values entered. */
void		pages_form_inputs(struct wreq *, const struct form *,
		    struct input **in, size_t *n, struct kvlist *values);

/* A text input as a form value (its text copied into the arena). */
struct kv;
void		pages_kv_of(struct wreq *, struct kv *out, const struct input *);

/*
 * The idempotency key of the application form: PAGE_KEY_BYTES random
 * bytes as lowercase hex, made by pages_service.  The apply puts it in
 * the receipt's cookie, so nothing else is taken: 1 when s has that
 * shape (then it holds no ';', '=' or space a cookie could read as an
 * attribute), else 0.
 */
#define PAGE_KEY_BYTES	16
int		pages_key_shape(const char *s);

/* A value of the shape of an identifier: [a-z0-9_-]{1,64}. */
int		pages_ident(const char *);
/* The dossier's events as n/history/event* (with the actors' names and
 * units when names: the staff's pages). */
void		pages_history(struct view *, xmlNodePtr,
		    const struct dossier_view_full *, int names);
/* The messages about the dossier (docs/notifications.md) as
 * n/messages/message*[@channel, @state, @at, @attempts, @error?]: every
 * state when all (the staff's pages, with the last error), else those
 * sent (the applicant's). */
void		pages_messages(struct view *, xmlNodePtr,
		    const struct dossier_view_full *, int all);

/* The page's language and the dossier of the path's {code} as r->app.actor
 * may see it (uc_get); -1 after the answer (its error). */
int		pages_dossier_get(struct wreq *, struct resp *, enum lang *,
		    struct dossier_view_full *);

/* The status of a page answering a refused form: 422 (bad input), 403,
 * 409; 0 for what is no form's error (uc_reply answers it). */
int		pages_refusal_status(enum uc_status);

/* What every page of a dossier shows of it (facts.c). */
struct dossier;

/* A time of the view model (t 0: no attribute). */
void		pages_time_attr(xmlNodePtr, const char *name, int64_t t);
/* Code, service, state, status, received, due, completed, unit; the
 * unit holding it as n/holder[@code] with its name. */
void		pages_dossier_facts(struct view *, xmlNodePtr,
		    const struct dossier *, const struct workflow *);
/* A unit's name in the page's language (either when one is NULL). */
const char	*pages_unit_name(const struct view *, const char *vi,
		    const char *en);
/* Working minutes left as @days, @hours, @minutes, @late (@paused). */
void		pages_remaining(xmlNodePtr, int64_t minutes, int paused);

/* Shared by the citizen's and the staff's dossier pages (dossier.c). */
struct dossier_view_full;
/* The dossier's attachments as n/attachments/file*, each with its
 * download link (GET /api/v1/dossiers/{code}/attachments/{id}). */
void		pages_attachments(struct view *, xmlNodePtr,
		    const struct dossier_view_full *);
/* The documents issued for it as n/documents/document*[@href (its
 * signed XML), @kind, @result-code, @serial, @code (verification),
 * @record (the public record), @status, @at]: 0, or -1 when the
 * database failed (logged). */
int		pages_documents(struct view *, xmlNodePtr,
		    const struct dossier_view_full *);
/* The applicant's rating as n/rating[@value, @at]/comment?: 1, or 0
 * when there is none. */
int		pages_rating(xmlNodePtr, const struct dossier *);

#endif
